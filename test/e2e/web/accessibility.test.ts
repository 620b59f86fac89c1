// axe-core on every screen and dialog of the window, in the light and the dark scheme, in
// Debian's Chromium against the real core, the demo cluster and a private keyring: no serious
// or critical violation anywhere; the milder ones are counted into test-results/axe.txt.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { playPerson, startChromium, type RunningChromium } from '../../support/chromium.js';
import { blocking, runAxe, summary, type AxeReport } from './support/axe.js';
import { AppPage, launchChromium } from './support/app-page.js';
import { ROOT, startWebApp, type WebApp } from './support/web-app.js';

const POLL = { timeout: 15_000, interval: 100 };
const reports: AxeReport[] = [];

/** Runs axe on the screen as it is, light then dark: every serious or critical finding fails. */
async function check(ui: AppPage, screen: string): Promise<void> {
  const found: string[] = [];
  for (const scheme of ['light', 'dark'] as const) {
    const report = await runAxe(ui.page, screen, scheme);
    reports.push(report);
    found.push(...blocking(report));
  }
  await ui.page.emulateMedia({ colorScheme: 'light' });
  expect(found).toEqual([]);
}

afterAll(() => {
  const text = summary(reports);
  console.log(`axe-core, minor/moderate/serious/critical per screen:\n${text}`);
  const dir = join(ROOT, 'test-results');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'axe.txt'), `${text}\n`);
});

describe('accessibility of every screen (axe-core)', { timeout: 60_000 }, () => {
  let app: WebApp;
  let browser: Browser;
  let ui: AppPage;

  beforeAll(async () => {
    [app, browser] = await Promise.all([startWebApp(), launchChromium()]);
    ui = await AppPage.open(browser, app);
  }, 30_000);

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('the profile list', async () => {
    await ui.profiles();
    await ui.page.locator('[data-profile="Demo cluster"]').waitFor();
    await check(ui, 'profiles');
  });

  it('the remove confirmation', async () => {
    await ui.button('Remove Demo cluster (SSO)').click();
    await ui.dialog().waitFor();
    await check(ui, 'remove-dialog');
    await ui.button('Cancel', ui.dialog()).click();
    await expect.poll(() => ui.dialog().count(), POLL).toBe(0);
  });

  it('the new-profile editor, with the errors an empty save shows', async () => {
    await ui.button('Add profile').click();
    await ui.page.getByRole('heading', { name: 'New profile', level: 1 }).waitFor();
    await check(ui, 'editor-new');
    await ui.button('Save').click();
    await ui.page.locator('[aria-invalid="true"], [role="alert"]').first().waitFor();
    await check(ui, 'editor-errors');
  });

  it('the editor of a saved profile', async () => {
    await ui.profiles();
    await ui.button('Edit Demo cluster').click();
    await ui.page.getByRole('heading', { level: 1, name: /Demo cluster/ }).waitFor();
    await ui.page.getByLabel(/Do not verify the certificate/).check();
    await check(ui, 'editor-edit');
    await ui.button('Cancel').click();
  });

  it('sign-in: password, secret key and token paste', async () => {
    await ui.openProfile('Demo cluster');
    await ui.field('Password').waitFor();
    await check(ui, 'sign-in-password');
    await ui.button('Use a secret key instead').click();
    await ui.field('Secret key').waitFor();
    await check(ui, 'sign-in-secret-key');
    await ui.button('Paste a token instead').click();
    await ui.field('Token').waitFor();
    await check(ui, 'sign-in-token');
    await ui.button('Use a password instead').click();
  });

  it('sign-in: a failed sign-in, and the multi-factor offer', async () => {
    await ui.field('Password').fill('wrong');
    await ui.button('Sign in').click();
    await ui.page.getByRole('alert').first().waitFor();
    await check(ui, 'sign-in-failed');
    // Another user: the window asks first, then meets the cluster's multi-factor step.
    await ui.field('Username').fill('mfa-user');
    await ui.field('Password').fill('mfa-user');
    await ui.button('Sign in').click();
    await ui.dialog().waitFor();
    await check(ui, 'other-user-dialog');
    await ui.button('Sign in and save', ui.dialog()).click();
    await ui.button('Open sign-in page').waitFor();
    await check(ui, 'sign-in-mfa-offer');
    await ui.field('Username').fill('tsadmin');
  });

  it('the session, and the sign-out confirmation', async () => {
    await ui.field('Password').fill('admin');
    await ui.button('Sign in').click();
    await expect.poll(() => ui.text(ui.badge()), POLL).toBe('Signed in');
    await ui.tab('Session').click();
    await expect.poll(() => ui.text(ui.panel()), POLL).toContain('Administrator');
    await check(ui, 'session');
    await ui.button('Sign out').click();
    await ui.dialog().waitFor();
    await check(ui, 'sign-out-dialog');
    await ui.button('Cancel', ui.dialog()).click();
  });

  it('the org menu of the header, open', async () => {
    await ui.page.getByRole('button', { name: /^Org:/ }).click();
    await ui.page.getByRole('menu').waitFor();
    await check(ui, 'org-menu');
    await ui.page.keyboard.press('Escape');
    await expect.poll(() => ui.page.getByRole('menu').count(), POLL).toBe(0);
  });

  it('the token, revealed, and the revoke confirmation', async () => {
    await ui.openToken();
    await ui.button('Reveal').click();
    await ui.page.locator('code.token').waitFor();
    await check(ui, 'token');
    await ui.button('Revoke token').click();
    await ui.dialog().waitFor();
    await check(ui, 'revoke-dialog');
    await ui.button('Cancel', ui.dialog()).click();
  });

  it('the activity list', async () => {
    await ui.button('Activity').click();
    await ui.page.getByRole('heading', { name: 'Activity', level: 1 }).waitFor();
    await expect
      .poll(() => ui.page.locator('main tbody tr, main li').count(), POLL)
      .toBeGreaterThan(0);
    await check(ui, 'activity');
  });

  it('tokens for users: the form with a rule and its error, then a minted token and the history', async () => {
    const { profiles } = await ui.invoke('profiles:list', {});
    const demo = profiles.find((p) => p.name === 'Demo cluster');
    if (!demo) throw new Error('the demo profile is missing');
    await ui.invoke('profiles:save', {
      input: { name: 'Embed', url: demo.url, username: 'tsadmin', auth: 'secret-key' },
    });
    await ui.openProfile('Embed');
    await ui.field('Secret key').fill('demo-secret-key');
    // Minting takes the key from the keychain: it is remembered.
    await ui.page.getByLabel(/Remember me/).check();
    await ui.button('Get token').click();
    await expect.poll(() => ui.text(ui.panel()), POLL).toContain('Bearer token');
    await ui.page.getByRole('tab', { name: 'Tokens for users', exact: true }).click();
    await ui.field('User').fill('axe-user');
    await ui.page.getByRole('radio', { name: /^Custom/ }).check();
    await ui.button('Add filter rule').click();
    await ui.field('Filter rule 1 column').fill('Region');
    await ui.field('Filter rule 1 values').fill('West');
    await ui.button('Mint').click();
    await ui.page.locator('#tfu-persist-problem').waitFor();
    await check(ui, 'tokens-for-users-form');
    await ui.page.getByRole('radio', { name: /^REPLACE/ }).check();
    await ui.button('Mint').click();
    await ui.page.getByRole('region', { name: 'Token for axe-user' }).waitFor();
    await check(ui, 'tokens-for-users-minted');
  });

  it('the single sign-on profile’s sign-in', async () => {
    await ui.openProfile('Demo cluster (SSO)');
    await ui.button('Sign in with SSO').waitFor();
    await check(ui, 'sign-in-sso');
  });

  it('ran without script errors, console errors or CSP violations', () => {
    expect(ui.problems).toEqual([]);
  });
});

