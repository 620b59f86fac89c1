// Browser mode copies into the browser's own clipboard: read back here with the Clipboard API in
// Chromium. The note says what really happens (cleared later only where the page may read), and
// Activity records each copy once, from the window.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppPage, launchChromium } from './support/app-page.js';
import { startWebApp, type WebApp } from './support/web-app.js';

const POLL = { timeout: 10_000, interval: 100 };
// Runs in Chromium (page.evaluate); the test tsconfig has no DOM library.
declare const navigator: { clipboard: { writeText(text: string): Promise<void> } };
declare const document: {
  querySelectorAll(selector: string): Iterable<unknown>;
  createRange(): { selectNodeContents(node: unknown): void; getClientRects(): { length: number } };
};

describe('copy in browser mode', () => {
  let app: WebApp;
  let browser: Browser;
  let ui: AppPage;
  let profileId: string;
  let token: string;

  const copies = async () =>
    (await ui.invoke('audit:list', { profileId })).filter((e) => e.action === 'copied');

  beforeAll(async () => {
    [app, browser] = await Promise.all([startWebApp(), launchChromium()]);
    ui = await AppPage.open(browser, app);
    const { profiles } = await ui.invoke('profiles:list', {});
    profileId = profiles.find((p) => p.name === 'Demo cluster')?.id ?? '';
    // A failure first: its long message is what would squeeze the short columns.
    await ui.invokeFailure('session:login', {
      profileId,
      method: 'password',
      password: 'not the password',
      kind: 'bearer',
    });
    await ui.invoke('session:login', {
      profileId,
      method: 'password',
      password: 'admin',
      kind: 'bearer',
    });
    token = (await ui.invoke('session:revealToken', { profileId })).token;
  }, 30_000);

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('puts the token on the browser’s clipboard and records the copy once, from the window', async () => {
    await ui.page.evaluate(() => navigator.clipboard.writeText('what was there before'));
    const before = (await copies()).length;
    await ui.openProfile('Demo cluster');
    await ui.tab('Token').click();
    await ui.button('Copy token').click();
    await expect.poll(() => ui.clipboard(), POLL).toBe(token);
    await expect
      .poll(() => ui.text(ui.panel()), POLL)
      .toContain('Copied the token. This tab clears it in 30 s if the clipboard still holds it');
    const after = await copies();
    expect(after).toHaveLength(before + 1);
    expect(after[0]).toMatchObject({ source: 'window' });

    await ui.button('Copy as curl').click();
    await expect.poll(() => ui.clipboard(), POLL).toMatch(/^curl -H 'Authorization: Bearer /);
    expect(await ui.clipboard()).toContain(token);
  });

  it('clears the clipboard when the time is up, if it still holds the copy', async () => {
    await ui.invoke('settings:set', { clipboardClearSeconds: 5 });
    await ui.button('Copy as .env line').click();
    await expect.poll(() => ui.clipboard(), POLL).toBe(`TS_TOKEN=${token}`);
    await expect.poll(() => ui.clipboard(), { timeout: 12_000, interval: 250 }).toBe('');
    await ui.invoke('settings:set', { clipboardClearSeconds: 30 });
  }, 20_000);

  it('says it cannot clear later when the browser does not let the page read the clipboard', async () => {
    const writeOnly = await AppPage.open(browser, app, { clipboard: 'write' });
    try {
      await writeOnly.openProfile('Demo cluster');
      await writeOnly.tab('Token').click();
      await writeOnly.button('Copy token').click();
      await expect
        .poll(() => writeOnly.text(writeOnly.panel()), POLL)
        .toContain(
          'Copied the token. The browser does not let this page clear it later: paste it, then copy something else.',
        );
      expect(await writeOnly.clipboard()).toBe(token);
      expect(writeOnly.problems).toEqual([]);
    } finally {
      await writeOnly.close();
    }
  });

  it('lists the reveal and the copies in Activity, short columns on one line each', async () => {
    await ui.button('Activity').click();
    const rows = ui.page.locator('tbody tr');
    await expect.poll(() => rows.count(), POLL).toBeGreaterThan(3);
    const table = await ui.text(ui.page.locator('table'));
    expect(table).toMatch(/Token copied Window token [0-9a-f]{12}/);
    expect(table).toMatch(/Token revealed Window token [0-9a-f]{12}/);
    expect(table).toMatch(/Sign-in failed Window AUTH_FAILED · \S+/);
    // Every cell but Details holds one line: its text makes one box, not two.
    const lines = await ui.page.evaluate(() =>
      [...document.querySelectorAll('tbody td:not(:last-child)')].map((cell) => {
        const range = document.createRange();
        range.selectNodeContents(cell);
        return range.getClientRects().length;
      }),
    );
    expect(lines.length).toBeGreaterThan(0);
    expect(new Set(lines)).toEqual(new Set([1]));
  });

  it('ran without script errors, console errors or CSP violations', () => {
    expect(ui.problems).toEqual([]);
  });
});
