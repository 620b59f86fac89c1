import { describe, expect, it } from 'vitest';
import {
  isSignInNavigation,
  signInPartition,
} from '../../../electron/core/shell/sign-in-window-policy.js';

describe('the sign-in window policy', () => {
  it.each([
    'https://acme.okta.com/app/sso/saml',
    'http://127.0.0.1:4100/callosum/v1/saml/SSO',
    'HTTPS://Login.MicrosoftOnline.com/x',
  ])('lets the window go to the web page %s', (url) => {
    expect(isSignInNavigation(url)).toBe(true);
  });

  it.each([
    'file:///etc/passwd',
    'javascript:alert(1)',
    'data:text/html,<script>1</script>',
    'ms-outlook://open',
    'okta-verify://login',
    'chrome://settings',
    'not a url',
    '',
  ])('blocks %j', (url) => {
    expect(isSignInNavigation(url)).toBe(false);
  });

  it('names an in-memory partition (no persist: prefix), unique per window', () => {
    expect(signInPartition('abc')).toBe('tsm-sign-in-abc');
    expect(signInPartition('abc').startsWith('persist:')).toBe(false);
  });
});
