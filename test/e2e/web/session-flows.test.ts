// The real renderer in Debian's Chromium against the real core, the emulator and a private
// keyring: add a profile, detect, sign in by password and by secret key, see the session, copy,
// renew, revoke, sign out, read the activity log; then nothing secret is left in the page, in
// any file under the config directory, or in what the app printed.
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppPage, launchChromium } from './support/app-page.js';
import { startWebApp, type WebApp } from './support/web-app.js';
import { decodeBound } from '../../../electron/core/secrets/bound-secret.js';

const POLL = { timeout: 10_000, interval: 100 };
const keytar = createRequire(import.meta.url)('keytar') as {
  getPassword(service: string, account: string): Promise<string | null>;
};

/** Every file under `dir`, read as text, with its path. */
function filesUnder(dir: string): { path: string; text: string }[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name))
    .map((path) => ({ path, text: readFileSync(path, 'latin1') }));
}

/** Where `secret` occurs as itself, not inside a longer word ('admin' in 'tsadmin' is no leak). */
function occurs(secret: string, text: string): boolean {
  const escaped = secret.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(?<![\\w-])${escaped}(?![\\w-])`).test(text);
}

/** Asks the cluster directly whether it still takes a token: the HTTP status it answers. */
async function whoAmI(clusterUrl: string, token: string): Promise<number> {
  const answer = await fetch(`${clusterUrl}/api/rest/2.0/auth/session/user`, {
    headers: { Authorization: `Bearer ${token}`, Accept: 'application/json' },
  });
  return answer.status;
}

describe('the window, end to end', () => {
  let app: WebApp;
  let browser: Browser;
  let ui: AppPage;
  let clusterUrl: string;
  /** Every secret typed or shown; none may end up in the page's storage or address. */
  const secrets = new Set(['admin', 'analyst', 'demo-secret-key']);

  beforeAll(async () => {
    [app, browser] = await Promise.all([startWebApp(), launchChromium()]);
    ui = await AppPage.open(browser, app);
    const demo = (await ui.invoke('profiles:list', {})).profiles.find(
      (p) => p.name === 'Demo cluster',
    );
    clusterUrl = demo?.url ?? '';
  }, 30_000);

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('opens on the default profile’s sign-in form, and lists it with its state', async () => {
    expect(clusterUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    await ui.page.getByRole('heading', { name: 'Demo cluster', level: 1 }).waitFor();
    expect(await ui.tab('Sign-in').getAttribute('aria-selected')).toBe('true');
    expect(await ui.button('Sign in').isEnabled()).toBe(true);
    await ui.profiles();
    const row = ui.page.locator('[data-profile="Demo cluster"]');
    await expect.poll(() => ui.text(row), POLL).toContain('Signed out');
    await expect.poll(() => ui.text(row), POLL).toContain('Default');
    expect(new URL(ui.page.url()).search).toBe('');
    await ui.screenshot('profiles');
  });

  it('adds a profile, checking the URL as it is typed, and detects the dialect', async () => {
    await ui.button('Add profile').click();
    await ui.field('Name').fill('Analyst');
    await ui.field('Cluster URL').fill(clusterUrl.replace('http://', ''));
    const hint = ui.page.locator('#url-hint');
    await expect.poll(() => ui.text(hint), POLL).toContain('needs a scheme');
    await ui.field('Cluster URL').fill(`${clusterUrl}/#/home`);
    await expect.poll(() => ui.text(hint), POLL).toBe(`Connects to ${clusterUrl}`);
    await ui.field('Username').fill('analyst');
    await ui.screenshot('profile-editor');
    await ui.button('Detect').click();
    await expect
      .poll(() => ui.text(ui.page.locator('#detect-note')), POLL)
      .toBe('Found dialect C: /api/rest/2.0 (9.0 and later)');
    await ui.button('Save').click();
    await ui.page.getByRole('heading', { name: 'Analyst', level: 1 }).waitFor();
    expect(await ui.tab('Sign-in').getAttribute('aria-selected')).toBe('true');
  });

  it('signs in by password to a cookie session and shows who is signed in', async () => {
    expect(await ui.field('Username').inputValue()).toBe('analyst');
    await ui.screenshot('sign-in');
    await ui.field('Password').fill('analyst');
    await ui.page.getByLabel(/Remember me/).check();
    await ui.button('Sign in').click();
    await expect.poll(() => ui.text(ui.panel()), POLL).toContain('Ada Analyst');
    const session = await ui.text(ui.panel());
    for (const fact of ['analyst@example.com', 'DATADOWNLOADING', 'Cookie session', 'Primary'])
      expect(session).toContain(fact);
    await expect.poll(() => ui.text(ui.badge()), POLL).toBe('Signed in');
    // The session's cookies, as the keychain holds them: secrets the scan below looks for too.
    const { profiles } = await ui.invoke('profiles:list', {});
    const analyst = profiles.find((p) => p.name === 'Analyst');
    const raw = await keytar.getPassword(app.keychainService, `${analyst?.id ?? ''}/cookies`);
    // Kept bound to the cluster and user it was given for.
    const entry = decodeBound(raw ?? '');
    expect(entry).toMatchObject({ kind: 'bound', binding: { username: 'analyst' } });
    const jar = entry?.secret ?? '{}';
    const cookies = (JSON.parse(jar) as { cookies?: { value: string }[] }).cookies ?? [];
    expect(cookies.length).toBeGreaterThan(0);
    for (const cookie of cookies) secrets.add(cookie.value);
    await ui.button('Validate now').click();
    await expect
      .poll(() => ui.text(ui.panel()), POLL)
      .toContain('The cluster confirmed the session');
    await ui.screenshot('session');
  });

  it('gets a token, reveals it only when asked, and copies it in three formats', async () => {
    await ui.tab('Token').click();
    await ui.button('Get token').click();
    const fingerprint = ui.panel().locator('dd code');
    await expect.poll(() => ui.text(fingerprint), POLL).toMatch(/^[0-9a-f]{12}$/);
    expect(await ui.page.locator('code.token').count()).toBe(0);
    await ui.screenshot('token');

    await ui.button('Reveal').click();
    const token = await ui.text(ui.page.locator('code.token'));
    expect(token.length).toBeGreaterThan(20);
    secrets.add(token);

    await ui.button('Copy token').click();
    await expect.poll(() => ui.clipboard(), POLL).toBe(token);
    await expect
      .poll(() => ui.text(ui.panel()), POLL)
      .toContain('This tab clears it in 30 s if the clipboard still holds it');
    await ui.button('Copy as curl').click();
    await expect
      .poll(() => ui.clipboard(), POLL)
      .toBe(
        `curl -H 'Authorization: Bearer ${token}' -H 'Accept: application/json' '${clusterUrl}/api/rest/2.0/auth/session/user'`,
      );
    await ui.button('Copy as .env line').click();
    await expect.poll(() => ui.clipboard(), POLL).toBe(`TS_TOKEN=${token}`);
  });

  it('renews: a new token, and the old one leaves the screen', async () => {
    const before = await ui.text(ui.panel().locator('dd code'));
    await ui.button('Renew').click();
    await expect.poll(() => ui.text(ui.panel()), POLL).toContain('Renewed: a new token');
    expect(await ui.page.locator('code.token').count()).toBe(0);
    await expect.poll(() => ui.text(ui.panel().locator('dd code')), POLL).not.toBe(before);
    await ui.button('Reveal').click();
    secrets.add(await ui.text(ui.page.locator('code.token')));
  });

  it('revokes the token after a confirmation that says what happens, and the cluster refuses it', async () => {
    await ui.button('Copy token').click();
    await expect.poll(() => ui.clipboard(), POLL).toMatch(/.{20,}/);
    const token = await ui.clipboard();
    expect(await whoAmI(clusterUrl, token)).toBe(200);
    await ui.button('Revoke token').click();
    const dialog = ui.dialog();
    await expect.poll(() => ui.text(dialog), POLL).toContain('The cluster will refuse token');
    await expect
      .poll(() => ui.text(dialog), POLL)
      .toContain('every script, curl command or .env file');
    await ui.screenshot('confirm-revoke');
    await ui.button('Revoke token', dialog).click();
    await expect
      .poll(() => ui.text(ui.page.getByRole('status').filter({ hasText: 'revoked' })), POLL)
      .toContain('The token was revoked');
    await expect.poll(() => ui.text(ui.badge()), POLL).toBe('Revoked');
    expect(await ui.tab('Sign-in').getAttribute('aria-selected')).toBe('true');
    expect(await whoAmI(clusterUrl, token)).toBe(401);
  });

  it('signs in by secret key, then signs out after a confirmation', async () => {
    await ui.openProfile('Demo cluster');
    await ui.button('Use a secret key instead').click();
    await ui.field('Secret key').fill('demo-secret-key');
    await ui.button('Get token').click();
    await expect.poll(() => ui.text(ui.panel()), POLL).toContain('Administrator');
    await expect.poll(() => ui.text(ui.panel()), POLL).toContain('Bearer token');
    await expect.poll(() => ui.text(ui.page.locator('main .head')), POLL).toMatch(/\d\d:\d\d/);

    // The list shows the state and a live countdown, ticking each second.
    await ui.profiles();
    const countdown = ui.page.locator('[data-profile="Demo cluster"] .time-left');
    const first = await ui.text(countdown);
    expect(first).toMatch(/^\d{1,2}:\d\d(:\d\d)?\b/);
    await expect.poll(() => ui.text(countdown), POLL).not.toBe(first);
    await expect
      .poll(() => ui.text(ui.page.locator('[data-profile="Demo cluster"]')), POLL)
      .toContain('Signed in');
    await ui.screenshot('profiles-signed-in');

    await ui.openProfile('Demo cluster');
    await ui.tab('Token').click();
    await expect.poll(() => ui.text(ui.panel()), POLL).toContain('For user tsadmin');
    await ui.button('Reveal').click();
    const token = await ui.text(ui.page.locator('code.token'));
    secrets.add(token);
    expect(await whoAmI(clusterUrl, token)).toBe(200);
    await ui.button('Sign out').click();
    await expect
      .poll(() => ui.text(ui.dialog()), POLL)
      .toContain('token, so copies of it stop working');
    await ui.button('Sign out', ui.dialog()).click();
    await expect
      .poll(() => ui.text(ui.page.getByRole('status').filter({ hasText: 'Signed out' })), POLL)
      .toContain('Signed out');
    await expect.poll(() => ui.text(ui.badge()), POLL).toBe('Signed out');
    expect(await ui.page.locator('code.token').count()).toBe(0);
    expect(await whoAmI(clusterUrl, token)).toBe(401);
  });

  it('shows the activity, newest first, filterable by profile', async () => {
    await ui.button('Activity').click();
    const rows = ui.page.locator('tbody tr');
    await expect.poll(() => ui.text(rows.first()), POLL).toContain('Signed out');
    const all = await rows.allInnerTexts();
    expect(all.join('\n')).toMatch(/Token revoked[\s\S]*Token renewed[\s\S]*Token copied/);
    await ui.screenshot('activity');
    await ui.page.getByLabel('Profile').selectOption({ label: 'Analyst' });
    await expect
      .poll(async () => (await rows.allInnerTexts()).every((row) => row.includes('Analyst')), POLL)
      .toBe(true);
    await ui.profiles();
    await ui.screenshot('profiles-after');
  });

  it('tells a page whose key is gone (the app restarted) to open the printed URL again', async () => {
    const stale = await AppPage.open(browser, app);
    try {
      await stale.page.context().clearCookies();
      const error = await stale.invokeFailure('profiles:list', {});
      expect(error).toEqual({
        code: 'FORBIDDEN',
        message: 'This page is not authorized; open the URL printed by npm run web again',
      });
    } finally {
      await stale.close();
    }
  });

  it('kept no secret in web storage, IndexedDB or the address', async () => {
    const snapshot = await ui.storage();
    expect(snapshot).toEqual({
      localStorage: {},
      sessionStorage: {},
      indexedDb: [],
      url: `${app.origin}/`,
    });
    const text = JSON.stringify(snapshot);
    for (const secret of secrets) expect(text).not.toContain(secret);
    // Three typed, three tokens shown, and at least one session cookie.
    expect(secrets.size).toBeGreaterThanOrEqual(7);
  });

  it('left no secret in any file under the config directory, nor in what the app printed', async () => {
    const { profiles } = await ui.invoke('profiles:list', {});
    const files = filesUnder(app.configDir);
    expect(files.map((f) => f.path.slice(app.configDir.length + 1))).toEqual(
      expect.arrayContaining(['settings.json', 'audit.log']),
    );
    const sources = [...files, { path: 'the app’s output', text: app.output() }];
    // The analyst's password is its username, which settings.json rightly holds: that one is
    // looked for in the page only (above).
    const usernames = new Set(profiles.map((p) => p.username));
    const found = [...secrets]
      .filter((secret) => !usernames.has(secret))
      .flatMap((secret) =>
        sources
          .filter((s) => occurs(secret, s.text))
          .map((s) => `${secret.slice(0, 4)}… in ${s.path}`),
      );
    expect(found).toEqual([]);
    // The scan itself finds what is there: a username is in the settings file.
    expect(files.some((f) => occurs('tsadmin', f.text))).toBe(true);
  });

  it('ran without script errors, console errors or CSP violations', () => {
    expect(ui.problems).toEqual([]);
  });
});
