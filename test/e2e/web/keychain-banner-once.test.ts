// Without a keychain the window says so once, in the banner; once the encrypted file is chosen,
// nothing on any screen still says the keychain is unavailable.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppPage, launchChromium } from './support/app-page.js';
import { startWebApp, type WebApp } from './support/web-app.js';

const POLL = { timeout: 15_000, interval: 100 };
const PASSPHRASE = 'correct horse battery staple';

/** How often `needle` occurs in `text`. */
function count(text: string, needle: string): number {
  return text.split(needle).length - 1;
}

describe('the keychain banner', () => {
  let app: WebApp;
  let browser: Browser;
  let ui: AppPage;

  beforeAll(async () => {
    [app, browser] = await Promise.all([
      startWebApp({ DBUS_SESSION_BUS_ADDRESS: '', DISPLAY: '' }),
      launchChromium(),
    ]);
    ui = await AppPage.open(browser, app);
  }, 30_000);

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('says what is wrong once, on the list and on the Sign-in tab', async () => {
    const banner = ui.page.getByRole('region', { name: 'The keychain is unavailable' });
    await expect.poll(() => ui.text(banner), POLL).toContain('There is no D-Bus session');
    await ui.openProfile('Demo cluster');
    await ui.field('Password').fill('admin');
    await ui.button('Sign in').click();
    await ui.page.getByRole('alert').waitFor();
    const page = await ui.text(ui.page.locator('main'));
    expect(count(page, 'D-Bus')).toBe(1);
    expect(page).not.toMatch(/keychain unavailable/i);
  });

  it('leaves no keychain notice behind once the encrypted file is in use', async () => {
    const banner = ui.page.getByRole('region', { name: 'The keychain is unavailable' });
    await ui.button('Use an encrypted file').click();
    await ui.field('Passphrase').fill(PASSPHRASE);
    await ui.field('Repeat passphrase').fill(PASSPHRASE);
    await ui.button('Use encrypted file').click();
    await expect.poll(() => banner.count(), POLL).toBe(0);
    const page = await ui.text(ui.page.locator('main'));
    expect(page).not.toMatch(/keychain (is )?unavailable|D-Bus/i);
  });
});
