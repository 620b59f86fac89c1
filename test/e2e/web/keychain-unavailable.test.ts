// Without a keychain (no D-Bus session), the window says so in a banner and offers the encrypted
// file; after opting in with a passphrase, signing in works and the secrets land in that file.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppPage, launchChromium } from './support/app-page.js';
import { startWebApp, type WebApp } from './support/web-app.js';

const POLL = { timeout: 15_000, interval: 100 };
const PASSPHRASE = 'correct horse battery staple';

describe('no keychain', () => {
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

  it('says which problem it is and offers the encrypted file', async () => {
    const banner = ui.page.getByRole('region', { name: 'The keychain is unavailable' });
    await expect.poll(() => ui.text(banner), POLL).toContain('There is no D-Bus session');
    await ui.screenshot('keychain-unavailable');
    await ui.button('Use an encrypted file').click();
    await ui.field('Passphrase').fill(PASSPHRASE);
    await ui.field('Repeat passphrase').fill(`${PASSPHRASE}!`);
    await expect.poll(() => ui.text(banner), POLL).toContain('The passphrases differ.');
    expect(await ui.button('Use encrypted file').isDisabled()).toBe(true);
    await ui.field('Repeat passphrase').fill(PASSPHRASE);
    await ui.button('Use encrypted file').click();
    await expect.poll(() => banner.count(), POLL).toBe(0);
  });

  it('signs in with secrets kept in the encrypted file', async () => {
    await ui.openProfile('Demo cluster');
    await ui.field('Password').fill('admin');
    await ui.button('Get token').click();
    await expect.poll(() => ui.text(ui.panel()), POLL).toContain('Administrator');
    const file = join(app.configDir, 'secrets.enc');
    expect(existsSync(file)).toBe(true);
    const text = readFileSync(file, 'latin1');
    await ui.tab('Token').click();
    await ui.button('Reveal').click();
    const token = await ui.text(ui.page.locator('code.token'));
    expect(text).not.toContain(token);
    expect(JSON.stringify(await ui.storage())).not.toContain(PASSPHRASE);
  });

  it('ran without script errors, console errors or CSP violations', () => {
    expect(ui.problems).toEqual([]);
  });
});
