import { describe, expect, it } from 'vitest';
import { clusterCookieJar } from '../../../electron/core/browser-sign-in/browser-cookies.js';
import type { BrowserCookie } from '../../../electron/core/browser-sign-in/port.js';
import { restoreCookieJar } from '../../../electron/core/thoughtspot/cookie-jar.js';

const cookie = (
  name: string,
  domain: string,
  extra: Partial<BrowserCookie> = {},
): BrowserCookie => ({
  name,
  value: `v-${name}`,
  domain,
  path: '/',
  httpOnly: true,
  secure: false,
  ...extra,
});

describe('the cluster host cookies from a browser', () => {
  it('keeps the cluster host and its parent domain, drops every other host', () => {
    const { serialized, names } = clusterCookieJar(
      [
        cookie('JSESSIONID', 'acme.thoughtspot.cloud'),
        cookie('clientId', 'acme.thoughtspot.cloud', { secure: true }),
        cookie('wide', '.thoughtspot.cloud'),
        cookie('idp', 'login.okta.com'),
        cookie('lookalike', 'evilacme.thoughtspot.cloud'),
        cookie('sibling', 'other.thoughtspot.cloud'),
      ],
      'https://acme.thoughtspot.cloud',
    );
    expect(names).toEqual(['JSESSIONID', 'clientId', 'wide']);
    const header = restoreCookieJar(serialized).getCookieStringSync(
      'https://acme.thoughtspot.cloud/',
    );
    expect(header).toBe('JSESSIONID=v-JSESSIONID; clientId=v-clientId; wide=v-wide');
  });

  it('a Secure cookie over plain http is kept only for loopback, as a browser would send it', () => {
    const secure = { secure: true };
    const loopback = clusterCookieJar(
      [cookie('JSESSIONID', '127.0.0.1'), cookie('clientId', '127.0.0.1', secure)],
      'http://127.0.0.1:8080',
    );
    expect(loopback.names).toEqual(['JSESSIONID', 'clientId']);
    const plain = clusterCookieJar(
      [cookie('JSESSIONID', 'ts.internal'), cookie('clientId', 'ts.internal', secure)],
      'http://ts.internal:8080',
    );
    expect(plain.names).toEqual(['JSESSIONID']);
  });
});
