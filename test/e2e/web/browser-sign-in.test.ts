// Browser mode's browser sign-in, end to end: `npm run web` started with TSM_BROWSER_ENDPOINT naming
// a running Debian Chromium; the window's page (a tab of that same browser) asks the server to sign
// in, the server's core opens the sign-in page there through the DevTools port, and the test plays
// the person at the emulator's IdP form in that browser. Nothing in the product skips a form.
import { createServer } from 'node:net';
import { chromium as playwright, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SSO_USERS, startEmulator, type RunningEmulator } from '../../emulator/index.js';
import { playPerson, startChromium, type RunningChromium } from '../../support/chromium.js';
import { AppPage } from './support/app-page.js';
import { startWebApp, type WebApp } from './support/web-app.js';

let emulator: RunningEmulator;
let chromium: RunningChromium;
let browser: Browser;
let app: WebApp;
let ui: AppPage;

beforeAll(async () => {
  [emulator, chromium] = await Promise.all([startEmulator(), startChromium()]);
  app = await startWebApp({ TSM_BROWSER_ENDPOINT: chromium.endpoint });
  // The window's page is a tab of the person's browser, as the sign-in page will be.
  browser = await playwright.connectOverCDP(chromium.endpoint);
  ui = await AppPage.open(browser, app);
}, 60_000);
afterAll(async () => {
  await app?.stop();
  await browser?.close();
  await chromium?.close();
  await emulator?.close();
});

async function addProfile(name: string, auth: 'saml' | 'oidc' | 'browser'): Promise<string> {
  const saved = await ui.invoke('profiles:save', {
    input: { name, url: emulator.url, username: '', auth },
  });
  return saved.id;
}

async function openTabsOn(origin: string): Promise<number> {
  const response = await fetch(`${chromium.endpoint}/json/list`);
  const targets = (await response.json()) as { type: string; url: string }[];
  return targets.filter((t) => t.type === 'page' && t.url.startsWith(origin)).length;
}

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('browser mode: sign in through the browser', { timeout: 60_000 }, () => {
  it('SAML: a tab of the named browser, the IdP form, then a token from that session', async () => {
    const profileId = await addProfile('Corp SAML', 'saml');
    const started = Date.now();
    const signedIn = ui.invoke('session:signInWithBrowser', { profileId });
    const page = await playPerson(chromium.endpoint, { urlIncludes: emulator.idpUrl });
    await page.getByLabel('Username').fill(SSO_USERS.ssoOnly.username);
    await page.getByLabel('Password').fill(SSO_USERS.ssoOnly.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(signedIn).resolves.toMatchObject({ username: 'sso-user', via: 'SAML' });
    console.info(`browser mode SAML sign-in end to end: ${Date.now() - started} ms`);

    // The sign-in tab is closed; the window's own tab stays.
    await expect.poll(() => openTabsOn(emulator.url), { timeout: 15_000 }).toBe(0);
    expect(ui.page.isClosed()).toBe(false);
    // The cluster named the user, and a bearer token was minted from the browser's session.
    const { profiles } = await ui.invoke('profiles:list', {});
    expect(profiles.find((p) => p.id === profileId)).toMatchObject({ username: 'sso-user' });
    const { token } = await ui.invoke('session:revealToken', { profileId });
    const me = await fetch(`${emulator.url}/api/rest/2.0/auth/session/user`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    expect(await me.json()).toMatchObject({ name: 'sso-user' });
    expect(app.output()).not.toContain('JSESSIONID');
  });

  it('closing the sign-in tab ends it with the reason, and keeps nothing', async () => {
    const profileId = await addProfile('Corp closed', 'oidc');
    const failure = ui.invokeFailure('session:signInWithBrowser', { profileId });
    const page = await playPerson(chromium.endpoint, { urlIncludes: emulator.idpUrl });
    await page.close();
    await expect(failure).resolves.toEqual({
      code: 'SIGN_IN_UNFINISHED',
      message: 'The sign-in window was closed before you finished',
    });
    const answer = await ui.invokeFailure('session:revealToken', { profileId });
    expect(answer.code).not.toBe('NONE');
  });
});

describe('browser mode: which browser', { timeout: 60_000 }, () => {
  it('uses the endpoint TSM_BROWSER_ENDPOINT names, and says so when none answers there', async () => {
    const nowhere = `http://127.0.0.1:${await closedPort()}`;
    const other = await startWebApp({ TSM_BROWSER_ENDPOINT: nowhere });
    try {
      const page = await AppPage.open(browser, other);
      const saved = await page.invoke('profiles:save', {
        input: { name: 'Corp', url: emulator.url, username: '', auth: 'saml' },
      });
      const failure = await page.invokeFailure('session:signInWithBrowser', {
        profileId: saved.id,
      });
      expect(failure.code).toBe('SIGN_IN_UNFINISHED');
      expect(failure.message).toContain(`No browser answered at ${nowhere} (TSM_BROWSER_ENDPOINT`);
    } finally {
      await other.stop();
    }
  });
});
