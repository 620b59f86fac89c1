import type { Browser, BrowserContext, Page } from 'playwright-core';
import { BrowserSignInError } from '../errors/index.js';
import { findBrowser } from './find-browser.js';
import type { BrowserCookie, BrowserSignIn, LandedPage, SignInWindow, WindowEnd } from './port.js';

/** Which Chromium-family browser to drive, as the host's environment names it. */
export interface DevToolsBrowserOptions {
  /** `--browser-endpoint` / TSM_BROWSER_ENDPOINT: a running browser's DevTools endpoint. */
  endpoint?: string | undefined;
  /** TSM_BROWSER: the browser executable. */
  executable?: string | undefined;
  /** PATH, searched for chromium, google-chrome, microsoft-edge, brave. */
  searchPath?: string | undefined;
}

/** Flags a browser launched for sign-in gets: nothing of its own fetched, no first-run pages. */
const LAUNCH_FLAGS = [
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
  '--no-default-browser-check',
];

/**
 * The Node host's port: a Chromium-family browser driven over the DevTools protocol with
 * playwright-core, loaded only when a sign-in opens (so `tsm token` never pays for it). Attached
 * to a running browser, the page opens as a tab in a fresh browser context of its own, and the
 * person's browser keeps running afterwards; otherwise a browser is launched visibly, in a
 * temporary profile that playwright deletes when it closes.
 */
export function devToolsBrowser(options: DevToolsBrowserOptions): BrowserSignIn {
  // The title cannot be set on a tab; the sign-in page names itself.
  return { open: (url) => openIn(options, url) };
}

async function openIn(options: DevToolsBrowserOptions, url: string): Promise<SignInWindow> {
  const { chromium } = await import('playwright-core');
  let browser: Browser;
  let context: BrowserContext;
  if (options.endpoint) {
    browser = await chromium.connectOverCDP(options.endpoint, { timeout: 15_000 }).catch(() => {
      throw new BrowserSignInError(
        'no-browser',
        `No browser answers at ${options.endpoint} (TSM_BROWSER_ENDPOINT / --browser-endpoint); start one with --remote-debugging-port, or unset it`,
      );
    });
    context = await browser.newContext();
  } else {
    const executablePath = findBrowser(options.executable, options.searchPath);
    // As root, Chromium refuses to start with its sandbox.
    const asRoot = process.getuid?.() === 0;
    browser = await chromium
      .launch({
        executablePath,
        headless: false,
        args: asRoot ? [...LAUNCH_FLAGS, '--no-sandbox'] : LAUNCH_FLAGS,
      })
      .catch((error: unknown) => {
        throw new BrowserSignInError(
          'no-browser',
          `${executablePath} did not start (${firstLine(error)}); set TSM_BROWSER to another browser`,
        );
      });
    context = await browser.newContext();
  }
  const page = await context.newPage();
  const window = new DevToolsWindow(browser, context, page);
  // A start page that does not load (the cluster down) still leaves the window to the person.
  await page.goto(url).catch(() => undefined);
  return window;
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '';
}

class DevToolsWindow implements SignInWindow {
  readonly ended: Promise<WindowEnd>;
  #landed: LandedPage | undefined;
  #closing: Promise<void> | undefined;

  constructor(
    private readonly browser: Browser,
    private readonly context: BrowserContext,
    page: Page,
  ) {
    page.on('response', (response) => {
      const request = response.request();
      if (request.isNavigationRequest() && request.frame() === page.mainFrame()) {
        this.#landed = { url: response.url(), status: response.status() };
      }
    });
    this.ended = new Promise((resolve) => {
      page.once('close', () => resolve('closed'));
      page.once('crash', () => resolve('crashed'));
      browser.once('disconnected', () => resolve(this.#closing ? 'closed' : 'crashed'));
    });
  }

  async cookies(url: string): Promise<BrowserCookie[]> {
    const cookies = await this.context.cookies(url);
    return cookies.map((c) => ({
      name: c.name,
      value: c.value,
      domain: c.domain,
      path: c.path,
      ...(c.expires > 0 ? { expires: c.expires } : {}),
      httpOnly: c.httpOnly,
      secure: c.secure,
      hostOnly: !c.domain.startsWith('.'),
    }));
  }

  lastPage(): LandedPage | undefined {
    return this.#landed;
  }

  close(): Promise<void> {
    this.#closing ??= (async () => {
      // The context goes with its cookies; an attached browser is only disconnected from (a
      // CDP-connected browser's close() leaves it running), a launched one is closed.
      await this.context.close().catch(() => undefined);
      await this.browser.close().catch(() => undefined);
    })();
    return this.#closing;
  }
}
