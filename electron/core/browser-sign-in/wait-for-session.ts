import { BrowserSignInError, isAppError } from '../errors/index.js';
import { stripControls } from '../thoughtspot/server-text.js';
import { clusterCookieJar } from './browser-cookies.js';
import type { LandedPage, SignInWindow } from './port.js';

/** First look after this long, then a little later each time, never slower than the cap. */
const FIRST_POLL_MS = 400;
const MAX_POLL_MS = 2_000;

export interface WaitOptions<Info> {
  window: SignInWindow;
  clusterUrl: string;
  /** The path the window was opened at on the cluster; an error page there means "refused". */
  startPath: string;
  /**
   * Asks the cluster, in its dialect, who owns a session made of these cookies: the answer once
   * it grants one, undefined while it does not.
   */
  probe: (serializedJar: string) => Promise<Info | undefined>;
  timeoutMs: number;
  signal?: AbortSignal | undefined;
}

export interface GrantedSession<Info> {
  info: Info;
  /** The cluster host's cookies, serialized for the keychain. */
  cookies: string;
}

/**
 * Waits until the cluster grants the browser's cookies a session (it answers the session-info
 * call; page text is never read), the window closes, the time is up, or the caller gives up.
 */
export async function waitForClusterSession<Info>(
  options: WaitOptions<Info>,
): Promise<GrantedSession<Info>> {
  const { window, clusterUrl, timeoutMs, signal } = options;
  const deadline = Date.now() + timeoutMs;
  let delay = FIRST_POLL_MS;
  for (;;) {
    const wait = Math.max(0, Math.min(delay, deadline - Date.now()));
    const woke = await nextMoment(window, wait, signal);
    if (woke === 'aborted') throw cancelled(signal);
    if (woke !== 'tick') throw ended(woke, window.lastPage(), clusterUrl);
    refusedStart(window.lastPage(), clusterUrl, options.startPath);
    const { serialized, names } = clusterCookieJar(await window.cookies(clusterUrl), clusterUrl);
    if (names.length > 0) {
      const info = await options.probe(serialized);
      if (info !== undefined) return { info, cookies: serialized };
    }
    if (Date.now() >= deadline) throw timedOut(timeoutMs, window.lastPage(), clusterUrl);
    delay = Math.min(MAX_POLL_MS, Math.round(delay * 1.5));
  }
}

type Moment = 'tick' | 'aborted' | 'closed' | 'crashed';

function nextMoment(window: SignInWindow, ms: number, signal?: AbortSignal): Promise<Moment> {
  if (signal?.aborted) return Promise.resolve('aborted');
  return new Promise((resolve) => {
    const timer = setTimeout(() => finish('tick'), ms);
    const onAbort = () => finish('aborted');
    signal?.addEventListener('abort', onAbort, { once: true });
    function finish(moment: Moment) {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      resolve(moment);
    }
    void window.ended.then(finish);
  });
}

/** An error page, said in a few words: who answered and with which status. */
function errorPage(page: LandedPage | undefined, clusterUrl: string): string {
  if (!page || page.status < 400) return '';
  let where: string;
  try {
    const url = new URL(page.url);
    where =
      url.origin === new URL(clusterUrl).origin
        ? `the cluster (HTTP ${page.status} at ${url.pathname})`
        : `${url.host} (HTTP ${page.status})`;
  } catch {
    where = `HTTP ${page.status}`;
  }
  return `; the last page was an error from ${stripControls(where)}`;
}

/** The cluster answered its own SAML/OIDC start with an error: waiting cannot help. */
function refusedStart(page: LandedPage | undefined, clusterUrl: string, startPath: string): void {
  if (!page || page.status < 400 || startPath === '/') return;
  let url: URL;
  try {
    url = new URL(page.url);
  } catch {
    return;
  }
  if (url.origin !== new URL(clusterUrl).origin || url.pathname !== startPath) return;
  throw new BrowserSignInError(
    'refused',
    `The cluster refused to start this sign-in (HTTP ${page.status} at ${url.pathname}); ` +
      'check that single sign-on of this kind is set up on the cluster',
    { status: page.status, url: url.origin },
  );
}

function ended(how: 'closed' | 'crashed', page: LandedPage | undefined, clusterUrl: string) {
  return how === 'closed'
    ? new BrowserSignInError(
        'closed',
        `The sign-in window was closed before you finished${errorPage(page, clusterUrl)}`,
      )
    : new BrowserSignInError('crashed', 'The browser went away before you finished signing in');
}

function timedOut(timeoutMs: number, page: LandedPage | undefined, clusterUrl: string) {
  return new BrowserSignInError(
    'timeout',
    `Signing in took longer than ${Math.round(timeoutMs / 1000)} s and the cluster granted no ` +
      `session${errorPage(page, clusterUrl)}`,
  );
}

/** A caller that gave up with a reason of ours (the profile changed) passes it on. */
function cancelled(signal: AbortSignal | undefined) {
  const reason: unknown = signal?.reason;
  if (isAppError(reason)) return reason;
  return new BrowserSignInError('cancelled', 'Sign-in was cancelled');
}
