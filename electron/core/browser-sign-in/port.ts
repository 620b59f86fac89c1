/**
 * The one thing a host must provide for browser sign-in: a browser window (or tab) of its own,
 * in a fresh, isolated profile, whose cookies it can read. Core decides everything else: where to
 * start, when sign-in is done, what to keep. The desktop app implements it with a child
 * BrowserWindow on an in-memory partition; `tsm` and browser mode with a Chromium driven over the
 * DevTools protocol.
 */
export interface BrowserSignIn {
  /** Opens `url` in a fresh browser profile that shares nothing with any other. */
  open(url: string, options: OpenOptions): Promise<SignInWindow>;
}

export interface OpenOptions {
  /** What the window is for, for its title ("Sign in to Prod"). */
  title: string;
}

/** A cookie as the browser holds it. */
export interface BrowserCookie {
  name: string;
  value: string;
  /** As the browser reports it: a leading dot (or `hostOnly: false`) means subdomains too. */
  domain: string;
  path: string;
  /** Epoch seconds; absent or negative for a session cookie. */
  expires?: number;
  httpOnly: boolean;
  secure: boolean;
  hostOnly?: boolean;
}

/** The last page the window's main frame landed on, with the HTTP status it came with. */
export interface LandedPage {
  url: string;
  status: number;
}

export type WindowEnd = 'closed' | 'crashed';

export interface SignInWindow {
  /** The cookies the browser would send to `url`. */
  cookies(url: string): Promise<BrowserCookie[]>;
  /** The main frame's latest navigation, when there was one. */
  lastPage(): LandedPage | undefined;
  /** Settles when the person closed the window or tab ('closed') or the browser went away. */
  readonly ended: Promise<WindowEnd>;
  /** Closes the window and forgets its profile (cookies, storage, cache). Safe to call twice. */
  close(): Promise<void>;
}
