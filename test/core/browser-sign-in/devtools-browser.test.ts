// The Node BrowserSignIn port attached to a running Chromium (headless, started by the test),
// against a tiny cluster stand-in on loopback that sets cookies and answers 403 where asked.
import { chromium as playwright, type Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { devToolsBrowser } from '../../../electron/core/browser-sign-in/devtools-browser.js';
import type { SignInWindow } from '../../../electron/core/browser-sign-in/port.js';
import { BrowserSignInError } from '../../../electron/core/errors/index.js';
import { playPerson, startChromium, type RunningChromium } from '../../support/chromium.js';
import { closedPortUrl, startRawServer, type RawServer } from '../../support/raw-server.js';

let chromium: RunningChromium;
let cluster: RawServer;
/** The cluster at 127.0.0.1; the same server as `localhost` is "another host". */
let clusterUrl: string;
let otherHostUrl: string;
let opened: SignInWindow[] = [];

beforeAll(async () => {
  chromium = await startChromium();
  cluster = await startRawServer((request, response) => {
    const url = request.url ?? '/';
    if (url === '/other-host') {
      // Another host's cookie, then on to the cluster, as an identity provider would.
      response.writeHead(302, {
        'Set-Cookie': 'tracker=t1; Path=/',
        Location: `${clusterUrl}/`,
      });
      response.end();
    } else if (url === '/forbidden') {
      response.writeHead(403, { 'Content-Type': 'text/html' });
      response.end('<p>No</p>');
    } else if (url === '/framed') {
      response.writeHead(200, { 'Content-Type': 'text/html' });
      response.end('<iframe src="/forbidden"></iframe>');
    } else {
      response.writeHead(200, {
        'Content-Type': 'text/html',
        'Set-Cookie': ['JSESSIONID=js-1; Path=/; HttpOnly', 'clientId=c-1; Path=/; Max-Age=3600'],
      });
      response.end('<p>Signed in</p>');
    }
  });
  clusterUrl = cluster.url.replace(/\/$/, '');
  otherHostUrl = clusterUrl.replace('127.0.0.1', 'localhost');
}, 30_000);
afterEach(async () => {
  await Promise.all(opened.map((w) => w.close()));
  opened = [];
});
afterAll(async () => {
  await chromium?.close();
  await cluster?.close();
});

async function open(url: string): Promise<SignInWindow> {
  const window = await devToolsBrowser({ endpoint: chromium.endpoint }).open(url, {
    title: 'Sign in to Test',
  });
  opened.push(window);
  return window;
}

async function tabUrls(): Promise<string[]> {
  const response = await fetch(`${chromium.endpoint}/json/list`);
  const targets = (await response.json()) as { type: string; url: string }[];
  return targets.filter((t) => t.type === 'page').map((t) => t.url);
}

/** The person's own view of their browser: a CDP client of the test's. */
async function personsBrowser(): Promise<Browser> {
  return playwright.connectOverCDP(chromium.endpoint);
}

describe('devToolsBrowser attached to a running Chromium', { timeout: 30_000 }, () => {
  it("opens the page in a fresh context: the cluster's cookies are there, not in the person's", async () => {
    const window = await open(`${otherHostUrl}/other-host`);
    await expect.poll(() => window.lastPage()?.url, { timeout: 15_000 }).toBe(`${clusterUrl}/`);

    const cookies = await window.cookies(`${clusterUrl}/`);
    expect(cookies.map((c) => c.name).sort()).toEqual(['JSESSIONID', 'clientId']);
    const session = cookies.find((c) => c.name === 'JSESSIONID');
    expect(session).toMatchObject({ value: 'js-1', httpOnly: true, hostOnly: true, path: '/' });
    expect(session).not.toHaveProperty('expires');
    expect(cookies.find((c) => c.name === 'clientId')?.expires).toBeGreaterThan(Date.now() / 1000);
    // The other host's cookie was set (so the filter had something to drop) but is not the cluster's.
    expect((await window.cookies(`${otherHostUrl}/`)).map((c) => c.name)).toEqual(['tracker']);

    const person = await personsBrowser();
    try {
      const own = await person.contexts()[0]?.cookies();
      expect(own?.map((c) => c.name)).toEqual([]);
    } finally {
      await person.close();
    }
  });

  it('lastPage is the main frame landing: 200, then 403; a subframe does not count', async () => {
    const window = await open(`${clusterUrl}/framed`);
    // A loaded machine can take seconds to land the page, as the other cases here allow.
    await expect
      .poll(() => window.lastPage(), { timeout: 15_000 })
      .toEqual({ url: `${clusterUrl}/framed`, status: 200 });
    const page = await playPerson(chromium.endpoint, { urlIncludes: '/framed' });
    await page.waitForLoadState('load');
    expect(window.lastPage()).toEqual({ url: `${clusterUrl}/framed`, status: 200 });

    await page.goto(`${clusterUrl}/forbidden`);
    await expect
      .poll(() => window.lastPage(), { timeout: 15_000 })
      .toEqual({ url: `${clusterUrl}/forbidden`, status: 403 });
  });

  it("ended is 'closed' when the person closes the tab", async () => {
    const window = await open(`${clusterUrl}/to-close`);
    const page = await playPerson(chromium.endpoint, { urlIncludes: '/to-close' });
    await page.close();
    await expect(window.ended).resolves.toBe('closed');
  });

  it("close() closes the tab and its context but leaves the person's browser running", async () => {
    const window = await open(`${clusterUrl}/to-leave`);
    await expect.poll(tabUrls, { timeout: 15_000 }).toContain(`${clusterUrl}/to-leave`);
    await window.close();
    await window.close(); // twice is fine
    expect(await tabUrls()).not.toContain(`${clusterUrl}/to-leave`);
    expect(await tabUrls()).toContain('about:blank'); // the person's own tab
    const version = await fetch(`${chromium.endpoint}/json/version`);
    expect(version.status).toBe(200);
    expect(chromium.running()).toBe(true);
  });

  it('an endpoint nobody answers at: a specific message naming it', async () => {
    const endpoint = await closedPortUrl();
    const error = await devToolsBrowser({ endpoint })
      .open(`${clusterUrl}/`, { title: 'x' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BrowserSignInError);
    expect((error as BrowserSignInError).end).toBe('no-browser');
    expect((error as Error).message).toBe(
      `No browser answered at ${endpoint} (TSM_BROWSER_ENDPOINT or --browser-endpoint): ` +
        'start it with --remote-debugging-port=PORT, or leave both unset',
    );
  });

  it("ended is 'crashed' when the browser goes away, and close() after that is harmless", async () => {
    const doomed = await startChromium();
    try {
      const window = await devToolsBrowser({ endpoint: doomed.endpoint }).open(`${clusterUrl}/`, {
        title: 'x',
      });
      await expect.poll(() => window.lastPage()?.status, { timeout: 15_000 }).toBe(200);
      await doomed.close();
      await expect(window.ended).resolves.toBe('crashed');
      await window.close();
      expect(await window.cookies(`${clusterUrl}/`)).toEqual([]);
    } finally {
      await doomed.close();
    }
  });

  it("ended is 'crashed' when the page's renderer crashes", async () => {
    const window = await open(`${clusterUrl}/will-crash`);
    const page = await playPerson(chromium.endpoint, { urlIncludes: '/will-crash' });
    await page.goto('chrome://crash').catch(() => undefined);
    await expect(window.ended).resolves.toBe('crashed');
  });

  it('the ws:// URL Chromium prints works as well as its http:// address', async () => {
    const window = await devToolsBrowser({ endpoint: chromium.wsEndpoint }).open(
      `${clusterUrl}/via-ws`,
      { title: 'x' },
    );
    opened.push(window);
    await expect.poll(() => window.lastPage()?.status, { timeout: 15_000 }).toBe(200);
  });
});
