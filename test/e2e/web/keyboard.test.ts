// The window with a keyboard only: reach a profile, sign in, move between tabs with the arrow
// keys, and sign out through a confirmation that Escape dismisses. Focus is always visible.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppPage, launchChromium } from './support/app-page.js';
import { startWebApp, type WebApp } from './support/web-app.js';

const POLL = { timeout: 10_000, interval: 100 };

// focused() runs in Chromium; the test tsconfig has no DOM library, so name what it touches.
interface PageElement {
  tagName: string;
  textContent: string | null;
  labels?: { textContent: string | null }[] | null;
  getAttribute(name: string): string | null;
}
declare const document: { activeElement: PageElement | null; body: PageElement };
declare function getComputedStyle(element: PageElement): {
  outlineStyle: string;
  outlineWidth: string;
};

interface Focused {
  tag: string;
  name: string;
  outline: string;
}

describe('keyboard only', () => {
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

  /** What has focus: its tag, its accessible-ish name, and how its focus is drawn. */
  function focused(): Promise<Focused> {
    return ui.page.evaluate(() => {
      const el = document.activeElement;
      if (!el || el === document.body) return { tag: 'body', name: '', outline: '' };
      const label = el.labels?.[0]?.textContent;
      const style = getComputedStyle(el);
      return {
        tag: el.tagName.toLowerCase(),
        name: (el.getAttribute('aria-label') ?? label ?? el.textContent ?? '').trim(),
        outline: `${style.outlineStyle} ${style.outlineWidth}`,
      };
    });
  }

  /** Presses a key until the focused element has this name; fails after `max` presses. */
  async function pressUntil(key: string, name: string, tag: string, max = 25): Promise<Focused> {
    for (let i = 0; i < max; i++) {
      await ui.page.keyboard.press(key);
      const now = await focused();
      if (now.name === name && now.tag === tag) return now;
    }
    throw new Error(
      `${key} never reached the ${tag} "${name}"; focus is on ${JSON.stringify(await focused())}`,
    );
  }

  it('signs in from the profile list without a mouse, with focus always visible', async () => {
    // The window opens on the default profile; the list is one Tab stop and Enter away.
    await ui.page.getByRole('heading', { name: 'Demo cluster', level: 1 }).waitFor();
    const list = await pressUntil('Tab', 'Profiles', 'button');
    expect(list.outline).toBe('solid 3px');
    await ui.page.keyboard.press('Enter');
    await expect.poll(focused, POLL).toMatchObject({ tag: 'h1', name: 'Profiles' });
    const row = await pressUntil('Tab', 'Demo cluster', 'button');
    expect(row.outline).toBe('solid 3px');
    await ui.page.keyboard.press('Enter');
    await expect.poll(focused, POLL).toMatchObject({ tag: 'h1', name: 'Demo cluster' });
    const password = await pressUntil('Tab', 'Password', 'input');
    expect(password.outline).toBe('solid 3px');
    await ui.page.keyboard.type('admin');
    await ui.page.keyboard.press('Enter');
    await expect.poll(() => ui.text(ui.panel()), POLL).toContain('Administrator');
    await expect.poll(focused, POLL).toMatchObject({ tag: 'h2', name: 'Session' });
    await expect.poll(() => ui.text(ui.badge()), POLL).toBe('Signed in');
  });

  it('moves between tabs with the arrow keys', async () => {
    await pressUntil('Shift+Tab', 'Session', 'button');
    await ui.page.keyboard.press('ArrowRight');
    await expect.poll(focused, POLL).toMatchObject({ tag: 'button', name: 'Token' });
    expect(await ui.tab('Token').getAttribute('aria-selected')).toBe('true');
    await ui.page.keyboard.press('ArrowLeft');
    await ui.page.keyboard.press('ArrowLeft');
    expect(await ui.tab('Sign-in').getAttribute('aria-selected')).toBe('true');
    await ui.page.keyboard.press('End');
    await expect.poll(focused, POLL).toMatchObject({ tag: 'button', name: 'Token' });
  });

  it('signs out through a confirmation; Escape cancels it and gives focus back', async () => {
    await expect.poll(() => ui.text(ui.panel()), POLL).toContain('This is a cookie session');
    await pressUntil('Tab', 'Sign out', 'button');
    await ui.page.keyboard.press('Enter');
    await expect.poll(focused, POLL).toMatchObject({ tag: 'button', name: 'Cancel' });
    await ui.page.keyboard.press('Escape');
    await expect.poll(() => ui.dialog().count(), POLL).toBe(0);
    await expect.poll(focused, POLL).toMatchObject({ tag: 'button', name: 'Sign out' });
    await ui.page.keyboard.press('Enter');
    await pressUntil('Tab', 'Sign out', 'button', 3);
    await ui.page.keyboard.press('Enter');
    await expect.poll(() => ui.text(ui.badge()), POLL).toBe('Signed out');
    await expect.poll(focused, POLL).toMatchObject({ tag: 'h2' });
  });

  it('ran without script errors, console errors or CSP violations', () => {
    expect(ui.problems).toEqual([]);
  });
});
