// The app's fetch over Chromium's stack, driven through the Electron double's net.request (real
// HTTP underneath) by the real HttpSession: cookies, redirects, errors, abort.
import { afterEach, describe, expect, it } from 'vitest';
import {
  chromiumFetch,
  type ChromiumRequest,
  type ChromiumRequestFn,
} from '../../../electron/core/shell/chromium-fetch.js';
import { createCookieJar, type FetchLike } from '../../../electron/core/thoughtspot/index.js';
import { HttpSession } from '../../../electron/core/thoughtspot/http-session.js';
import {
  DoubleClientRequest,
  DoubleCookieStore,
  doubleNetFetch,
  type NetSent,
} from '../../electron-double/net.js';
import { expectAppError } from '../../support/expect-error.js';
import { closedPortUrl, startRawServer, type RawServer } from '../../support/raw-server.js';

let server: RawServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const sent: NetSent[] = [];
const store = new DoubleCookieStore();
// The double is an EventEmitter, whose `any` listeners the port's `never` ones cannot type-match.
const netRequest: ChromiumRequestFn = (options) =>
  new DoubleClientRequest(options, store, sent) as unknown as ChromiumRequest;

/** A cluster that signs in with two cookies after a same-origin redirect, and echoes cookies. */
async function twoCookieCluster(): Promise<RawServer> {
  return startRawServer((request, response) => {
    if (request.url === '/login') {
      response.writeHead(302, { Location: '/login/' }).end();
    } else if (request.url === '/login/') {
      response
        .writeHead(200, {
          'Content-Type': 'application/json',
          'Set-Cookie': [
            'JSESSIONID=abc; Path=/; Expires=Wed, 21 Oct 2099 07:28:00 GMT; HttpOnly',
            'clientId=xyz; Path=/',
          ],
        })
        .end('{"ok":true}');
    } else if (request.url === '/away') {
      response.writeHead(302, { Location: 'http://sso.example/login' }).end();
    } else {
      response
        .writeHead(200, { 'Content-Type': 'application/json' })
        .end(JSON.stringify({ cookie: request.headers.cookie ?? null }));
    }
  });
}

function session(fetch: FetchLike, url: string) {
  const jar = createCookieJar();
  const http = new HttpSession({
    baseUrl: new URL(url),
    fetch,
    jar,
    timeoutMs: 5_000,
    maxBodyBytes: 1 << 20,
    retries: 0,
  });
  const send = (path: string, method: 'GET' | 'POST' = 'GET') =>
    http.send({
      method,
      path,
      auth: { kind: 'cookie' },
      context: { operation: 'sign in', origin: new URL(url).origin, secrets: [] },
    });
  return { jar, send };
}

describe('the cluster fetch over Chromium', () => {
  it('asks Chromium to omit credentials and to hand redirects back', async () => {
    server = await twoCookieCluster();
    const { send } = session(chromiumFetch(netRequest), server.url);
    await send('/who');
    expect(sent.at(-1)).toMatchObject({
      api: 'request',
      credentials: 'omit',
      useSessionCookies: false,
      redirect: 'manual',
    });
    expect(store.cookies).toEqual([]);
  });

  it('keeps two Set-Cookie headers apart and follows a same-origin redirect', async () => {
    server = await twoCookieCluster();
    const { jar, send } = session(chromiumFetch(netRequest), server.url);
    await expect(send('/login', 'GET')).resolves.toMatchObject({ body: { ok: true } });
    const names = (await jar.getCookies(server.url)).map((cookie) => cookie.key).sort();
    expect(names).toEqual(['JSESSIONID', 'clientId']);
    await expect(send('/who')).resolves.toMatchObject({
      body: { cookie: 'JSESSIONID=abc; clientId=xyz' },
    });
    expect(store.cookies).toEqual([]); // Chromium's own store learned nothing
  });

  it('refuses a redirect to another origin, and sends nothing there', async () => {
    server = await twoCookieCluster();
    const { send } = session(chromiumFetch(netRequest), server.url);
    await expectAppError(send('/away'), 'NOT_THOUGHTSPOT');
    expect(sent.some((request) => request.url.startsWith('http://sso.example'))).toBe(false);
  });

  it("reports Chromium's network errors and an abort", async () => {
    const url = await closedPortUrl();
    const { send } = session(chromiumFetch(netRequest), url);
    await expectAppError(send('/who'), 'NETWORK');
    server = await startRawServer(() => undefined); // never answers
    const fetch = chromiumFetch(netRequest);
    const controller = new AbortController();
    const pending = fetch(`${server.url}/slow`, {
      method: 'GET',
      headers: {},
      redirect: 'manual',
      signal: controller.signal,
    });
    controller.abort(new Error('stop'));
    await expect(pending).rejects.toThrow('stop');
  });

  it('(why not net.fetch: it loses the redirect and joins the cookies)', async () => {
    server = await twoCookieCluster();
    const netFetch: FetchLike = (url, init) =>
      doubleNetFetch(new DoubleCookieStore(), [], url, init);
    const { send } = session(netFetch, server.url);
    await expectAppError(send('/login'), 'NETWORK'); // "Redirect was cancelled"
    const response = await netFetch(`${server.url}/login/`, {
      method: 'GET',
      headers: {},
      redirect: 'manual',
      signal: AbortSignal.timeout(5_000),
    });
    expect(response.headers.getSetCookie?.()).toHaveLength(1);
  });
});
