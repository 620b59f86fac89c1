// Chromium from Debian, driven by Playwright, and a page object for the window's screens.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  chromium,
  type Browser,
  type BrowserContext,
  type Locator,
  type Page,
} from 'playwright-core';
import type { ChannelName, RequestOf, ResponseOf } from '../../../../electron/ipc/contract.js';
import { ROOT, type WebApp } from './web-app.js';

// The callbacks given to page.evaluate run in Chromium. The test tsconfig has no DOM library, so
// the few browser globals they touch are named here, for this module only.
declare const window: {
  localStorage: Record<string, string>;
  sessionStorage: Record<string, string>;
  location: { href: string };
  sessionApi: { invoke(channel: string, request: unknown): Promise<unknown> };
};
declare const indexedDB: { databases(): Promise<{ name?: string }[]> };
declare const navigator: { clipboard: { readText(): Promise<string> } };

/**
 * The key cookie each app's printed link turned into. The link works once, so a second page of
 * the same app is a second tab of the browser that used it: a new context given these cookies.
 */
const keyCookies = new WeakMap<WebApp, Awaited<ReturnType<BrowserContext['cookies']>>>();

export const SCREENSHOTS = join(ROOT, 'test-results/screenshots');

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-sync',
    ],
  });
}

export interface StorageSnapshot {
  localStorage: Record<string, string>;
  sessionStorage: Record<string, string>;
  indexedDb: string[];
  url: string;
}

export class AppPage {
  /** Script errors and console errors (a CSP violation is one): a healthy window has none. */
  readonly problems: string[] = [];

  private constructor(
    readonly page: Page,
    readonly app: WebApp,
  ) {
    page.on('pageerror', (error) => this.problems.push(`page error: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error') this.problems.push(`console: ${message.text()}`);
    });
  }

  /**
   * A fresh browser context on the printed URL: the key becomes a cookie, then the app loads. The
   * link works once: later pages of the same app get the first one's cookie and open `/`.
   */
  static async open(
    browser: Browser,
    app: WebApp,
    options: { clipboard?: 'read-write' | 'write' } = {},
  ): Promise<AppPage> {
    const context = await browser.newContext({ viewport: { width: 1000, height: 760 } });
    // What a person allows when the browser asks: writing the clipboard, and reading it unless
    // the test plays one who did not (the page then cannot clear it later, and says so).
    const clipboard = options.clipboard ?? 'read-write';
    await context.grantPermissions(
      clipboard === 'write' ? ['clipboard-write'] : ['clipboard-read', 'clipboard-write'],
      { origin: app.origin },
    );
    const page = await context.newPage();
    const ui = new AppPage(page, app);
    page.setDefaultTimeout(10_000);
    await page.emulateMedia({ colorScheme: 'light', reducedMotion: 'reduce' });
    const cookies = keyCookies.get(app);
    if (cookies) {
      await context.addCookies(cookies);
      await page.goto(`${app.origin}/`);
    } else {
      await page.goto(app.url);
      keyCookies.set(app, await context.cookies(app.origin));
    }
    // The page arrives prerendered; its controls work once the window's script has taken over.
    await page.locator('html[data-ready]').waitFor({ state: 'attached' });
    await page.getByRole('heading', { level: 1 }).waitFor();
    return ui;
  }

  close(): Promise<void> {
    return this.page.context().close();
  }

  button(name: string, scope: Page | Locator = this.page): Locator {
    return scope.getByRole('button', { name, exact: true });
  }

  tab(name: 'Sign-in' | 'Session' | 'Token'): Locator {
    return this.page.getByRole('tab', { name, exact: true });
  }

  field(label: string): Locator {
    return this.page.getByLabel(label, { exact: true });
  }

  dialog(): Locator {
    return this.page.getByRole('dialog');
  }

  panel(): Locator {
    return this.page.getByRole('tabpanel');
  }

  /**
   * Opens the Token tab once its screen has loaded (it loads on demand), getting a token first if
   * the session has none yet, so that Reveal is there.
   */
  async openToken(): Promise<void> {
    await this.tab('Token').click();
    const ready = this.panel().getByRole('button', { name: /^(Get token|Reveal)$/ });
    await ready.first().waitFor();
    const get = this.button('Get token', this.panel());
    if (await get.isVisible()) await get.click();
    await this.button('Reveal').waitFor();
  }

  /** The session state badge in the profile's header. */
  badge(): Locator {
    return this.page.locator('main .head .badge');
  }

  /** A locator's visible text, once it is there (for expect.poll). */
  async text(locator: Locator): Promise<string> {
    await locator.first().waitFor({ state: 'visible' });
    return (await locator.first().innerText()).replace(/\s+/g, ' ');
  }

  async profiles(): Promise<void> {
    await this.button('Profiles').click();
    await this.page.getByRole('heading', { name: 'Profiles', level: 1 }).waitFor();
  }

  async openProfile(name: string): Promise<void> {
    await this.profiles();
    await this.button(name).click();
    await this.page.getByRole('heading', { name, level: 1 }).waitFor();
  }

  /** Calls the app's API from inside the page, as the renderer does (setup and reads only). */
  async invoke<C extends ChannelName>(channel: C, request: RequestOf<C>): Promise<ResponseOf<C>> {
    const call: { channel: string; request: unknown } = { channel, request };
    const answer: unknown = await this.page.evaluate(
      (c) => window.sessionApi.invoke(c.channel, c.request),
      call,
    );
    return answer as ResponseOf<C>;
  }

  /** Calls the app's API from inside the page, expecting a failure: its code and message. */
  async invokeFailure(
    channel: ChannelName,
    request: unknown,
  ): Promise<{ code: string; message: string }> {
    return this.page.evaluate(
      (c) =>
        window.sessionApi.invoke(c.channel, c.request).then(
          () => ({ code: 'NONE', message: 'it succeeded' }),
          (e: { code: string; message: string }) => ({ code: e.code, message: e.message }),
        ),
      { channel, request },
    );
  }

  /** What the browser's own clipboard holds now, read in the page (permission granted first). */
  async clipboard(): Promise<string> {
    await this.page
      .context()
      .grantPermissions(['clipboard-read', 'clipboard-write'], { origin: this.app.origin });
    return this.page.evaluate(() => navigator.clipboard.readText());
  }

  /** The screen as it is now, in the light and the dark theme. */
  async screenshot(name: string): Promise<string[]> {
    mkdirSync(SCREENSHOTS, { recursive: true });
    const files: string[] = [];
    for (const colorScheme of ['light', 'dark'] as const) {
      await this.page.emulateMedia({ colorScheme });
      const path = join(SCREENSHOTS, `${name}-${colorScheme}.png`);
      await this.page.screenshot({ path, fullPage: true, animations: 'disabled' });
      files.push(path);
    }
    await this.page.emulateMedia({ colorScheme: 'light' });
    return files;
  }

  /** Everything the page itself could have kept: web storage, IndexedDB, the address. */
  storage(): Promise<StorageSnapshot> {
    return this.page.evaluate(async () => ({
      localStorage: { ...window.localStorage },
      sessionStorage: { ...window.sessionStorage },
      indexedDb: (await indexedDB.databases()).map((db) => db.name ?? ''),
      url: window.location.href,
    }));
  }
}
