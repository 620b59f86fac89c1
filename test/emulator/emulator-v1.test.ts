// The emulator's REST API v1 (`--dialects V1`: an 8.x cluster) over raw HTTP: form bodies, the
// CSRF header, cookie sessions, trusted auth by one-time token, isactive, orgs, the v1 envelope.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCliArgs } from './cli-args.js';
import { FAILURES, startEmulator, type RunningEmulator } from './index.js';
import { call, liveDebugOf, sessionCookieOf, type Answer, type ErrorData } from './test-http.js';

const V1 = '/callosum/v1/tspublic/v1/session';
const CSRF = { 'X-Requested-By': 'ThoughtSpot' };
const FORM = { ...CSRF, 'Content-Type': 'application/x-www-form-urlencoded' };
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

let emulator: RunningEmulator;
beforeAll(async () => {
  const options = parseCliArgs(['--dialects', 'V1']);
  if (options === 'help') throw new Error('unexpected help');
  expect(options).toEqual({ dialects: ['V1'] });
  emulator = await startEmulator(options);
});
afterAll(() => emulator.close());

const post = (path: string, fields: Record<string, string>, cookie?: string) =>
  call(emulator.url, 'POST', `${V1}${path}`, {
    body: new URLSearchParams(fields).toString(),
    headers: FORM,
    ...(cookie !== undefined ? { cookie } : {}),
  });
const get = (path: string, cookie?: string) =>
  call(emulator.url, 'GET', path, { headers: CSRF, ...(cookie !== undefined ? { cookie } : {}) });
const cookiesOf = (answer: Answer) =>
  answer.headers
    .getSetCookie()
    .map((line) => line.split(';')[0])
    .join('; ');

async function signIn(username = 'tsadmin', password = 'admin'): Promise<string> {
  const answer = await post('/login', { username, password });
  expect(answer.status).toBe(204);
  return cookiesOf(answer);
}

