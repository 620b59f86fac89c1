import { BrowserSignInError } from '../errors/index.js';
import type { BrowserSignIn } from './port.js';

/** Which Chromium-family browser to drive, as the host's environment names it. */
export interface DevToolsBrowserOptions {
  /** `--browser-endpoint` / TSM_BROWSER_ENDPOINT: a running browser's DevTools endpoint. */
  endpoint?: string | undefined;
  /** TSM_BROWSER: the browser executable. */
  executable?: string | undefined;
  /** PATH, searched for chromium, google-chrome, microsoft-edge, brave. */
  searchPath?: string | undefined;
  /** Running as root: Chromium then needs --no-sandbox. */
  asRoot?: boolean | undefined;
}

/** PLACEHOLDER until the DevTools port lands: says plainly that it cannot open a browser. */
export function devToolsBrowser(_options: DevToolsBrowserOptions): BrowserSignIn {
  return {
    open: () =>
      Promise.reject(new BrowserSignInError('no-browser', 'Browser sign-in is not built yet')),
  };
}
