// REST API v1 (issue 13): the client against a v1-only emulator (an 8.x cluster) over real HTTP.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  detectDialect,
  ThoughtSpotClient,
  type ClientOptions,
} from '../../../electron/core/thoughtspot/index.js';
import { startEmulator, type RunningEmulator } from '../../emulator/index.js';
import { expectAppError, expectNoSecrets } from '../../support/expect-error.js';
import { startRawServer } from '../../support/raw-server.js';

const running: RunningEmulator[] = [];
async function emulatorWith(options: Parameters<typeof startEmulator>[0]) {
  const emulator = await startEmulator({ port: 0, ...options });
  running.push(emulator);
  return emulator;
}
let v1: RunningEmulator;
beforeAll(async () => {
  v1 = await emulatorWith({ dialects: ['V1'] });
});
afterAll(() => Promise.all(running.map((e) => e.close())));

const client = (extra: Partial<ClientOptions> = {}, emulator = v1) =>
  new ThoughtSpotClient({ baseUrl: emulator.url, dialect: 'V1', ...extra });
const V1 = '/callosum/v1/tspublic/v1/session';

describe('detection with REST API v1', () => {
  it('finds V1 on a v1-only cluster and C on one that speaks everything', async () => {
    expect(await detectDialect({ baseUrl: v1.url })).toBe('V1');
    const full = await emulatorWith({});
    expect(await detectDialect({ baseUrl: full.url })).toBe('C');
  });

  it('takes HTML 404s on the v2 paths and a 401 JSON from session/info for v1, not for an SSO page', async () => {
    const server = await startRawServer((request, response) => {
      if (request.url === `${V1}/info` && request.headers['x-requested-by'] === 'ThoughtSpot') {
        response.writeHead(401, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ incident_id_guid: 'i-1', debug: '["not signed in"]' }));
        return;
      }
      response.writeHead(404, { 'content-type': 'text/html' });
      response.end('<html><body>Not Found</body></html>');
    });
    try {
      expect(await detectDialect({ baseUrl: server.url })).toBe('V1');
      expect(server.seen.map((s) => s.url)).toContain(`${V1}/info`);
    } finally {
      await server.close();
    }
  });
});

describe('dialect V1: sessions over real HTTP', () => {
  it('signs in by password (form body), shows who is signed in, and signs out at the cluster', async () => {
    const first = client();
    v1.requests.length = 0;
    await first.login({ username: 'tsadmin', password: 'admin' });
    expect(first.sessionKind).toBe('cookie');
    expect(first.issuesTokens).toBe(false);
    expect(v1.requests[0]).toMatchObject({
      method: 'POST',
      path: `${V1}/login`,
      bodyKeys: ['username', 'password', 'rememberme'],
    });
    const info = await first.info();
    expect(info).toMatchObject({
      username: 'tsadmin',
      displayName: 'Administrator',
      email: 'tsadmin@example.com',
      userId: '59481331-ee53-42be-a548-bd87be6ddd4a',
      currentOrg: { id: 0 },
      kind: 'cookie',
      dialect: 'V1',
    });
    expect(info.privileges).toContain('ADMINISTRATION');
    expect(info.expiresAt).toBeGreaterThan(Date.now());

    const stored = first.serializeCookies();
    const other = client({ cookies: stored });
    expect(await other.isActive()).toBe(true);
    await first.logout();
    expect(first.sessionKind).toBeUndefined();
    // The cluster ended the session: the same cookies are refused everywhere.
    expect(await other.isActive()).toBe(false);
    await expectAppError(client({ cookies: stored }).info(), 'NOT_SIGNED_IN');
  });

  it('signs in with the org asked for', async () => {
    const c = client();
    await c.login({ username: 'tsadmin', password: 'admin', org: 1 });
    expect((await c.info()).currentOrg).toEqual({ id: 1 });
  });

  it('turns a trusted-auth secret key into a cookie session (one-time token, then login/token)', async () => {
    const c = client();
    v1.requests.length = 0;
    await c.loginWithSecretKey({ username: 'analyst', secretKey: 'demo-secret-key' });
    expect(c.sessionKind).toBe('cookie');
    expect(v1.requests.map((r) => [r.path, r.bodyKeys])).toEqual([
      [`${V1}/auth/token`, ['secret_key', 'username', 'access_level']],
      [`${V1}/login/token`, ['username', 'auth_token', 'no_url_redirection']],
    ]);
    expect(c.serializeCookies()).toContain('JSESSIONID');
    expect((await c.info()).username).toBe('analyst');
  });

  it('says the secret key was refused, without echoing it', async () => {
    const error = await expectAppError(
      client().loginWithSecretKey({ username: 'analyst', secretKey: 'wrong-key-123' }),
      'AUTH_FAILED',
    );
    expect(error.message).toContain('secret key was refused');
    expect(error.details.incidentId).toEqual(expect.any(String));
    expectNoSecrets(error, ['wrong-key-123']);
  });

  it('refuses bearer tokens in one clear sentence, before any request', async () => {
    v1.requests.length = 0;
    const c = client();
    const error = await expectAppError(
      c.getToken({ username: 'tsadmin', credential: { kind: 'password', password: 'admin' } }),
      'INVALID_INPUT',
    );
    expect(error.message).toBe(
      'REST API v1 issues no bearer tokens; use tsm exec, which passes the session as TS_COOKIE',
    );
    await c.login({ username: 'tsadmin', password: 'admin' });
    await expectAppError(c.currentToken(), 'INVALID_INPUT');
    expect(v1.requests.map((r) => r.path)).toEqual([`${V1}/login`]);
  });
});

describe.each(['live', 'documented'] as const)('dialect V1: the %s error envelope', (envelope) => {
  let emulator: RunningEmulator;
  beforeAll(async () => {
    emulator = await emulatorWith({ dialects: ['V1'], errorEnvelope: envelope });
  });

  it.each([
    ['tsadmin', 'nope', 'AUTH_FAILED', /^Wrong username or password for tsadmin/],
    ['mfa-user', 'mfa-user', 'MFA_REQUIRED', /requires multi-factor sign-in for mfa-user/],
    ['locked-user', 'locked-user', 'ACCOUNT_LOCKED', /The account locked-user at .* is locked/],
  ] as const)('%s gets its own message with the incident id', async (user, pass, code, text) => {
    const error = await expectAppError(
      client({}, emulator).login({ username: user, password: pass }),
      code,
    );
    expect(error.message).toMatch(text);
    expect(error.details.status).toBe(401);
    expect(error.details.incidentId).toMatch(/^[0-9a-f-]{36}$/);
    expect(error.details.debug).not.toMatch(/[[\]"]|Error Code/);
    expectNoSecrets(error, [pass === user ? 'never-sent' : pass]);
  });
});
