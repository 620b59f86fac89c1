// Where a browser sign-in starts, and the path on the cluster it returns to.
import { describe, expect, it } from 'vitest';
import {
  BROWSER_AUTH_LABELS,
  returnPath,
  startUrl,
} from '../../../electron/core/browser-sign-in/start-url.js';

describe('startUrl', () => {
  it("SAML and OIDC start at the cluster's callosum login with a targetURLPath on the cluster", () => {
    expect(startUrl('https://acme.thoughtspot.cloud', 'saml')).toBe(
      'https://acme.thoughtspot.cloud/callosum/v1/saml/login?targetURLPath=%2F',
    );
    expect(startUrl('https://acme.thoughtspot.cloud/', 'oidc')).toBe(
      'https://acme.thoughtspot.cloud/callosum/v1/oidc/login?targetURLPath=%2F',
    );
  });

  it("the cluster's own page is its root", () => {
    expect(startUrl('https://acme.thoughtspot.cloud', 'browser')).toBe(
      'https://acme.thoughtspot.cloud/',
    );
    expect(startUrl('http://127.0.0.1:4000//', 'browser')).toBe('http://127.0.0.1:4000/');
  });

  it('a cluster under a path starts and returns under it', () => {
    expect(startUrl('https://corp.example/ts/', 'saml')).toBe(
      'https://corp.example/ts/callosum/v1/saml/login?targetURLPath=%2Fts%2F',
    );
    expect(returnPath('https://corp.example/ts')).toBe('/ts/');
    expect(returnPath('https://corp.example/ts///')).toBe('/ts/');
    expect(returnPath('https://corp.example')).toBe('/');
  });

  it('names each way for people', () => {
    expect(BROWSER_AUTH_LABELS).toEqual({
      saml: 'SAML',
      oidc: 'OpenID Connect',
      browser: "the cluster's sign-in page",
    });
  });
});
