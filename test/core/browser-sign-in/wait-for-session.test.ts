// Waiting for the cluster to grant the browser's cookies a session, with a real Chromium (the
// DevTools port attached to it) and a tiny cluster stand-in on loopback whose session-info call
// the probe asks over real HTTP.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { devToolsBrowser } from '../../../electron/core/browser-sign-in/devtools-browser.js';
import type { SignInWindow } from '../../../electron/core/browser-sign-in/port.js';
import { waitForClusterSession } from '../../../electron/core/browser-sign-in/wait-for-session.js';
import { AuthError, BrowserSignInError } from '../../../electron/core/errors/index.js';
import { restoreCookieJar } from '../../../electron/core/thoughtspot/cookie-jar.js';
import { playPerson, startChromium, type RunningChromium } from '../../support/chromium.js';
import { startRawServer, type RawServer } from '../../support/raw-server.js';

let chromium: RunningChromium;
let cluster: RawServer;
let clusterUrl: string;
let opened: SignInWindow[] = [];
let probes = 0;

beforeAll(async () => {
  chromium = await startChromium();
  cluster = await startRawServer((request, response) => {
    const url = request.url ?? '/';
    if (url === '/sign-in') {
      // What a finished sign-in leaves: the session cookie, then the cluster's home.
      response.writeHead(302, {
        'Set-Cookie': 'JSESSIONID=granted; Path=/; HttpOnly',
        Location: '/',
      });
      response.end();
    } else if (url === '/half-way') {
      response.writeHead(200, {
        'Set-Cookie': 'JSESSIONID=pending; Path=/',
        'Content-Type': 'text/html',
      });
      response.end('<p>Enter your code</p>');
    } else if (url === '/session-info') {
      const granted = request.headers.cookie?.includes('JSESSIONID=granted') === true;
      response.writeHead(granted ? 200 : 401, { 'Content-Type': 'application/json' });
      response.end(granted ? '{"name":"sso-user"}' : '{}');
    } else if (url.startsWith('/callosum/v1/saml/login')) {
      response.writeHead(500, { 'Content-Type': 'text/html' });
      response.end('<p>SAML is not configured</p>');
    } else if (url === '/forbidden') {
      response.writeHead(403, { 'Content-Type': 'text/html' });
      response.end('<p>Locked</p>');
    } else {
      response.writeHead(200, { 'Content-Type': 'text/html' });
      response.end('<p>Sign in</p>');
    }
  });
  clusterUrl = cluster.url;
}, 30_000);
afterEach(async () => {
  await Promise.all(opened.map((w) => w.close()));
  opened = [];
  probes = 0;
});
afterAll(async () => {
  await chromium?.close();
  await cluster?.close();
});

async function open(path: string): Promise<SignInWindow> {
  const window = await devToolsBrowser({ endpoint: chromium.endpoint }).open(
    `${clusterUrl}${path}`,
    {
      title: 'x',
    },
  );
  opened.push(window);
  return window;
}

/** The session-info call of the stand-in, with the jar's cookies, as a dialect would make it. */
async function probe(serialized: string): Promise<{ name: string } | undefined> {
  probes += 1;
  const cookie = restoreCookieJar(serialized).getCookieStringSync(`${clusterUrl}/`);
  const response = await fetch(`${clusterUrl}/session-info`, { headers: { cookie } });
  return response.ok ? ((await response.json()) as { name: string }) : undefined;
}

function wait(
  window: SignInWindow,
  more: { startPath?: string; timeoutMs?: number; signal?: AbortSignal } = {},
) {
  return waitForClusterSession({
    window,
    clusterUrl,
    startPath: more.startPath ?? '/',
    probe,
    timeoutMs: more.timeoutMs ?? 15_000,
    signal: more.signal,
  });
}

async function failure(promise: Promise<unknown>): Promise<BrowserSignInError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (error instanceof BrowserSignInError) return error;
  throw new Error(`expected a BrowserSignInError, got ${String(error)}`);
}

describe('waitForClusterSession', { timeout: 30_000 }, () => {
  it('waits through a cookie the cluster does not accept yet, and ends when it grants one', async () => {
    const window = await open('/half-way');
    const waiting = wait(window);
    await expect.poll(() => probes, { timeout: 5_000 }).toBeGreaterThan(0); // 'pending' was asked about
    const page = await playPerson(chromium.endpoint, { urlIncludes: '/half-way' });
    await page.goto(`${clusterUrl}/sign-in`);
    const granted = await waiting;
    expect(granted.info).toEqual({ name: 'sso-user' });
    expect(restoreCookieJar(granted.cookies).getCookieStringSync(`${clusterUrl}/`)).toBe(
      'JSESSIONID=granted',
    );
  });

  it('does not ask the cluster while the browser has none of its cookies', async () => {
    const window = await open('/');
    const error = await failure(wait(window, { timeoutMs: 1_500 }));
    expect(error.end).toBe('timeout');
    expect(probes).toBe(0);
  });

  it('the time is up: says how long, and which error page the person was last on', async () => {
    const window = await open('/forbidden');
    await expect.poll(() => window.lastPage()?.status, { timeout: 15_000 }).toBe(403);
    const error = await failure(wait(window, { timeoutMs: 2_000 }));
    expect(error.end).toBe('timeout');
    expect(error.message).toBe(
      'Signing in took longer than 2 s and the cluster granted no session; the last page was ' +
        'an error from the cluster (HTTP 403 at /forbidden)',
    );
  });

  it('the person closes the tab: closed, and soon', async () => {
    const window = await open('/');
    const waiting = failure(wait(window, { timeoutMs: 20_000 }));
    const started = Date.now();
    await (await playPerson(chromium.endpoint, { urlIncludes: clusterUrl })).close();
    const error = await waiting;
    expect(error.end).toBe('closed');
    expect(error.message).toBe('The sign-in window was closed before you finished');
    expect(Date.now() - started).toBeLessThan(3_000);
  });

  it("the cluster's SAML start answers with an error: refused at once", async () => {
    const startPath = '/callosum/v1/saml/login';
    const window = await open(`${startPath}?targetURLPath=%2F`);
    const error = await failure(wait(window, { startPath }));
    expect(error.end).toBe('refused');
    expect(error.message).toBe(
      'The cluster refused to start this sign-in (HTTP 500 at /callosum/v1/saml/login); ' +
        'check that single sign-on of this kind is set up on the cluster',
    );
  });

  it('cancelled by the caller: cancelled, or the reason the caller gave', async () => {
    const window = await open('/');
    const stop = new AbortController();
    const waiting = failure(wait(window, { signal: stop.signal }));
    stop.abort();
    expect((await waiting).end).toBe('cancelled');

    const changed = new AbortController();
    const reason = new AuthError('NOT_SIGNED_IN', 'The profile changed while you were signing in');
    const again = wait(window, { signal: changed.signal });
    changed.abort(reason);
    await expect(again).rejects.toBe(reason);
  });
});
