import { timingSafeEqual } from 'node:crypto';

export const KEY_COOKIE = 'tsm_bridge';

export interface RequestFacts {
  host: string | undefined;
  origin: string | undefined;
  cookie: string | undefined;
}

function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return rest.join('=');
  }
  return undefined;
}

function sameSecret(given: string | undefined, secret: string): boolean {
  if (given === undefined) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(secret);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Whether a request may drive the bridge: addressed to our loopback host and port (a page on
 * another site cannot rebind its name to us), from our own origin when the browser says one, and
 * carrying the per-launch key cookie that only the person who opened the printed URL has.
 */
export function checkRequest(
  facts: RequestFacts,
  port: number,
  secret: string,
): string | undefined {
  const hosts = [`127.0.0.1:${port}`, `localhost:${port}`];
  if (!facts.host || !hosts.includes(facts.host)) return 'wrong Host';
  if (facts.origin !== undefined && facts.origin !== `http://${facts.host}`)
    return 'foreign Origin';
  if (!sameSecret(cookieValue(facts.cookie, KEY_COOKIE), secret)) return 'missing or wrong key';
  return undefined;
}

/** The Host check alone, for the page itself and the one-time key exchange. */
export function checkHost(host: string | undefined, port: number): boolean {
  return host === `127.0.0.1:${port}` || host === `localhost:${port}`;
}

export function keyMatches(given: string | null, secret: string): boolean {
  return sameSecret(given ?? undefined, secret);
}
