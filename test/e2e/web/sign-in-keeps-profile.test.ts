// Issue 15, in the real window against the real core: a failed sign-in with another username
// leaves settings.json byte for byte; one that works saves that username after asking; and Renew
// on a cookie session's token says what it needs instead of "Renewed".
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppPage, launchChromium } from './support/app-page.js';
import { startWebApp, type WebApp } from './support/web-app.js';

const POLL = { timeout: 10_000, interval: 100 };

describe('the sign-in form and the profile it belongs to', () => {
  let app: WebApp;
  let browser: Browser;
  let ui: AppPage;
  const settings = (): Buffer => readFileSync(join(app.configDir, 'settings.json'));

  beforeAll(async () => {
    [app, browser] = await Promise.all([startWebApp(), launchChromium()]);
    ui = await AppPage.open(browser, app);
    await ui.page.getByRole('heading', { name: 'Demo cluster', level: 1 }).waitFor();
  }, 30_000);

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('Renew on a cookie session’s token says what it needs, and the token stays', async () => {
    await ui.field('Password').fill('admin');
    await ui.button('Sign in').click();
    await expect.poll(() => ui.text(ui.badge()), POLL).toBe('Signed in');
    await ui.tab('Token').click();
    await ui.button('Get token').click();
    const fingerprint = ui.panel().locator('dd code');
    const before = await ui.text(fingerprint);

    await ui.button('Renew').click();
    const alert = ui.page.getByRole('alert');
    await expect
      .poll(() => ui.text(alert), POLL)
      .toContain('Renewing needs your password: sign in again or tick Remember me');
    expect(await ui.text(alert)).toContain('Not renewed');
    expect(await ui.text(ui.panel())).not.toContain('Renewed');
    expect(await ui.text(fingerprint)).toBe(before);
    await expect.poll(() => ui.text(ui.badge()), POLL).toBe('Signed in');
  });

  it('a failed sign-in with another username leaves settings.json byte for byte', async () => {
    await ui.tab('Sign-in').click();
    const untouched = settings();
    await ui.field('Username').fill('analyst');
    await ui.field('Password').fill('not-the-password');
    await ui.button('Sign in').click();
    const dialog = ui.dialog();
    await expect
      .poll(() => ui.text(dialog), POLL)
      .toContain('If the sign-in fails, nothing is saved');
    await ui.button('Sign in and save', dialog).click();
    const alert = ui.page.getByRole('alert');
    await expect.poll(async () => alert.getAttribute('data-code'), POLL).toBe('AUTH_FAILED');
    expect(settings().equals(untouched)).toBe(true);
    const { profiles } = await ui.invoke('profiles:list', {});
    expect(profiles.find((p) => p.name === 'Demo cluster')?.username).toBe('tsadmin');
  });

  it('declining to save another username sends nothing', async () => {
    const untouched = settings();
    await ui.button('Sign in').click();
    await ui.button('Cancel', ui.dialog()).click();
    await expect.poll(() => ui.dialog().count(), POLL).toBe(0);
    expect(settings().equals(untouched)).toBe(true);
  });

  it('a sign-in with another username that works saves it', async () => {
    await ui.field('Password').fill('analyst');
    await ui.button('Sign in').click();
    await ui.button('Sign in and save', ui.dialog()).click();
    await expect.poll(() => ui.text(ui.panel()), POLL).toContain('Ada Analyst');
    await expect
      .poll(async () => {
        const { profiles } = await ui.invoke('profiles:list', {});
        return profiles.find((p) => p.name === 'Demo cluster')?.username;
      }, POLL)
      .toBe('analyst');
    expect(settings().toString('utf8')).toContain('"username": "analyst"');
  });

  it('ran without script errors, console errors or CSP violations', () => {
    expect(ui.problems).toEqual([]);
  });
});
