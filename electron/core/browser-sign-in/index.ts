export type {
  BrowserCookie,
  BrowserSignIn,
  LandedPage,
  OpenOptions,
  SignInWindow,
  WindowEnd,
} from './port.js';
export { BROWSER_AUTH_LABELS, returnPath, startUrl } from './start-url.js';
export { clusterCookieJar } from './browser-cookies.js';
