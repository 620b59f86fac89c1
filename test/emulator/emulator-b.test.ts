// Dialect B's additions to gettoken (secret key, org, access level) and bearer-to-cookie login;
// dialect A has none of them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from './index.js';
import { call, sessionCookieOf, upstreamOf } from './test-http.js';

let emu: RunningEmulator;
beforeAll(async () => {
  emu = await startEmulator({ secretKey: 'sesame' });
});
afterAll(() => emu.close());

const B = '/tspublic/rest/v2/session';
const getToken = (body: unknown) => call(emu.url, 'POST', `${B}/gettoken`, { body });
const reason = (answer: Awaited<ReturnType<typeof call>>) => {
  const { status, data } = upstreamOf(answer);
  return { status, code: data.code };
};

describe('dialect B gettoken', () => {
  it('signs in by trusted-auth secret key, even MFA users, but not locked ones', async () => {
    for (const userName of ['tsadmin', 'mfa-user']) {
      const got = await getToken({ userName, secretKey: 'sesame' });
      expect(got.status).toBe(200);
      expect(got.json).toMatchObject({ userName, tokenType: 'Bearer' });
    }
    expect(reason(await getToken({ userName: 'locked-user', secretKey: 'sesame' }))).toEqual({
      status: 401,
      code: 10101,
    });
    const wrongKey = await getToken({ userName: 'tsadmin', secretKey: 'demo-secret-key' });
    expect(upstreamOf(wrongKey).data.debug).toBe(
      'Authentication failed. The trusted authentication secret key is invalid.',
    );
    expect(reason(wrongKey)).toEqual({ status: 401, code: 10003 });
  });

  it('lets the password win over the secret key', async () => {
    const wrongPassword = await getToken({
      userName: 'tsadmin',
      password: 'x',
      secretKey: 'sesame',
    });
    expect(reason(wrongPassword)).toEqual({ status: 401, code: 10002 });
    const rightPassword = await getToken({
      userName: 'tsadmin',
      password: 'admin',
      secretKey: 'x',
    });
    expect(rightPassword.status).toBe(200);
  });

  it('takes an org the user belongs to and forbids others', async () => {
    expect((await getToken({ userName: 'tsadmin', password: 'admin', orgId: 1 })).status).toBe(200);
    const forbidden = await getToken({ userName: 'analyst', password: 'analyst', orgId: 1 });
    expect(reason(forbidden)).toEqual({ status: 403, code: 10040 });
    expect(upstreamOf(forbidden).data.debug).toBe(
      'The user does not have access to this resource.',
    );
    expect(reason(await getToken({ userName: 'tsadmin', password: 'admin', orgId: '1' }))).toEqual({
      status: 400,
      code: 10001,
    });
  });

  it('checks accessLevel and requires a credential', async () => {
    const bad = await getToken({ userName: 'tsadmin', password: 'admin', accessLevel: 'ALL' });
    expect(upstreamOf(bad).data.debug).toBe('Invalid parameter values: accessLevel');
    const report = { userName: 'tsadmin', password: 'admin', accessLevel: 'REPORT_BOOK_VIEW' };
    expect(reason(await getToken(report))).toEqual({ status: 400, code: 10001 });
    expect((await getToken({ ...report, tsObjectId: 'lb-1' })).status).toBe(200);
    expect(upstreamOf(await getToken({ userName: 'tsadmin' })).data.debug).toBe(
      'Invalid parameter values: password',
    );
  });

  it('turns a bearer token into a cookie session when login has no credentials', async () => {
    const token = (
      (await getToken({ userName: 'analyst', password: 'analyst' })).json as {
        token: string;
      }
    ).token;
    const login = await call(emu.url, 'POST', `${B}/login`, {
      token,
      body: { rememberMe: 'true' },
    });
    expect(login.json).toMatchObject({ userName: 'analyst', tokenType: 'Cookie' });
    const me = await call(emu.url, 'GET', B, { cookie: sessionCookieOf(login) });
    expect(me.json).toMatchObject({ userName: 'analyst' });
  });
});

describe('dialect A gettoken', () => {
  it('knows no secret key: the password is required', async () => {
    const answer = await call(emu.url, 'POST', '/api/rest/v2/session/gettoken', {
      body: { userName: 'tsadmin', secretKey: 'sesame' },
    });
    expect(upstreamOf(answer).data.debug).toBe('Invalid parameter values: password');
    const login = await call(emu.url, 'POST', '/api/rest/v2/session/login', {
      token: 'x',
      body: {},
    });
    expect(upstreamOf(login).data.debug).toBe('Invalid parameter values: userName');
  });
});