describe('accessibility without a keychain (axe-core)', { timeout: 60_000 }, () => {
  let app: WebApp;
  let browser: Browser;
  let ui: AppPage;

  beforeAll(async () => {
    [app, browser] = await Promise.all([
      // An empty bus address and no display: libsecret cannot reach any Secret Service.
      startWebApp({ DBUS_SESSION_BUS_ADDRESS: '', DISPLAY: '' }),
      launchChromium(),
    ]);
    ui = await AppPage.open(browser, app);
  }, 30_000);

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('the keychain banner, and its passphrase form with a mismatch', async () => {
    const banner = ui.page.getByRole('region', { name: 'The keychain is unavailable' });
    await banner.waitFor();
    await check(ui, 'keychain-banner');
    await ui.button('Use an encrypted file').click();
    await ui.field('Passphrase').fill('correct horse battery staple');
    await ui.field('Repeat passphrase').fill('correct horse battery staples');
    await expect.poll(() => ui.text(banner), POLL).toContain('differ');
    await check(ui, 'keychain-passphrase');
  });
});

describe('accessibility of the browser sign-in (axe-core)', { timeout: 60_000 }, () => {
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

  it('waiting for the person at the identity provider, then cancelled', async () => {
    await ui.button('Sign in with SSO').click();
    await ui.page.getByText('Waiting for you to finish signing in').waitFor();
    // The identity provider's tab is open (so the wait is real) before the window is measured.
    await playPerson(person.endpoint, { urlIncludes: '/saml/sso' });
    await check(ui, 'sign-in-sso-waiting');
    await ui.button('Cancel').click();
    await ui.button('Sign in with SSO').waitFor();
    await check(ui, 'sign-in-sso-cancelled');
  });
});
