// Dialects A and B over real HTTP: shapes, status codes, and the 500 error envelope.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from './index.js';
import { call, sessionCookieOf, upstreamOf, type Answer } from './test-http.js';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
let emu: RunningEmulator;
beforeAll(async () => {
  emu = await startEmulator();
});
afterAll(() => emu.close());

function expectFailure(answer: Answer, status: number, code: number, debug: string) {
  expect(answer.status).toBe(500);
  expect(upstreamOf(answer)).toMatchObject({ status, data: { code, debug } });
}

describe.each([
  ['A', '/api/rest/v2/session'],
  ['B', '/tspublic/rest/v2/session'],
])('dialect %s', (_dialect, base) => {
  const post = (path: string, body?: unknown, extra: { token?: string; cookie?: string } = {}) =>
    call(emu.url, 'POST', `${base}${path}`, { ...extra, body });
  const info = (extra: { token?: string; cookie?: string }) => call(emu.url, 'GET', base, extra);

  it('logs in with a cookie session, reports it, and logs out', async () => {
    const before = emu.clock.now();
    const login = await post('/login', { userName: 'tsadmin', password: 'admin' });
    expect(login.status).toBe(200);
    expect(login.json).toEqual({
      userName: 'tsadmin',
      token: '',
      tokenCreatedTime: expect.stringMatching(/^\d+$/) as unknown,
      tokenExpiryDuration: '7200',
      tokenType: 'Cookie',
    });
    expect(login.headers.get('set-cookie')).toMatch(/^JSESSIONID=[^;]+; Path=\/; HttpOnly$/);
    const cookie = sessionCookieOf(login);
    const me = await info({ cookie });
    expect(me.status).toBe(200);
    expect(me.json).toMatchObject({
      userName: 'tsadmin',
      userDisplayName: 'Administrator',
      userEmail: 'tsadmin@example.com',
      userGUID: '59481331-ee53-42be-a548-bd87be6ddd4a',
      privileges: ['ADMINISTRATION', 'DATADOWNLOADING', 'USERDATAUPLOADING'],
      state: 'ACTIVE',
    });
    const expiration = (me.json as { expirationTime: number }).expirationTime;
    expect(expiration - before).toBeGreaterThanOrEqual(7200_000);
    const out = await post('/logout', undefined, { cookie });
    expect(out.status).toBe(200);
    expect(out.json).toBe(true);
    expect(out.headers.get('set-cookie')).toContain('Max-Age=0');
    expectFailure(await info({ cookie }), 401, 10023, 'The user is not authenticated.');
  });

  it('keeps a remember-me session for 7 days by the emulator clock', async () => {
    const login = await post('/login', {
      userName: 'analyst',
      password: 'analyst',
      rememberMe: true,
    });
    expect(login.headers.get('set-cookie')).toContain('Max-Age=604800');
    expect((login.json as { tokenExpiryDuration: string }).tokenExpiryDuration).toBe('604800');
    const cookie = sessionCookieOf(login);
    emu.clock.advance(3 * 3600_000);
    expect((await info({ cookie })).status).toBe(200);
    emu.clock.advance(7 * 24 * 3600_000);
    expectFailure(await info({ cookie }), 401, 10023, 'The user is not authenticated.');
  });

  it('ends a plain session after 2 hours', async () => {
    const cookie = sessionCookieOf(
      await post('/login', { userName: 'analyst', password: 'analyst' }),
    );
    emu.clock.advance(2 * 3600_000 + 1);
    expect((await info({ cookie })).status).toBe(500);
  });

  it('issues bearer tokens that expire and can be revoked', async () => {
    const issued = emu.tokenRequests();
    const got = await post('/gettoken', {
      userName: 'tsadmin',
      password: 'admin',
      tokenExpiryDuration: '60',
    });
    expect(got.status).toBe(200);
    const body = got.json as Record<string, string>;
    expect(body).toMatchObject({
      userName: 'tsadmin',
      tokenType: 'Bearer',
      tokenExpiryDuration: '60',
    });
    expect(body.token).toMatch(/^\S{20,}$/);
    expect(Number(body.tokenCreatedTime)).toBeCloseTo(emu.clock.now(), -3);
    expect(emu.tokenRequests()).toBe(issued + 1);
    const token = body.token ?? '';
    const me = await info({ token });
    expect((me.json as { expirationTime: number }).expirationTime).toBe(
      Number(body.tokenCreatedTime) + 60_000,
    );
    emu.clock.advance(61_000);
    expectFailure(await info({ token }), 401, 10024, 'The token has expired.');
    expectFailure(
      await post('/revoketoken', undefined, { token }),
      401,
      10024,
      'The token has expired.',
    );

    const fresh = await post('/gettoken', {
      userName: 'tsadmin',
      password: 'admin',
      tokenExpiryDuration: 'soon',
    });
    expect((fresh.json as { tokenExpiryDuration: string }).tokenExpiryDuration).toBe('300');
    const t2 = (fresh.json as { token: string }).token;
    const revoked = await post('/revoketoken', undefined, { token: t2 });
    expect([revoked.status, revoked.json]).toEqual([200, true]);
    expectFailure(await info({ token: t2 }), 401, 10025, 'The token has been revoked.');
    expectFailure(await post('/revoketoken'), 401, 10023, 'The user is not authenticated.');
  });

  it('lets the bearer token win over the cookie; logout with a token revokes nothing', async () => {
    const cookie = sessionCookieOf(
      await post('/login', { userName: 'analyst', password: 'analyst' }),
    );
    expectFailure(
      await info({ cookie, token: 'bogus' }),
      401,
      10023,
      'The user is not authenticated.',
    );
    const token = (
      (await post('/gettoken', { userName: 'tsadmin', password: 'admin' })).json as {
        token: string;
      }
    ).token;
    expect((await info({ cookie, token })).json).toMatchObject({ userName: 'tsadmin' });
    expect((await post('/logout', undefined, { token })).json).toBe(true);
    expect((await info({ token })).status).toBe(200);
    expect((await post('/logout')).json).toBe(true);
  });

  it('renders every failure as the nested 500 envelope with the exact reasons', async () => {
    const wrong = await post('/login', { userName: 'tsadmin', password: 'nope' });
    expect(wrong.status).toBe(500);
    const errors = (wrong.json as { error: { errors: Record<string, unknown> } }).error.errors;
    expect(errors).toMatchObject({
      message: 'Request failed with status code 500',
      path: [expect.any(String)],
      extension: { service: 'CALLOSUM', code: 'UPSTREAM_FAILURE' },
    });
    const data = upstreamOf(wrong).data;
    expect(data.incident_id_guid).toMatch(GUID);
    expect(data.trace_id_guid).toMatch(GUID);
    const again = upstreamOf(await post('/login', { userName: 'nobody', password: 'x' }));
    expect(again.data.incident_id_guid).not.toBe(data.incident_id_guid);
    const bad = 'Authentication failed. Verify that the username and password are correct.';
    expectFailure(wrong, 401, 10002, bad);
    expectFailure(await post('/gettoken', { userName: 'tsadmin', password: 'x' }), 401, 10002, bad);
    const mfa =
      'Multi-factor authentication is required for this user; password sign-in is not allowed.';
    expectFailure(
      await post('/login', { userName: 'mfa-user', password: 'mfa-user' }),
      401,
      10150,
      mfa,
    );
    expectFailure(
      await post('/gettoken', { userName: 'mfa-user', password: 'mfa-user' }),
      401,
      10150,
      mfa,
    );
    const locked = 'The user account is locked. Contact your administrator.';
    expectFailure(
      await post('/login', { userName: 'locked-user', password: 'locked-user' }),
      401,
      10101,
      locked,
    );
    expectFailure(
      await post('/login', { password: 'x' }),
      400,
      10001,
      'Invalid parameter values: userName',
    );
    expectFailure(
      await post('/login', { userName: 5, password: 'x' }),
      400,
      10001,
      'Invalid parameter values: userName',
    );
    expectFailure(await post('/login', '{nope'), 400, 10001, 'Invalid parameter values: body');
    expectFailure(await info({}), 401, 10023, 'The user is not authenticated.');
  });
});
