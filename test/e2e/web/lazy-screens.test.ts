// The screens the first screen does not show (the editor, Activity, the Token and Tokens for
// users tabs) come in chunks of their own when opened. In Debian's Chromium against the real web
// mode: they come from the app's own origin under its CSP; one that does not come says so, keeps
// the tab pattern working, and loads on Try again; and a stopped app is said, never a blank panel.
import type { Browser, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppPage, launchChromium } from './support/app-page.js';
import { startWebApp, type WebApp } from './support/web-app.js';

const POLL = { timeout: 10_000, interval: 100 };
/** The Token tab's chunk, whatever hash the build gave it. */
const TOKEN_CHUNK = /\/assets\/TokenScreen-[\w-]+\.js$/;

/** What has keyboard focus: its tag and accessible text. */
function focused(ui: AppPage) {
  return ui.page.evaluate(() => {
    const active = document.activeElement;
    return { tag: active?.tagName.toLowerCase(), name: active?.textContent?.trim() };
  });
}

/** Page errors (an unhandled rejection is one) and console errors other than a failed fetch. */
function problemsBesidesFailedFetches(ui: AppPage): string[] {
  return ui.problems.filter((p) => !p.startsWith('console: Failed to load resource'));
}

declare const document: {
  activeElement: { tagName: string; textContent: string | null } | null;
};

describe('screens that load on demand', { timeout: 60_000 }, () => {
  let app: WebApp;
  let browser: Browser;

  beforeAll(async () => {
    [app, browser] = await Promise.all([startWebApp(), launchChromium()]);
  }, 30_000);

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('fetches the Token tab and its styles from the app itself, with nothing refused', async () => {
    const ui = await AppPage.open(browser, app);
    const fetched: Request[] = [];
    ui.page.on('requestfinished', (request) => fetched.push(request));
    await ui.tab('Token').click();
    await ui.page.getByRole('heading', { name: 'Token', level: 2 }).waitFor();
    const chunks = fetched.filter((r) => /\/assets\/.+\.(js|css)$/.test(r.url()));
    expect(chunks.map((r) => new URL(r.url()).pathname)).toEqual(
      expect.arrayContaining([expect.stringMatching(TOKEN_CHUNK)]),
    );
    expect(chunks.some((r) => r.url().endsWith('.css'))).toBe(true);
    for (const request of chunks) {
      expect(new URL(request.url()).origin).toBe(app.origin);
      expect((await request.response())?.status()).toBe(200);
    }
    // A CSP violation is a console error; there is none.
    expect(ui.problems).toEqual([]);
    await ui.close();
  });

  it('gives Activity’s heading the focus once it has come', async () => {
    const ui = await AppPage.open(browser, app);
    await ui.button('Activity').focus();
    await ui.page.keyboard.press('Enter');
    await ui.page.getByRole('heading', { name: 'Activity', level: 1 }).waitFor();
    await expect.poll(() => focused(ui), POLL).toEqual({ tag: 'h1', name: 'Activity' });
    expect(ui.problems).toEqual([]);
    await ui.close();
  });

  it('says when a tab’s chunk does not come, keeps the tabs working, and loads it on Try again', async () => {
    const ui = await AppPage.open(browser, app);
    await ui.page.route(TOKEN_CHUNK, (route) => route.abort('connectionrefused'));
    await ui.tab('Token').focus();
    await ui.page.keyboard.press('Enter');
    const alert = ui.panel().getByRole('alert');
    await expect
      .poll(() => ui.text(alert), POLL)
      .toBe(
        'The Token tab could not be loaded The window could not fetch this part of itself from the app. If the app has stopped, start it again, then try again. Try again',
      );
    expect(await ui.tab('Token').getAttribute('aria-selected')).toBe('true');
    await expect.poll(() => focused(ui), POLL).toEqual({ tag: 'button', name: 'Token' });
    // The tabs still move with the keys, and the failed panel is one of them.
    await ui.page.keyboard.press('ArrowLeft');
    await expect.poll(() => focused(ui), POLL).toEqual({ tag: 'button', name: 'Session' });
    await ui.page.getByRole('heading', { name: 'Session', level: 2 }).waitFor();
    await ui.page.keyboard.press('ArrowRight');
    await expect.poll(() => ui.text(alert), POLL).toContain('could not be loaded');

    await ui.page.unroute(TOKEN_CHUNK);
    await ui.button('Try again').click();
    await ui.page.getByRole('heading', { name: 'Token', level: 2 }).waitFor();
    await expect.poll(() => focused(ui), POLL).toEqual({ tag: 'h2', name: 'Token' });
    expect(await alert.count()).toBe(0);
    expect(problemsBesidesFailedFetches(ui)).toEqual([]);
    await ui.close();
  });

  it('says the editor could not be loaded once the app has stopped, never a blank screen', async () => {
    const ui = await AppPage.open(browser, app);
    await app.stop();
    await ui.button('Edit profile').click();
    const alert = ui.page.getByRole('alert').filter({ hasText: 'could not be loaded' });
    await expect
      .poll(() => ui.text(alert), POLL)
      .toContain('The profile editor could not be loaded');
    await expect
      .poll(() => ui.text(ui.page.getByRole('alert').filter({ hasText: 'Disconnected' })), POLL)
      .toContain('Disconnected from the app');
    expect(problemsBesidesFailedFetches(ui)).toEqual([]);
  });
});
