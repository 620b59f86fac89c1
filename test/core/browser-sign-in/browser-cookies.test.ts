// Only the cluster host's cookies go into the profile's jar, as a browser would send them there.
import { describe, expect, it } from 'vitest';
import { clusterCookieJar } from '../../../electron/core/browser-sign-in/browser-cookies.js';
import type { BrowserCookie } from '../../../electron/core/browser-sign-in/port.js';
import { restoreCookieJar } from '../../../electron/core/thoughtspot/cookie-jar.js';

function cookie(name: string, domain: string, more: Partial<BrowserCookie> = {}): BrowserCookie {
  return {
    name,
    value: `${name}-value`,
    domain,
    path: '/',
    httpOnly: true,
    secure: false,
    ...more,
  };
}

/** What the restored jar would send to `url`. */
function sent(serialized: string, url: string): string {
  return restoreCookieJar(serialized).getCookieStringSync(url);
}

describe('clusterCookieJar', () => {
  const cluster = 'https://acme.thoughtspot.cloud';

  it("keeps the cluster host's cookies and drops every other host's", () => {
    const { serialized, names } = clusterCookieJar(
      [
        cookie('JSESSIONID', 'acme.thoughtspot.cloud'),
        cookie('clientId', 'acme.thoughtspot.cloud', { secure: true }),
        cookie('okta-session', 'acme.okta.com'),
        cookie('tracker', '.tracker.example'),
        cookie('sibling', 'other.thoughtspot.cloud'),
      ],
      cluster,
    );
    expect(names).toEqual(['JSESSIONID', 'clientId']);
    expect(sent(serialized, `${cluster}/`)).toBe(
      'JSESSIONID=JSESSIONID-value; clientId=clientId-value',
    );
    expect(serialized).not.toContain('okta');
    expect(serialized).not.toContain('tracker');
    expect(serialized).not.toContain('sibling');
  });

  it('a domain cookie of a parent domain is kept (a browser would send it), a host-only one is not', () => {
    const { names } = clusterCookieJar(
      [
        cookie('parent', '.thoughtspot.cloud'),
        cookie('parent-flag', 'thoughtspot.cloud', { hostOnly: false }),
        cookie('parent-host-only', 'thoughtspot.cloud'),
      ],
      cluster,
    );
    expect(names).toEqual(['parent', 'parent-flag']);
  });

  it("a cluster under a path gets the cookies for its host; the cookie's own path is kept", () => {
    const { serialized, names } = clusterCookieJar(
      [cookie('JSESSIONID', 'acme.thoughtspot.cloud', { path: '/ts' })],
      `${cluster}/ts`,
    );
    expect(names).toEqual(['JSESSIONID']);
    expect(sent(serialized, `${cluster}/ts/api`)).toContain('JSESSIONID=');
    expect(sent(serialized, `${cluster}/elsewhere`)).toBe('');
  });

  it('keeps when a cookie expires; a session cookie (no expiry, or -1) stays a session cookie', () => {
    const inAnHour = Math.floor(Date.now() / 1000) + 3600;
    const { serialized } = clusterCookieJar(
      [
        cookie('lasting', 'acme.thoughtspot.cloud', { expires: inAnHour }),
        cookie('session', 'acme.thoughtspot.cloud', { expires: -1 }),
      ],
      cluster,
    );
    const stored = restoreCookieJar(serialized).getCookiesSync(`${cluster}/`);
    const expiry = (name: string) => stored.find((c) => c.key === name)?.expires;
    expect(expiry('lasting')).toEqual(new Date(inAnHour * 1000));
    expect(expiry('session')).toBe('Infinity');
  });

  it('a Secure cookie is kept for https and for loopback http, not for plain http elsewhere', () => {
    const secure = (host: string) => [cookie('s', host, { secure: true })];
    expect(clusterCookieJar(secure('acme.thoughtspot.cloud'), cluster).names).toEqual(['s']);
    expect(clusterCookieJar(secure('127.0.0.1'), 'http://127.0.0.1:8080').names).toEqual(['s']);
    expect(clusterCookieJar(secure('ts.corp'), 'http://ts.corp').names).toEqual([]);
  });

  it('matches hosts whatever their case, and none at all gives an empty jar', () => {
    expect(clusterCookieJar([cookie('a', 'ACME.thoughtspot.cloud')], cluster).names).toEqual(['a']);
    const none = clusterCookieJar([], cluster);
    expect(none.names).toEqual([]);
    expect(sent(none.serialized, `${cluster}/`)).toBe('');
  });
});
