import { describe, expect, it } from 'vitest';
import { notificationFor } from '../../../electron/core/shell/notifications.js';
import { confirmationFor } from '../../../electron/core/shell/confirmations.js';
import {
  CONTENT_SECURITY_POLICY,
  isAllowedNavigation,
  isTrustedSender,
} from '../../../electron/core/shell/trusted-sender.js';

const appUrl = 'file:///opt/tsm/resources/app.asar/renderer/dist/index.html';
const sender = { isMainFrame: true, isOurWindow: true, url: appUrl, appUrl };

describe('trusted IPC senders', () => {
  it('accepts our own window showing our own page', () => {
    expect(isTrustedSender(sender)).toBe(true);
    expect(isTrustedSender({ ...sender, url: `${appUrl}#/profiles` })).toBe(true);
  });

  it.each([
    ['an iframe', { ...sender, isMainFrame: false }],
    ['another window', { ...sender, isOurWindow: false }],
    ['a remote page', { ...sender, url: 'https://evil.example/index.html' }],
    ['another local file', { ...sender, url: 'file:///tmp/evil.html' }],
    ['garbage', { ...sender, url: 'not a url' }],
  ])('refuses %s', (_label, candidate) => {
    expect(isTrustedSender(candidate)).toBe(false);
  });

  it('never navigates away from the app', () => {
    expect(isAllowedNavigation(`${appUrl}#/token`, appUrl)).toBe(true);
    expect(isAllowedNavigation('https://acme.thoughtspot.cloud', appUrl)).toBe(false);
    expect(isAllowedNavigation('javascript:alert(1)', appUrl)).toBe(false);
  });
});

describe('notifications and confirmations', () => {
  const signedIn = { state: 'signed-in', kind: 'bearer', expiresAt: 10 } as const;
  it('announces expiring, expired and revoked, once, when enabled', () => {
    expect(
      notificationFor(
        'Prod',
        { state: 'expiring-soon', kind: 'bearer', expiresAt: 10 },
        signedIn,
        true,
      )?.title,
    ).toBe('Prod: session expiring');
    expect(
      notificationFor('Prod', { state: 'expired', kind: 'bearer' }, signedIn, true)?.title,
    ).toBe('Prod: session expired');
    expect(notificationFor('Prod', { state: 'revoked' }, signedIn, true)?.title).toBe(
      'Prod: token revoked',
    );
    expect(
      notificationFor('Prod', { state: 'revoked' }, { state: 'revoked' }, true),
    ).toBeUndefined();
    expect(
      notificationFor('Prod', { state: 'expired', kind: 'bearer' }, signedIn, false),
    ).toBeUndefined();
    expect(notificationFor('Prod', signedIn, { state: 'signing-in' }, true)).toBeUndefined();
  });

  it('says exactly what revoking and signing out do', () => {
    expect(confirmationFor('revoke', 'Prod', 'keychain')).toMatchObject({
      message: 'Revoke the token of "Prod"?',
      confirm: 'Revoke token',
    });
    expect(confirmationFor('sign-out', 'Prod', 'keychain').detail).toMatch(
      /removed from the keychain\.$/,
    );
  });

  it('names the encrypted file, not the keychain, when secrets live there', () => {
    const detail = confirmationFor('sign-out', 'Prod', 'encrypted-file').detail;
    expect(detail).toMatch(/removed from the encrypted secrets file\.$/);
    expect(detail).not.toContain('keychain');
  });
});

describe('the window content security policy', () => {
  it('allows only our own scripts and styles, nothing inline, nothing remote', () => {
    const policy = Object.fromEntries(
      CONTENT_SECURITY_POLICY.split(';').map((part) => {
        const [name = '', ...values] = part.trim().split(/\s+/);
        return [name, values];
      }),
    );
    expect(policy['default-src']).toEqual(["'none'"]);
    expect(policy['script-src']).toEqual(["'self'"]);
    expect(policy['style-src']).toEqual(["'self'"]);
    expect(policy['frame-ancestors']).toEqual(["'none'"]);
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-|https?:|\*/);
  });
});
