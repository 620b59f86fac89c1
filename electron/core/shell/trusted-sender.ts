/**
 * Whether an IPC message comes from our own window's page: the main frame (not an iframe) of a
 * window we created, showing our own bundle. Anything else is dropped before it is parsed.
 */
export function isTrustedSender(sender: {
  isMainFrame: boolean;
  isOurWindow: boolean;
  url: string;
  appUrl: string;
}): boolean {
  if (!sender.isMainFrame || !sender.isOurWindow) return false;
  try {
    const url = new URL(sender.url);
    const app = new URL(sender.appUrl);
    if (url.protocol !== app.protocol) return false;
    // file: URLs have no origin to compare; the path must be our index.html itself.
    if (url.protocol === 'file:') return url.pathname === app.pathname;
    return url.origin === app.origin;
  } catch {
    return false;
  }
}

/** Navigation policy: the window never leaves our page, and never opens another window. */
export function isAllowedNavigation(target: string, appUrl: string): boolean {
  return isTrustedSender({ isMainFrame: true, isOurWindow: true, url: target, appUrl });
}

/** The Content-Security-Policy of the window: our own scripts and styles only, no remote anything. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
