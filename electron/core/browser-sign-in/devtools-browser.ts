import type { Browser } from 'playwright-core';
import { BrowserSignInError } from '../errors/index.js';
import { stripControls } from '../thoughtspot/server-text.js';
import { devToolsWindow, type WindowParts } from './devtools-window.js';
import { chooseBrowser } from './find-browser.js';
import type { BrowserSignIn, SignInWindow } from './port.js';

/** Which Chromium-family browser to drive, as the host's environment names it. */
export interface DevToolsBrowserOptions {
  /** `--browser-endpoint` / TSM_BROWSER_ENDPOINT: a running browser's DevTools endpoint. */
  endpoint?: string | undefined;
  /** TSM_BROWSER: the browser executable. */
  executable?: string | undefined;
  /** PATH, searched for chromium, google-chrome, microsoft-edge, brave. */
  searchPath?: string | undefined;
  /** Running as root: Chromium then needs --no-sandbox. Asked of the process when not given. */
  asRoot?: boolean | undefined;
  /** The environment a launched browser starts in (the host's; process.env when not given). */
  env?: Readonly<Record<string, string | undefined>> | undefined;
}

const CONNECT_TIMEOUT_MS = 10_000;
const LAUNCH_TIMEOUT_MS = 30_000;

/**
 * The BrowserSignIn port for `tsm` and browser mode: a Chromium-family browser driven over the
 * DevTools protocol by playwright-core, which is loaded only when a sign-in opens a browser (so
 * `tsm token` never pays for it). A running browser (its DevTools endpoint) gets the sign-in as a
 * tab in a fresh browser context of its own; otherwise the browser is launched, visible, with a
 * temporary profile that Playwright deletes when it is closed.
 */
export function devToolsBrowser(options: DevToolsBrowserOptions): BrowserSignIn {
  return {
    // A DevTools page cannot be given a window title, so options.title goes unused here.
    open: async (url) => {
      const choice = chooseBrowser(options);
      const { chromium } = await import('playwright-core');
      const held =
        choice.kind === 'attach'
          ? await attach(chromium, choice.endpoint)
          : await launch(chromium, choice.executable, {
              asRoot: options.asRoot ?? process.getuid?.() === 0,
              env: browserEnv(options.env ?? process.env),
            });
      try {
        return await openTab(held, url);
      } catch (error) {
        await held.release().catch(() => undefined);
        throw error;
      }
    },
  };
}

type Chromium = (typeof import('playwright-core'))['chromium'];
type Held = Omit<WindowParts, 'context' | 'page'>;

async function openTab(held: Held, url: string): Promise<SignInWindow> {
  const { browser } = held;
  // No viewport emulation: the page takes the size of the window the person sees.
  const context = await browser.newContext({ viewport: null });
  const page = await context.newPage();
  const signInWindow = devToolsWindow({ ...held, context, page });
  // Not awaited: the person may take minutes; an unreachable page shows the browser's own error,
  // and waiting for the cluster's session says what happened.
  page.goto(url, { timeout: 0 }).catch(() => undefined);
  return signInWindow;
}

/**
 * Attaches to the person's running browser. On a browser reached with connectOverCDP,
 * `browser.close()` only disconnects (it closes nothing of theirs), which is what release wants.
 */
async function attach(chromium: Chromium, endpoint: string): Promise<Held> {
  let browser: Browser;
  try {
    browser = await chromium.connectOverCDP(endpoint, { timeout: CONNECT_TIMEOUT_MS });
  } catch {
    throw new BrowserSignInError(
      'no-browser',
      `No browser answered at ${stripControls(endpoint)} (TSM_BROWSER_ENDPOINT or ` +
        '--browser-endpoint): start it with --remote-debugging-port=PORT, or leave both unset',
    );
  }
  return { browser, release: () => browser.close(), whenBrowserGoes: 'crashed' };
}

/** Launches the browser, visible, with a fresh temporary profile that goes when it is closed. */
async function launch(
  chromium: Chromium,
  executable: string,
  { asRoot, env }: { asRoot: boolean; env: Record<string, string> },
): Promise<Held> {
  let browser: Browser;
  try {
    browser = await chromium.launch({
      executablePath: executable,
      headless: false,
      args: asRoot ? ['--no-sandbox'] : [],
      env,
      timeout: LAUNCH_TIMEOUT_MS,
      // Ctrl-C is the host's to handle (tsm ends the sign-in and closes this browser itself);
      // Playwright's own handler would exit the process first.
      handleSIGINT: false,
    });
  } catch (error) {
    throw new BrowserSignInError(
      'no-browser',
      `The browser ${stripControls(executable)} did not start: ${firstLine(error)}`,
    );
  }
  return { browser, release: () => browser.close(), whenBrowserGoes: 'closed' };
}

/**
 * The launched browser's environment: the host's, without tsm's own variables (TSM_* may hold a
 * passphrase, TS_* a token), which a browser has no use for.
 */
export function browserEnv(
  env: Readonly<Record<string, string | undefined>>,
): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const [name, value] of Object.entries(env)) {
    if (value !== undefined && !/^TSM?_/.test(name)) kept[name] = value;
  }
  return kept;
}

/** The first line of Playwright's launch error (the rest is its call log and hints). */
function firstLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  const line = text.split('\n').find((l) => l.trim() !== '') ?? 'no reason given';
  return [...stripControls(line.replace(/^browserType\.launch:\s*/, ''))].slice(0, 300).join('');
}
