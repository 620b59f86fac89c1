// Issue 11 in the real window, by its buttons: browser mode's server opens the sign-in page through the DevTools
// port in the same Chromium the window runs in (TSM_BROWSER_ENDPOINT), the test plays the person
// at the identity provider's form in that tab, and the window shows who signed in.
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SSO_USERS } from '../../emulator/index.js';
import { playPerson, startChromium, type RunningChromium } from '../../support/chromium.js';
import { AppPage } from './support/app-page.js';
import { startWebApp, type WebApp } from './support/web-app.js';

const POLL = { timeout: 20_000, interval: 100 };

describe('Sign in with SSO, from the window', { timeout: 60_000 }, () => {
  let person: RunningChromium;
  let app: WebApp;
  let browser: Browser;
  let ui: AppPage;

  beforeAll(async () => {
    person = await startChromium();
    [app, browser] = await Promise.all([
      startWebApp({ TSM_BROWSER_ENDPOINT: person.endpoint }),
      chromium.connectOverCDP(person.endpoint),
    ]);
    ui = await AppPage.open(browser, app);
    await ui.openProfile('Demo cluster (SSO)');
  }, 40_000);

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    await person?.close();
  });

  it('closing the sign-in tab says so in place and keeps the profile signed out', async () => {
    await ui.button('Sign in with SSO').click();
    await ui.page.getByText('Waiting for you to finish signing in').waitFor();
    const tab = await playPerson(person.endpoint, { urlIncludes: '/saml/sso' });
    await tab.close();
    await ui.page.getByText('The sign-in window was closed before you finished').waitFor();
    expect(await ui.text(ui.badge())).toBe('Signed out');
  });

  it('signs in at the IdP form, then shows the user the cluster named', async () => {
    const started = Date.now();
    await ui.button('Sign in with SSO').click();
    const tab = await playPerson(person.endpoint, { urlIncludes: '/saml/sso' });
    await tab.getByLabel('Username').fill(SSO_USERS.ssoOnly.username);
    await tab.getByLabel('Password').fill(SSO_USERS.ssoOnly.password);
    await tab.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => ui.text(ui.badge()), POLL).toBe('Signed in');
    console.info(`SAML from the window, end to end: ${Date.now() - started} ms`);
    await ui.page.getByText('sso-user').first().waitFor();
    await expect.poll(() => tab.isClosed(), POLL).toBe(true);
  });
});
