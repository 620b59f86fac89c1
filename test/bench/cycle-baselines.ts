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

/** After each step, the keychain writes the product made in that step; `spentMs` adds up their time. */
export class WriteReplay {
  spentMs = 0;

  constructor(
    private readonly keytar: KeytarApi,
    private readonly service: string,
    private readonly writes: readonly KeychainWrite[],
  ) {}

  async after(step: number): Promise<void> {
    const started = performance.now();
    const writes = this.writes.filter((w) => w.step === step);
    await replayWrites(this.keytar, this.service, writes);
    this.spentMs += performance.now() - started;
  }
}

/** Bare fetch, and after each step the keychain writes the product made in that step. */
export function floorCycle(url: string, replay: WriteReplay): () => Promise<void> {
  const after = (step: number) => replay.after(step);
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

/**
 * The same six calls with @thoughtspot/rest-api-sdk 2.x, which keeps nothing in a keychain; with
 * `replay`, followed (like the floor) by the keychain writes the product made, like for like.
 */
export function sdkCycle(url: string, replay?: WriteReplay): () => Promise<void> {
  const after = (step: number) => replay?.after(step);
  return async () => {
    const { token } = await new AuthenticationApi(createBasicConfig(url)).getFullAccessToken({
      username: 'tsadmin',
      password: 'admin',
      validity_time_in_sec: 3600,
    });
    await after(0);
    const bearer = new AuthenticationApi(
      createBearerAuthenticationConfig(url, () => Promise.resolve(token)),
    );
    await bearer.getCurrentUserInfo();
    await after(1);
    await bearer.revokeToken({});
    await after(2);
    const session = new AuthenticationApi(
      createConfiguration({
        baseServer: new ServerConfiguration(url, {}),
        promiseMiddleware: [cookieJar()],
      }),
    );
    await session.login({ username: 'tsadmin', password: 'admin' });
    await after(3);
    await session.getCurrentUserInfo();
    await after(4);
    await session.logout();
    await after(5);
  };
}
