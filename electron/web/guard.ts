import { timingSafeEqual } from 'node:crypto';

export const KEY_COOKIE = 'tsm_bridge';

export interface RequestFacts {
  host: string | undefined;
  origin: string | undefined;
  cookie: string | undefined;
  /** The page key header's value (bridge/protocol.ts). */
  pageKey: string | undefined;
  /** Sec-Fetch-Site, which browsers set and pages cannot. */
  fetchSite: string | undefined;
}

/** The two secrets of a run: the key cookie (set by the link) and the page key (held in memory). */
export interface BridgeSecrets {
  cookie: string;
  pageKey: string;
}

function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return rest.join('=');
  }
  return undefined;
}

export function sameSecret(given: string | undefined, secret: string): boolean {
  if (given === undefined) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(secret);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Whether the Cookie header carries this run's key cookie. */
export function hasKeyCookie(header: string | undefined, secret: string): boolean {
  return sameSecret(cookieValue(header, KEY_COOKIE), secret);
}

/** The Host check alone, for the page itself and the one-time key exchange. */
export function checkHost(host: string | undefined, port: number): boolean {
  return host === `127.0.0.1:${port}` || host === `localhost:${port}`;
}

/**
 * Whether a request comes from one of our own pages: addressed to our loopback host and port (a
 * page on another site cannot rebind its name to us), from our own origin when the browser says
 * one, and carrying the key cookie that only the browser which opened the printed link has.
 */
function checkOwnPage(facts: RequestFacts, port: number, cookie: string): string | undefined {
  if (!checkHost(facts.host, port)) return 'wrong Host';
  if (facts.origin !== undefined && facts.origin !== `http://${facts.host}`)
    return 'foreign Origin';
  if (!hasKeyCookie(facts.cookie, cookie)) return 'missing or wrong key';
  return undefined;
}

/**
 * Whether a request may drive the bridge: one of our pages, also sending the page key. The cookie
 * alone is not enough: the browser sends it to every port of 127.0.0.1, so any local server the
 * person visits receives it; the page key goes only where the bridge script sends it.
 */
export function checkRequest(
  facts: RequestFacts,
  port: number,
  secrets: BridgeSecrets,
): string | undefined {
  const refused = checkOwnPage(facts, port, secrets.cookie);
  if (refused) return refused;
  if (!sameSecret(facts.pageKey, secrets.pageKey)) return 'missing or wrong page key';
  return undefined;
}

/**
 * Whether a request may read the page key: one of our pages, asking with fetch from its own
 * origin. Sec-Fetch-Site is set by the browser and no page can change it: a page on another port
 * gets `same-site` (and could not read our answer anyway). A program that is not a browser can
 * send any header: one that has the cookie and forges this header still gets the key. What this
 * stops is a replay of the cookie alone, and every page on another port.
 */
export function checkPageKeyRequest(
  facts: RequestFacts,
  port: number,
  cookie: string,
): string | undefined {
  const refused = checkOwnPage(facts, port, cookie);
  if (refused) return refused;
  if (facts.fetchSite !== 'same-origin') return 'not asked by our own page';
  return undefined;
}
