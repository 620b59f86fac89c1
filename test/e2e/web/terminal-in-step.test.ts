// Issue 15, "the window and the terminal drift apart": `tsm`, run against the open window's own
// config directory and keychain service, changes profiles, sessions and the audit log; the window
// shows each change within seconds, never reloaded. Debian's Chromium, the real core, the emulator.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TsmSandbox } from '../../cli/support/run-tsm.js';
import { AppPage, launchChromium } from './support/app-page.js';
import { startWebApp, type WebApp } from './support/web-app.js';

/** Within seconds: the watch debounces for a fraction of one. */
const POLL = { timeout: 5_000, interval: 100 };

describe('the open window follows the terminal', () => {
  let app: WebApp;
  let browser: Browser;
  let ui: AppPage;
  let terminal: TsmSandbox;
  let clusterUrl: string;
  /** The page's own document: a reload would replace it (and lose this mark). */
  const unreloaded = () => ui.page.evaluate(() => (globalThis as { mark?: number }).mark === 15);
  const tsm = async (args: string[], stdin?: string) => {
    const result = await terminal.run(args, {
      env: { TSM_CONFIG_DIR: app.configDir, TSM_KEYCHAIN_SERVICE: app.keychainService },
      ...(stdin === undefined ? {} : { stdin }),
    });
    expect(result.code, result.stderr).toBe(0);
  };

  beforeAll(async () => {
    [app, browser] = await Promise.all([startWebApp(), launchChromium()]);
    terminal = new TsmSandbox();
    ui = await AppPage.open(browser, app);
    await ui.page.getByRole('heading', { name: 'Demo cluster', level: 1 }).waitFor();
    const { profiles } = await ui.invoke('profiles:list', {});
    clusterUrl = profiles.find((p) => p.name === 'Demo cluster')?.url ?? '';
    await ui.page.evaluate(() => void ((globalThis as { mark?: number }).mark = 15));
  }, 30_000);

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    terminal?.dispose();
  });

  it('shows a profile added with `tsm profile add`', async () => {
    await ui.profiles();
    await tsm(['profile', 'add', 'Terminal', '--url', clusterUrl, '--user', 'analyst']);
    const row = ui.page.locator('[data-profile="Terminal"]');
    await expect.poll(() => row.count(), POLL).toBe(1);
    expect(await ui.text(row)).toContain('Signed out');
    expect(await unreloaded()).toBe(true);
  });

  it('shows the profile signed in after `tsm login`', async () => {
    await tsm(['login', '-p', 'Terminal', '--bearer', '--password-stdin'], 'analyst');
    const row = ui.page.locator('[data-profile="Terminal"]');
    await expect.poll(() => ui.text(row), POLL).toContain('Signed in');
    expect(await unreloaded()).toBe(true);
  });

  it('lists in Activity what `tsm` did, even when no status changed', async () => {
    await ui.button('Activity').click();
    await ui.page.getByRole('heading', { name: 'Activity', level: 1 }).waitFor();
    const validated = ui.page.locator('tbody tr', { hasText: 'Validated' });
    expect(await validated.count()).toBe(0);
    await tsm(['validate', '-p', 'Terminal']);
    await expect.poll(() => validated.count(), POLL).toBe(1);
    expect(await ui.text(validated)).toContain('Terminal');
    expect(await unreloaded()).toBe(true);
  });

  it('shows the profile signed out after `tsm logout`', async () => {
    await ui.profiles();
    await tsm(['logout', '-p', 'Terminal']);
    const row = ui.page.locator('[data-profile="Terminal"]');
    await expect.poll(() => ui.text(row), POLL).toContain('Signed out');
    expect(await unreloaded()).toBe(true);
  });
});
