import { Cookie } from 'tough-cookie';
import { createCookieJar, serializeCookieJar } from '../thoughtspot/cookie-jar.js';
import type { BrowserCookie } from './port.js';

/** Would a browser send a cookie of this domain to `host`? (RFC 6265 domain matching.) */
function domainMatches(cookieDomain: string, host: string, hostOnly: boolean): boolean {
  const domain = cookieDomain.replace(/^\./, '').toLowerCase();
  const target = host.toLowerCase();
  if (domain === target) return true;
  return !hostOnly && target.endsWith(`.${domain}`);
}

/**
 * The cluster host's cookies from the browser as a serialized cookie jar (a secret: it goes to
 * the keychain). Cookies for any other host (the identity provider's, a tracker's) are dropped
 * here, whatever the browser handed over.
 */
export function clusterCookieJar(
  cookies: readonly BrowserCookie[],
  clusterUrl: string,
): { serialized: string; names: string[] } {
  const url = new URL(clusterUrl);
  const jar = createCookieJar();
  const names: string[] = [];
  for (const c of cookies) {
    const hostOnly = c.hostOnly ?? !c.domain.startsWith('.');
    if (!domainMatches(c.domain, url.hostname, hostOnly)) continue;
    const cookie = new Cookie({
      key: c.name,
      value: c.value,
      path: c.path || '/',
      httpOnly: c.httpOnly,
      secure: c.secure,
      hostOnly,
      ...(hostOnly ? {} : { domain: c.domain.replace(/^\./, '') }),
      ...(c.expires !== undefined && c.expires > 0 ? { expires: new Date(c.expires * 1000) } : {}),
    });
    // A cookie the jar refuses (Secure, over plain http to a host that is not loopback) would
    // never be sent back anyway.
    if (jar.setCookieSync(cookie, url.toString(), { ignoreError: true })) names.push(c.name);
  }
  return { serialized: serializeCookieJar(jar), names };
}
