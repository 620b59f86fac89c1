// `npm run screenshots`: every screen of the window at 1100×720, light and dark, into
// docs/screenshots/, and README's docs/screenshot.png (the signed-in Session tab, light). The
// real window in Debian's Chromium against `npm run web -- --demo`, its demo cluster and a private
// keyring, with a few profiles signed in the way a person would have them.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { AppPage, launchChromium } from './support/app-page.js';
import { ROOT, startWebApp, type WebApp } from './support/web-app.js';

const OUT = join(ROOT, 'docs/screenshots');
const README_SHOT = join(ROOT, 'docs/screenshot.png');
const VIEWPORT = { width: 1100, height: 720 };
const written: string[] = [];

/** The screen as it is, in both schemes; the mouse off every control, so nothing shows hover. */
async function shoot(ui: AppPage, name: string): Promise<void> {
  await ui.page.mouse.move(0, VIEWPORT.height - 1);
  // No focus ring left on a field a setup step typed into.
  const typedIn = ui.page.locator('input:focus');
  if ((await typedIn.count()) > 0) await typedIn.blur();
  for (const colorScheme of ['light', 'dark'] as const) {
    await ui.page.emulateMedia({ colorScheme, reducedMotion: 'reduce' });
    const path = join(OUT, `${name}-${colorScheme}.png`);
    await ui.page.screenshot({ path, animations: 'disabled', caret: 'hide' });
    written.push(path);
  }
  await ui.page.emulateMedia({ colorScheme: 'light' });
}

async function profileId(ui: AppPage, name: string): Promise<string> {
  const { profiles } = await ui.invoke('profiles:list', {});
  const found = profiles.find((p) => p.name === name);
  if (!found) throw new Error(`No profile named ${name}`);
  return found.id;
}

/** The state behind the pictures: tsadmin with a token, analyst in a cookie session. */
async function setUp(ui: AppPage): Promise<void> {
  const demo = await profileId(ui, 'Demo cluster');
  const { profiles } = await ui.invoke('profiles:list', {});
  const url = profiles.find((p) => p.id === demo)?.url ?? '';
  await ui.invoke('session:login', {
    profileId: demo,
    method: 'password',
    password: 'admin',
    kind: 'bearer',
    remember: true,
  });
  const analyst = await ui.invoke('profiles:save', {
    input: { name: 'Analyst', url, username: 'analyst', auth: 'password' },
  });
  await ui.invoke('session:login', {
    profileId: analyst.id,
    method: 'password',
    password: 'analyst',
    kind: 'cookie',
    rememberMe: false,
    remember: false,
  });
  await ui.invoke('profiles:save', {
    input: { name: 'Embedding (trusted auth)', url, username: 'analyst', auth: 'secret-key' },
  });
}

async function mainScreens(browser: Browser, app: WebApp): Promise<void> {
  const ui = await AppPage.open(browser, app);
  await ui.page.setViewportSize(VIEWPORT);
  await setUp(ui);
  await ui.page.reload();
  await ui.page.locator('html[data-ready]').waitFor({ state: 'attached' });

  await ui.profiles();
  await ui.page.locator('[data-profile="Analyst"]').waitFor();
  await ui.page.getByText('Signed in').first().waitFor();
  await shoot(ui, 'profiles');

  await ui.openProfile('Demo cluster');
  await ui.tab('Session').click();
  await ui.page.getByText('Administrator').first().waitFor();
  await shoot(ui, 'session');
  await ui.page.emulateMedia({ colorScheme: 'light', reducedMotion: 'reduce' });
  await ui.page.screenshot({ path: README_SHOT, animations: 'disabled', caret: 'hide' });
  written.push(README_SHOT);

  await ui.tab('Token').click();
  await ui.button('Reveal').waitFor();
  await shoot(ui, 'token');

  await ui.button('Sign out').click();
  await ui.dialog().waitFor();
  await shoot(ui, 'sign-out-dialog');
  await ui.button('Cancel', ui.dialog()).click();

  await ui.openProfile('Embedding (trusted auth)');
  await ui.field('Secret key').waitFor();
  await shoot(ui, 'sign-in-secret-key');

  await ui.openProfile('Demo cluster (SSO)');
  await ui.button('Sign in with SSO').waitFor();
  await shoot(ui, 'sign-in-sso');

  // A wrong password on a fresh profile: the error where it happened, the profile unchanged.
  await ui.openProfile('Analyst');
  await ui.tab('Sign-in').click();
  await ui.field('Password').fill('not-the-password');
  await ui.button('Get token').click();
  await ui.page.getByRole('alert').first().waitFor();
  await shoot(ui, 'sign-in-error');

  await ui.profiles();
  await ui.button('Add profile').click();
  await ui.field('Name').fill('Production');
  await ui.field('Cluster URL').fill('acme.thoughtspot.cloud');
  await ui.page.locator('#url-hint.bad').waitFor();
  await shoot(ui, 'profile-editor');

  await ui.button('Activity').click();
  await ui.page.getByRole('heading', { name: 'Activity', level: 1 }).waitFor();
  await ui.page.locator('main tbody tr').first().waitFor();
  await shoot(ui, 'activity');
  await ui.close();
}

/** The banner a machine without a keychain shows, with the encrypted file offered. */
async function keychainBanner(browser: Browser): Promise<void> {
  const app = await startWebApp({ DBUS_SESSION_BUS_ADDRESS: '', DISPLAY: '' });
  try {
    const ui = await AppPage.open(browser, app);
    await ui.page.setViewportSize(VIEWPORT);
    await ui.page.getByRole('region', { name: 'The keychain is unavailable' }).waitFor();
    await shoot(ui, 'keychain-unavailable');
  } finally {
    await app.stop();
  }
}

async function main(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  const [app, browser] = await Promise.all([startWebApp(), launchChromium()]);
  try {
    await mainScreens(browser, app);
    await keychainBanner(browser);
  } finally {
    await browser.close();
    await app.stop();
  }
  console.log(written.map((path) => path.slice(ROOT.length)).join('\n'));
}

await main();
