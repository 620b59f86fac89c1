// The two things the product's sign-in → info → revoke / login → info → logout cycle is held
// against: the same six requests made with bare fetch plus the same keychain writes made directly
// with keytar (the fair floor), and ThoughtSpot's official SDK 2.x making the same six calls.
import {
  AuthenticationApi,
  createBasicConfig,
  createBearerAuthenticationConfig,
  createConfiguration,
  ServerConfiguration,
  type Middleware,
} from 'ts-sdk-v2';
import type { KeytarApi } from '../../electron/core/secrets/keytar-store.js';
import { replayWrites, type KeychainWrite } from './keychain-writes.js';

const BASE = '/api/rest/2.0/auth';
const JSON_HEADERS = { accept: 'application/json', 'content-type': 'application/json' };

/** Bare fetch, and after each step the keychain writes the product made in that step. */
export function floorCycle(
  url: string,
  keychain: { keytar: KeytarApi; service: string; writes: readonly KeychainWrite[] },
): () => Promise<void> {
  const writesOf = (step: number) => keychain.writes.filter((w) => w.step === step);
  const after = (step: number) => replayWrites(keychain.keytar, keychain.service, writesOf(step));
  return async () => {
    const issued = await fetch(`${url}${BASE}/token/full`, {
      method: 'POST',
      headers: JSON_HEADERS,
      body: JSON.stringify({ username: 'tsadmin', password: 'admin', validity_time_in_sec: 3600 }),
    });
    const { token } = (await issued.json()) as { token: string };
    await after(0);
    const bearer = { ...JSON_HEADERS, authorization: `Bearer ${token}` };
    await (await fetch(`${url}${BASE}/session/user`, { headers: bearer })).json();
    await after(1);
    const revoke = { method: 'POST', headers: bearer, body: '{}' };
    await (await fetch(`${url}${BASE}/token/revoke`, revoke)).text();
    await after(2);
    const login = await fetch(`${url}${BASE}/session/login`, {
      method: 'POST',
      headers: JSON_HEADERS,
      body: JSON.stringify({ username: 'tsadmin', password: 'admin' }),
    });
    await login.text();
    await after(3);
    const cookie = (login.headers.getSetCookie()[0] ?? '').split(';')[0] ?? '';
    const withCookie = { ...JSON_HEADERS, cookie };
    await (await fetch(`${url}${BASE}/session/user`, { headers: withCookie })).json();
    await after(4);
    const logout = { method: 'POST', headers: withCookie };
    await (await fetch(`${url}${BASE}/session/logout`, logout)).text();
    await after(5);
  };
}

/** Node's fetch keeps no cookies; the SDK expects a browser to. This middleware plays one. */
function cookieJar(): Middleware {
  let cookie: string | undefined;
  return {
    pre: (ctx) => {
      if (cookie !== undefined) ctx.setHeaderParam('Cookie', cookie);
      return Promise.resolve(ctx);
    },
    post: (ctx) => {
      const set = ctx.headers['set-cookie'];
      if (set !== undefined) cookie = set.split(';')[0];
      return Promise.resolve(ctx);
    },
  };
}

/** The same six calls with @thoughtspot/rest-api-sdk 2.x (it keeps nothing in a keychain). */
export function sdkCycle(url: string): () => Promise<void> {
  return async () => {
    const { token } = await new AuthenticationApi(createBasicConfig(url)).getFullAccessToken({
      username: 'tsadmin',
      password: 'admin',
      validity_time_in_sec: 3600,
    });
    const bearer = new AuthenticationApi(
      createBearerAuthenticationConfig(url, () => Promise.resolve(token)),
    );
    await bearer.getCurrentUserInfo();
    await bearer.revokeToken({});
    const session = new AuthenticationApi(
      createConfiguration({
        baseServer: new ServerConfiguration(url, {}),
        promiseMiddleware: [cookieJar()],
      }),
    );
    await session.login({ username: 'tsadmin', password: 'admin' });
    await session.getCurrentUserInfo();
    await session.logout();
  };
}
