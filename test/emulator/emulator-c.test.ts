// Dialect C (/api/rest/2.0) over real HTTP: real status codes, snake_case shapes, token checks.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from './index.js';
import { call, errorDataOfC, sessionCookieOf, type Answer, type CallOptions } from './test-http.js';

const C = '/api/rest/2.0/auth';
let emu: RunningEmulator;
beforeAll(async () => {
  emu = await startEmulator({ validitySeconds: 120 });
});
afterAll(() => emu.close());

const post = (path: string, options: CallOptions = {}) =>
  call(emu.url, 'POST', `${C}${path}`, options);
const get = (path: string, options: CallOptions = {}) =>
  call(emu.url, 'GET', `${C}${path}`, options);
const login = (body: unknown) => post('/session/login', { body });
async function tokenFor(username: string, password: string, extra: object = {}) {
  const answer = await post('/token/full', { body: { username, password, ...extra } });
  return (answer.json as { token: string }).token;
}
function expectFailure(answer: Answer, status: number, code: number, debug?: string) {
  expect(answer.status).toBe(status);
  const data = errorDataOfC(answer);
  expect(Object.keys(data).sort()).toEqual(['code', 'debug', 'incident_id_guid', 'trace_id_guid']);
  expect(data.code).toBe(code);
  if (debug !== undefined) expect(data.debug).toBe(debug);
}

describe('dialect C sessions', () => {
  it('logs in with 204 and a cookie, reports the user, and logs out', async () => {
    const answer = await login({ username: 'tsadmin', password: 'admin' });
    expect([answer.status, answer.text]).toEqual([204, '']);
    expect(answer.headers.get('set-cookie')).toMatch(/^JSESSIONID=[^;]+; Path=\/; HttpOnly$/);
    const cookie = sessionCookieOf(answer);
    const me = await get('/session/user', { cookie });
    expect(me.json).toEqual({
      id: '59481331-ee53-42be-a548-bd87be6ddd4a',
      name: 'tsadmin',
      display_name: 'Administrator',
      visibility: 'SHARABLE',
      email: 'tsadmin@example.com',
      account_type: 'LOCAL_USER',
      account_status: 'ACTIVE',
      privileges: ['ADMINISTRATION', 'DATADOWNLOADING', 'USERDATAUPLOADING'],
      current_org: { id: 0, name: 'Primary' },
      orgs: [
        { id: 0, name: 'Primary' },
        { id: 1, name: 'Sales' },
      ],
      can_change_password: true,
      is_first_login: false,
      creation_time_in_millis: expect.any(Number) as unknown,
      preferred_locale: 'en-US',
    });
    const out = await post('/session/logout', { cookie });
    expect(out.status).toBe(204);
    expect(out.headers.get('set-cookie')).toContain('Max-Age=0');
    expectFailure(
      await get('/session/user', { cookie }),
      401,
      10023,
      'The user is not authenticated.',
    );
    expect((await post('/session/logout')).status).toBe(204);
  });

  it('picks the org by name or id and forbids orgs the user is not in', async () => {
    const sales = await login({ username: 'tsadmin', password: 'admin', org_identifier: 'Sales' });
    const me = await get('/session/user', { cookie: sessionCookieOf(sales) });
    expect((me.json as { current_org: unknown }).current_org).toEqual({ id: 1, name: 'Sales' });
    const remember = await login({
      username: 'tsadmin',
      password: 'admin',
      org_identifier: 1,
      remember_me: true,
    });
    expect(remember.headers.get('set-cookie')).toContain('Max-Age=604800');
    const forbidden = await login({
      username: 'analyst',
      password: 'analyst',
      org_identifier: '1',
    });
    expectFailure(forbidden, 403, 10040, 'The user does not have access to this resource.');
  });

  it('refuses bad sign-ins with the exact reasons', async () => {
    const bad = 'Authentication failed. Verify that the username and password are correct.';
    expectFailure(await login({ username: 'tsadmin', password: 'x' }), 401, 10002, bad);
    expectFailure(await login({ username: 'ghost', password: 'x' }), 401, 10002, bad);
    expectFailure(await login({ username: 'mfa-user', password: 'mfa-user' }), 401, 10150);
    expectFailure(await login({ username: 'locked-user', password: 'locked-user' }), 401, 10101);
    expectFailure(await login({ password: 'x' }), 400, 10001, 'Invalid parameter values: username');
    expectFailure(
      await login({ username: 'tsadmin', password: 'admin', remember_me: 'yes' }),
      400,
      10001,
    );
    const wrongType = await post('/session/login', {
      body: 'username=tsadmin',
      headers: { 'Content-Type': 'text/plain' },
    });
    expectFailure(wrongType, 400, 10001, 'Invalid parameter values: Content-Type');
  });
});

