// Switching org from the window, end to end: the real renderer in Debian's Chromium against the
// real core, the demo cluster (tsadmin is in Primary 0 and Sales 1) and a private keyring. The
// header's org menu is used from the keyboard, and the cluster itself says the new token is Sales'.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppPage, launchChromium } from './support/app-page.js';
import { startWebApp, type WebApp } from './support/web-app.js';

const POLL = { timeout: 10_000, interval: 100 };

/** The org the cluster says a bearer token's session is in. */
async function orgAtCluster(clusterUrl: string, token: string): Promise<unknown> {
  const answer = await fetch(`${clusterUrl}/api/rest/2.0/auth/session/user`, {
    headers: { Authorization: `Bearer ${token}`, Accept: 'application/json' },
  });
  expect(answer.status).toBe(200);
  return ((await answer.json()) as { current_org?: unknown }).current_org;
}

describe('switching org from the window', { timeout: 60_000 }, () => {
  let app: WebApp;
  let browser: Browser;
  let ui: AppPage;
  let clusterUrl = '';

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

  const menuButton = () => ui.page.getByRole('button', { name: /^Org:/ });
  const menu = () => ui.page.getByRole('menu');
  const focused = async () =>
    (await ui.page.locator(':focus').innerText()).replace(/\s+/g, ' ').trim();

  it('shows the org as a menu button once signed in with a token', async () => {
    await ui.openProfile('Demo cluster');
    await ui.field('Password').fill('admin');
    // A remembered password signs in again for the new org: a token for it replaces the old.
    await ui.page.getByLabel(/Remember me/).check();
    await ui.button('Get token', ui.panel()).click();
    await expect.poll(() => ui.text(ui.badge()), POLL).toBe('Signed in');
    await expect.poll(() => ui.text(menuButton()), POLL).toBe('Org: Primary ▾');
    expect(await menuButton().getAttribute('aria-haspopup')).toBe('menu');
  });

  it('is keyboard operable: Enter opens, arrows move, Escape closes and focus returns', async () => {
    await menuButton().focus();
    await ui.page.keyboard.press('Enter');
    await menu().waitFor();
    expect(await menuButton().getAttribute('aria-expanded')).toBe('true');
    expect(await focused()).toBe('✓ Primary (0)');
    await ui.page.keyboard.press('ArrowDown');
    expect(await focused()).toBe('Sales (1)');
    await ui.page.keyboard.press('ArrowDown');
    expect(await focused(), 'wraps around').toBe('✓ Primary (0)');
    await ui.page.keyboard.press('Escape');
    await expect.poll(() => menu().count(), POLL).toBe(0);
    expect(await focused()).toBe('Org: Primary ▾');
  });

  it('switches to Sales and the new token is for Sales, as the cluster says', async () => {
    await ui.page.keyboard.press('Space');
    await menu().waitFor();
    await ui.page.keyboard.press('ArrowDown');
    await ui.page.keyboard.press('Enter');
    const said = ui.page.locator('main .head [role="status"]');
    await expect.poll(() => ui.text(said), POLL).toBe('Now in Sales; a new token was issued.');
    await expect.poll(() => ui.text(menuButton()), POLL).toBe('Org: Sales ▾');

    await ui.openToken();
    await ui.button('Reveal').click();
    const token = await ui.text(ui.page.locator('code.token'));
    expect(await orgAtCluster(clusterUrl, token.trim())).toEqual({ id: 1, name: 'Sales' });

    await ui.tab('Session').click();
    await expect.poll(() => ui.text(ui.panel()), POLL).toContain('Sales (1)');
    const profile = (await ui.invoke('profiles:list', {})).profiles.find(
      (p) => p.name === 'Demo cluster',
    );
    expect(profile?.org).toBe(1);
  });

  it('ran without script errors, console errors or CSP violations', () => {
    expect(ui.problems).toEqual([]);
  });
});
