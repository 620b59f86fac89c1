import { CookieJar } from 'tough-cookie';
import { ResponseError } from '../errors/index.js';

/**
 * A profile's cookie session. The serialized form holds the session cookie, so it is a secret:
 * it belongs in the keychain, never in settings.
 */
export function createCookieJar(): CookieJar {
  return new CookieJar();
}

export function serializeCookieJar(jar: CookieJar): string {
  return JSON.stringify(jar.serializeSync());
}

export function restoreCookieJar(serialized: string): CookieJar {
  try {
    return CookieJar.deserializeSync(serialized);
  } catch {
    // The message must not echo the stored value: it holds a session cookie.
    throw new ResponseError(
      'UNEXPECTED_RESPONSE',
      'The stored cookie session is unreadable; sign in again',
    );
  }
}

/** The `Cookie` header a request to `url` would carry from a stored session ('' when none). */
export function cookieHeader(serialized: string, url: string): string {
  return restoreCookieJar(serialized).getCookieStringSync(url);
}

export function hasCookies(jar: CookieJar, url: string): boolean {
  return jar.getCookiesSync(url).length > 0;
}

export type { CookieJar };
