// A tab left open after `npm run web` stops says so, instead of failing each click on its own.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppPage, launchChromium } from './support/app-page.js';
import { startWebApp, type WebApp } from './support/web-app.js';

const POLL = { timeout: 10_000, interval: 100 };
const NOTICE = 'Disconnected from the app — start it again (npm run -s web) and reload.';

describe('a tab whose app has stopped', () => {
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

  it('shows no notice while the app runs', async () => {
    await ui.openProfile('Demo cluster');
    expect(await ui.page.getByText(NOTICE).count()).toBe(0);
  });

  it('says it is disconnected, and how to carry on, once the app stops', async () => {
    await app.stop();
    const notice = ui.page.getByRole('alert').filter({ hasText: 'Disconnected from the app' });
    await expect.poll(() => ui.text(notice), POLL).toBe(NOTICE);
    await ui.screenshot('disconnected');
  });
});
