import type { Browser, BrowserContext, Cookie, Page, Response } from 'playwright-core';
import { BrowserSignInError } from '../errors/index.js';
import type { BrowserCookie, LandedPage, SignInWindow, WindowEnd } from './port.js';

export interface WindowParts {
  browser: Browser;
  /** The fresh context the sign-in runs in (never the person's default one). */
  context: BrowserContext;
  page: Page;
  /** Ends our hold on the browser once the context is closed: disconnect, or stop what we launched. */
  release: () => Promise<void>;
  /**
   * What the browser going away means. The person's own browser (attached) quitting under us is
   * 'crashed'; the one we launched for the sign-in ends when its last window is closed, 'closed'.
   */
  whenBrowserGoes: WindowEnd;
}

/**
 * A sign-in tab as the port's SignInWindow: its cookies, its main frame's latest landing, and how
 * it ended. Listeners are attached before anything is loaded, so the first landing is seen.
 */
export function devToolsWindow(parts: WindowParts): SignInWindow {
  const { browser, context, page, release, whenBrowserGoes } = parts;
  let landed: LandedPage | undefined;
  let settle: (end: WindowEnd) => void = () => undefined;
  let settled = false;
  const ended = new Promise<WindowEnd>((resolve) => {
    settle = (end) => {
      if (settled) return;
      settled = true;
      resolve(end);
    };
  });

  page.on('response', (response) => {
    if (isMainFrameNavigation(page, response))
      landed = { url: response.url(), status: response.status() };
  });
  browser.on('disconnected', () => settle(whenBrowserGoes));
  page.on('crash', () => settle('crashed'));
  page.on('close', () => {
    // When the browser goes, Playwright closes its pages just before it says 'disconnected'
    // (seen with playwright-core 1.65): give that a moment to land before calling it a close.
    setTimeout(() => settle(browser.isConnected() ? 'closed' : whenBrowserGoes), 50);
  });

  let closing: Promise<void> | undefined;
  return {
    ended,
    lastPage: () => landed,
    cookies: async (url) => {
      try {
        return (await context.cookies(url)).map(browserCookie);
      } catch {
        // The tab or browser is going away: the next look at `ended` says how.
        if (settled || page.isClosed() || !browser.isConnected()) return [];
        throw new BrowserSignInError(
          'crashed',
          'The browser did not hand over the sign-in cookies',
        );
      }
    },
    close: () => {
      closing ??= (async () => {
        await context.close().catch(() => undefined);
        await release();
      })();
      return closing;
    },
  };
}

function isMainFrameNavigation(page: Page, response: Response): boolean {
  const request = response.request();
  try {
    return request.isNavigationRequest() && request.frame() === page.mainFrame();
  } catch {
    return false; // a service worker's request has no frame
  }
}

/** Playwright's cookie: expires -1 for a session cookie; a leading dot for a domain cookie. */
export function browserCookie(cookie: Cookie): BrowserCookie {
  return {
    name: cookie.name,
    value: cookie.value,
    domain: cookie.domain,
    path: cookie.path,
    ...(cookie.expires > 0 ? { expires: cookie.expires } : {}),
    httpOnly: cookie.httpOnly,
    secure: cookie.secure,
    hostOnly: !cookie.domain.startsWith('.'),
  };
}