describe('dialect C tokens', () => {
  it('issues full tokens with scope, validity and org', async () => {
    const issued = emu.tokenRequests();
    const answer = await post('/token/full', { body: { username: 'tsadmin', password: 'admin' } });
    expect(answer.status).toBe(200);
    const t = answer.json as Record<string, number>;
    expect(answer.json).toMatchObject({
      scope: { access_type: 'FULL', org_id: 0, metadata_id: null },
      valid_for_user_id: '59481331-ee53-42be-a548-bd87be6ddd4a',
      valid_for_username: 'tsadmin',
    });
    expect(t.expiration_time_in_millis! - t.creation_time_in_millis!).toBe(120_000);
    const short = await post('/token/full', {
      body: {
        username: 'mfa-user',
        secret_key: 'demo-secret-key',
        validity_time_in_sec: 30,
        org_id: 0,
      },
    });
    const s = short.json as Record<string, number>;
    expect(s.expiration_time_in_millis! - s.creation_time_in_millis!).toBe(30_000);
    expect(emu.tokenRequests()).toBe(issued + 2);
    const sales = await post('/token/full', {
      body: { username: 'tsadmin', password: 'admin', org_id: 1 },
    });
    expect((sales.json as { scope: { org_id: number } }).scope.org_id).toBe(1);
    expectFailure(
      await post('/token/full', { body: { username: 'analyst', password: 'analyst', org_id: 1 } }),
      403,
      10040,
    );
    expectFailure(
      await post('/token/full', { body: { username: 'tsadmin', password: 'admin', org_id: '1' } }),
      400,
      10001,
    );
    expectFailure(
      await post('/token/full', {
        body: { username: 'tsadmin', password: 'admin', validity_time_in_sec: -1 },
      }),
      400,
      10001,
    );
    expectFailure(
      await post('/token/full', { body: { username: 'tsadmin', secret_key: 'x' } }),
      401,
      10003,
    );
  });

  it('validates live tokens and explains dead ones', async () => {
    const token = await tokenFor('analyst', 'analyst');
    const caller = await tokenFor('tsadmin', 'admin', { validity_time_in_sec: 3600 });
    expectFailure(await post('/token/validate', { body: { token } }), 401, 10023);
    const ok = await post('/token/validate', { token: caller, body: { token } });
    expect(ok.json).toMatchObject({ scope: { access_type: 'FULL' }, token_type: 'Bearer' });
    expect(ok.json).toHaveProperty('valid_for_user_id', '2f1c7e3a-5b8d-4c6e-9a0f-1d2e3f4a5b6c');
    expectFailure(
      await post('/token/validate', { token: caller, body: {} }),
      400,
      10001,
      'Invalid parameter values: token',
    );
    expectFailure(
      await post('/token/validate', { token: caller, body: { token: 'nope' } }),
      401,
      10023,
    );
    emu.clock.advance(121_000);
    expectFailure(
      await post('/token/validate', { token: caller, body: { token } }),
      401,
      10024,
      'The token has expired.',
    );
    expectFailure(await get('/session/user', { token }), 401, 10024);
  });

  it('hands a cookie session its own token, which dies with the session', async () => {
    const cookie = sessionCookieOf(await login({ username: 'analyst', password: 'analyst' }));
    const issued = emu.tokenRequests();
    const first = await get('/session/token', { cookie });
    expect(first.json).toMatchObject({
      valid_for_username: 'analyst',
      valid_for_user_id: expect.any(String) as unknown,
    });
    const token = (first.json as { token: string }).token;
    expect((await get('/session/token', { cookie })).json).toMatchObject({ token });
    expect(emu.tokenRequests()).toBe(issued);
    expect((await get('/session/user', { token })).status).toBe(200);
    await post('/session/logout', { cookie });
    expectFailure(await get('/session/user', { token }), 401, 10025, 'The token has been revoked.');
  });

  it('revokes own tokens, others only as admin, and all of a user', async () => {
    const own = await tokenFor('analyst', 'analyst');
    expect((await post('/token/revoke', { token: own })).status).toBe(204);
    expectFailure(await get('/session/user', { token: own }), 401, 10025);
    const analyst = await tokenFor('analyst', 'analyst');
    const admin = await tokenFor('tsadmin', 'admin');
    expectFailure(
      await post('/token/revoke', { token: analyst, body: { token: admin } }),
      403,
      10040,
    );
    expectFailure(
      await post('/token/revoke', { token: analyst, body: { user_identifier: 'tsadmin' } }),
      403,
      10040,
    );
    expect((await post('/token/revoke', { token: admin, body: { token: analyst } })).status).toBe(
      204,
    );
    expectFailure(await get('/session/user', { token: analyst }), 401, 10025);
    const a1 = await tokenFor('analyst', 'analyst');
    const a2 = await tokenFor('analyst', 'analyst');
    const byId = { user_identifier: '2f1c7e3a-5b8d-4c6e-9a0f-1d2e3f4a5b6c' };
    expect((await post('/token/revoke', { token: admin, body: byId })).status).toBe(204);
    for (const t of [a1, a2]) expectFailure(await get('/session/user', { token: t }), 401, 10025);
    expect((await get('/session/user', { token: admin })).status).toBe(200);
    expectFailure(
      await post('/token/revoke', { token: admin, body: { user_identifier: 'ghost' } }),
      400,
      10001,
    );
  });

  it('revokes every token of a user from outside (revokeAll)', async () => {
    const token = await tokenFor('analyst', 'analyst');
    emu.revokeAll('analyst');
    expectFailure(await get('/session/user', { token }), 401, 10025);
  });
});