describe('REST API v1 in the emulator', () => {
  it('answers only v1 when asked for V1 alone: the v2 paths are 404', async () => {
    expect((await call(emulator.url, 'GET', '/api/rest/2.0/auth/session/user')).status).toBe(404);
    expect((await call(emulator.url, 'GET', '/tspublic/rest/v2/session')).status).toBe(404);
    const info = await get(`${V1}/info`);
    expect(info.status).toBe(401);
    expect(info.headers.get('content-type')).toMatch(/application\/json/);
  });

  it('logs in with a form body (204, JSESSIONID and clientId) and tells who is signed in', async () => {
    const login = await post('/login', { username: 'tsadmin', password: 'admin', orgid: '1' });
    expect(login.status).toBe(204);
    expect(login.headers.getSetCookie().map((c) => c.split('=')[0])).toEqual([
      'JSESSIONID',
      'clientId',
    ]);
    const info = await get(`${V1}/info`, cookiesOf(login));
    expect(info.status).toBe(200);
    expect(info.json).toMatchObject({
      userName: 'tsadmin',
      userDisplayName: 'Administrator',
      userEmail: 'tsadmin@example.com',
      userGUID: '59481331-ee53-42be-a548-bd87be6ddd4a',
      currentOrgId: 1,
    });
    const { privileges, expirationTime } = info.json as {
      privileges: string[];
      expirationTime: number;
    };
    expect(privileges).toContain('ADMINISTRATION');
    expect(expirationTime).toBeGreaterThan(Date.now());
  });

  it('refuses a call without X-Requested-By with 400, as a cluster CSRF filter does', async () => {
    const answer = await call(emulator.url, 'POST', `${V1}/login`, {
      body: 'username=tsadmin&password=admin',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    });
    expect(answer.status).toBe(400);
    expect(answer.headers.getSetCookie()).toEqual([]);
    expect((await call(emulator.url, 'GET', `${V1}/info`)).status).toBe(400);
  });

  it('refuses a JSON body: v1 takes forms', async () => {
    const answer = await call(emulator.url, 'POST', `${V1}/login`, {
      body: { username: 'tsadmin', password: 'admin' },
      headers: CSRF,
    });
    expect(answer.status).toBe(400);
  });

  it('logs out (204), after which the session and isactive answer 401', async () => {
    const cookie = await signIn();
    expect((await get('/callosum/v1/session/isactive', cookie)).status).toBe(200);
    expect((await post('/logout', {}, cookie)).status).toBe(204);
    expect((await get('/callosum/v1/session/isactive', cookie)).status).toBe(401);
    expect((await get(`${V1}/info`, cookie)).status).toBe(401);
  });

  it('trusted auth: a text/plain one-time token, exchanged once for a session', async () => {
    const issued = await call(emulator.url, 'POST', `${V1}/auth/token`, {
      body: 'secret_key=demo-secret-key&username=analyst&access_level=FULL',
      headers: { ...FORM, Accept: 'text/plain' },
    });
    expect(issued.status).toBe(200);
    expect(issued.headers.get('content-type')).toMatch(/^text\/plain/);
    const token = issued.text;
    expect(token).toMatch(/^[\w-]{20,}$/);
    const fields = { username: 'analyst', auth_token: token, no_url_redirection: 'true' };
    const login = await post('/login/token', fields);
    expect(login.status).toBe(204);
    expect(sessionCookieOf(login)).toMatch(/^JSESSIONID=/);
    expect(
      ((await get(`${V1}/info`, cookiesOf(login))).json as { userName: string }).userName,
    ).toBe('analyst');
    // Once only.
    expect((await post('/login/token', fields)).status).toBe(401);
  });

  it('without no_url_redirection the token login redirects to redirect_url', async () => {
    const issued = await post('/auth/token', {
      secret_key: 'demo-secret-key',
      username: 'analyst',
    });
    const answer = await fetch(`${emulator.url}${V1}/login/token`, {
      method: 'POST',
      headers: FORM,
      body: new URLSearchParams({
        username: 'analyst',
        auth_token: issued.text,
        redirect_url: '/#/home',
      }).toString(),
      redirect: 'manual',
    });
    expect(answer.status).toBe(302);
    expect(answer.headers.get('location')).toBe('/#/home');
    expect(answer.headers.getSetCookie()[0]).toMatch(/^JSESSIONID=/);
  });

  it("switches a session to another of the user's orgs, and refuses one they are not in", async () => {
    const cookie = await signIn();
    const put = (orgid: string) =>
      fetch(`${emulator.url}${V1}/orgs`, {
        method: 'PUT',
        headers: { ...FORM, cookie },
        body: new URLSearchParams({ orgid }).toString(),
      });
    expect((await put('1')).status).toBe(204);
    expect((await get(`${V1}/info`, cookie)).json).toMatchObject({ currentOrgId: 1 });
    expect((await put('7')).status).toBe(400);
    expect((await get(`${V1}/info`, cookie)).json).toMatchObject({ currentOrgId: 1 });
  });

  it('lists the orgs of the signed-in user', async () => {
    const answer = await get(`${V1}/orgs?batchsize=-1&offset=-1`, await signIn());
    expect(answer.json).toEqual({
      orgs: [
        { orgId: 0, orgName: 'Primary', description: '', isActive: true },
        { orgId: 1, orgName: 'Sales', description: '', isActive: true },
      ],
      canAdministerAllOrgs: true,
      currentOrgId: 0,
    });
  });
});

describe.each(['live', 'documented'] as const)('the v1 error body, %s envelope', (envelope) => {
  let server: RunningEmulator;
  beforeAll(async () => {
    server = await startEmulator({ dialects: ['V1'], errorEnvelope: envelope });
  });
  afterAll(() => server.close());

  it.each([
    ['tsadmin', 'wrong', FAILURES.badCredentials],
    ['mfa-user', 'mfa-user', FAILURES.mfaRequired],
    ['locked-user', 'locked-user', FAILURES.locked],
  ] as const)(
    '%s: the real status, incident and a JSON-array debug at the top level',
    async (username, password, spec) => {
      const answer = await call(server.url, 'POST', `${V1}/login`, {
        body: new URLSearchParams({ username, password }).toString(),
        headers: FORM,
      });
      expect(answer.status).toBe(401);
      const body = answer.json as ErrorData & { type: string };
      expect(body).toMatchObject({ type: 'USER_ERROR', code: spec.code });
      expect(body.incident_id_guid).toMatch(GUID);
      if (envelope === 'documented') expect(JSON.parse(body.debug)).toEqual([spec.debug]);
      else
        expect(liveDebugOf(body)).toEqual({
          name: spec.name,
          incident: body.incident_id_guid,
          text: spec.debug,
        });
    },
  );
});
