// Issue 11: the session manager's browser sign-in, with the real DevTools port in Debian's
// Chromium and the emulator's identity provider; the test plays the person at the IdP's form.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { devToolsBrowser } from '../../../electron/core/browser-sign-in/devtools-browser.js';
import { SSO_USERS } from '../../emulator/index.js';
import { expectAppError } from '../../support/expect-error.js';
import { playPerson, startChromium, type RunningChromium } from '../../support/chromium.js';
import { askCluster, auditOf, sessionCookieOf, useSessionWorlds } from './support/world.js';

const { create } = useSessionWorlds('browser-sign-in');
let chromium: RunningChromium;

beforeAll(async () => {
  chromium = await startChromium();
}, 30_000);
afterAll(() => chromium?.close());

function sso(auth: 'saml' | 'oidc' | 'browser' = 'saml') {
  return create({
    profile: { username: '', auth },
    manager: { browser: devToolsBrowser({ endpoint: chromium.endpoint }) },
  });
}

async function signInAtIdp(page: Page, user: { username: string; password: string }) {
  await page.getByLabel('Username').fill(user.username);
  await page.getByLabel('Password').fill(user.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** The sign-in ended without a session, with a message like `pattern`. */
async function unfinished(signingIn: Promise<unknown>, pattern: RegExp): Promise<void> {
  expect((await expectAppError(signingIn, 'SIGN_IN_UNFINISHED')).message).toMatch(pattern);
}

async function tabsAt(origin: string): Promise<number> {
  const targets = (await (await fetch(`${chromium.endpoint}/json/list`)).json()) as {
    type: string;
    url: string;
  }[];
  return targets.filter((t) => t.type === 'page' && t.url.startsWith(origin)).length;
}

describe('signing in through the browser', { timeout: 60_000 }, () => {
  it('learns the user, keeps only the cluster host cookies, mints a token, logs how', async () => {
    const w = await sso('saml');
    const signingIn = w.manager.signInThroughBrowser(w.profile.id);
    await signInAtIdp(
      await playPerson(chromium.endpoint, { urlIncludes: w.emulator.idpUrl }),
      SSO_USERS.analyst,
    );
    const result = await signingIn;

    expect(result).toMatchObject({
      username: 'analyst',
      via: 'SAML',
      status: { state: 'signed-in', kind: 'bearer' },
    });
    expect(w.profiles.get(w.profile.id).username).toBe('analyst');
    const jar = await w.vault.getCookies(w.profiles.get(w.profile.id));
    // The cluster's session cookies, and nothing else the browser held.
    const domains = (JSON.parse(jar ?? '{}') as { cookies: { domain: string; key: string }[] })
      .cookies;
    expect(new Set(domains.map((c) => c.key))).toEqual(new Set(['JSESSIONID', 'clientId']));
    expect(await askCluster(w.emulator, { cookie: sessionCookieOf(jar) })).toMatchObject({
      username: 'analyst',
    });
    expect(auditOf(w).map((e) => e.message)).toContain('through SAML as analyst');
    await expect.poll(() => tabsAt(w.emulator.url), { timeout: 15_000 }).toBe(0);
  });

  it('a second sign-in for the same profile joins the first: one tab, one result', async () => {
    const w = await sso('oidc');
    const first = w.manager.signInThroughBrowser(w.profile.id);
    const second = w.manager.signInThroughBrowser(w.profile.id);
    expect(second).toBe(first);
    const page = await playPerson(chromium.endpoint, { urlIncludes: w.emulator.idpUrl });
    // DevTools' target list follows the tab's navigation a moment later than the page does.
    await expect.poll(() => tabsAt(w.emulator.idpUrl), { timeout: 15_000 }).toBe(1);
    await signInAtIdp(page, SSO_USERS.ssoOnly);
    await expect(second).resolves.toMatchObject({ username: 'sso-user', via: 'OpenID Connect' });
  });

  it('an edit of the profile while its sign-in is open cancels it and keeps nothing', async () => {
    const w = await sso('saml');
    const signingIn = w.manager.signInThroughBrowser(w.profile.id);
    await playPerson(chromium.endpoint, { urlIncludes: w.emulator.idpUrl });
    await w.profiles.update(w.profile.id, {
      name: 'Prod',
      url: w.emulator.url,
      username: 'someone',
      auth: 'saml',
    });
    await unfinished(signingIn, /was changed while it was open/);
    expect(await w.vault.entries(w.profile.id)).toEqual([]);
    expect(w.manager.status(w.profile.id).state).toBe('signed-out');
    await expect.poll(() => tabsAt(w.emulator.idpUrl), { timeout: 15_000 }).toBe(0);
  });

  it('Cancel ends it; a cancel with nothing under way says so', async () => {
    const w = await sso('browser');
    expect(w.manager.cancelBrowserSignIn(w.profile.id)).toBe(false);
    const signingIn = w.manager.signInThroughBrowser(w.profile.id);
    await playPerson(chromium.endpoint, { urlIncludes: w.emulator.url });
    expect(w.manager.cancelBrowserSignIn(w.profile.id)).toBe(true);
    await unfinished(signingIn, /^Sign-in was cancelled$/);
  });

  it('a cluster that refuses to start SAML fails at once, naming the page', async () => {
    // A cluster whose SAML is not set up: its start answers 400; the rest is the emulator's.
    const w = await sso('saml');
    const refusing: Server = createServer((req, res) => {
      if (req.url?.startsWith('/callosum/v1/saml/login')) {
        res.writeHead(400, { 'Content-Type': 'text/html' }).end('<h1>SAML is not configured</h1>');
        return;
      }
      void fetch(`${w.emulator.url}${req.url ?? '/'}`, {
        headers: { cookie: req.headers.cookie ?? '' },
      }).then(async (answer) => {
        res.writeHead(answer.status, {
          'Content-Type': answer.headers.get('content-type') ?? 'text/plain',
        });
        res.end(Buffer.from(await answer.arrayBuffer()));
      });
    });
    await new Promise<void>((resolve) => refusing.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(refusing.address() as AddressInfo).port}`;
    const profile = await w.profiles.update(w.profile.id, {
      name: 'Prod',
      url,
      username: '',
      auth: 'saml',
    });
    try {
      await unfinished(
        w.manager.signInThroughBrowser(profile.id, { timeoutMs: 20_000 }),
        /refused to start this sign-in \(HTTP 400 at \/callosum\/v1\/saml\/login\)/,
      );
    } finally {
      await new Promise((resolve) => refusing.close(resolve));
    }
  });

  it('with no browser to open, says what to set and keeps the session as it was', async () => {
    const w = await create({
      profile: { username: '', auth: 'saml' },
      manager: { browser: devToolsBrowser({ searchPath: '/nonexistent' }) },
    });
    await unfinished(w.manager.signInThroughBrowser(w.profile.id), /TSM_BROWSER/);
    expect(w.manager.status(w.profile.id).state).toBe('signed-out');
  });
});
