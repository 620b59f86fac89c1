import { describe, expect, it } from 'vitest';
import type { SessionStatus } from './api.js';
import {
  defaultTab,
  expiresAtOf,
  isLive,
  kindOf,
  problemOf,
  shortReason,
  statusLabel,
  statusTone,
} from './status.js';

const at = Date.UTC(2030, 0, 1);

describe('session status helpers', () => {
  const cases: [SessionStatus, string, string, boolean][] = [
    [{ state: 'signed-out' }, 'Signed out', 'neutral', false],
    [{ state: 'signing-in' }, 'Signing in…', 'busy', false],
    [{ state: 'signed-in', kind: 'bearer', expiresAt: at }, 'Signed in', 'ok', true],
    [{ state: 'renewing', kind: 'bearer' }, 'Renewing…', 'busy', true],
    [{ state: 'expiring-soon', kind: 'cookie', expiresAt: at }, 'Expiring soon', 'warn', true],
    [{ state: 'expired', kind: 'bearer' }, 'Expired', 'bad', false],
    [{ state: 'revoked' }, 'Revoked', 'bad', false],
    [{ state: 'error', code: 'NETWORK', message: 'offline' }, 'Unknown', 'warn', false],
    // A wrong password leaves the state as it was: the badge names it, not the failure.
    [
      { state: 'signed-out', problem: { code: 'AUTH_FAILED', message: 'Wrong password' } },
      'Signed out',
      'neutral',
      false,
    ],
  ];

  it.each(cases)('%o reads %s, tone %s, live %s', (status, label, tone, live) => {
    expect(statusLabel(status)).toBe(label);
    expect(statusTone(status)).toBe(tone);
    expect(isLive(status)).toBe(live);
    expect(defaultTab(status)).toBe(live ? 'session' : 'sign-in');
  });

  it('finds the expiry and kind only where the status has them', () => {
    expect(expiresAtOf({ state: 'signed-in', kind: 'bearer', expiresAt: at })).toBe(at);
    expect(expiresAtOf({ state: 'signed-in', kind: 'cookie' })).toBeUndefined();
    expect(expiresAtOf({ state: 'revoked' })).toBeUndefined();
    expect(kindOf({ state: 'expired', kind: 'cookie' })).toBe('cookie');
    expect(kindOf({ state: 'signed-out' })).toBeUndefined();
  });

  it('keeps a failure’s reason beside the state, in a few words for the list', () => {
    const problem = { code: 'ACCOUNT_LOCKED' as const, message: 'The account is locked' };
    expect(problemOf({ state: 'signed-out', problem })).toEqual(problem);
    expect(shortReason({ state: 'signed-out', problem })).toBe('Account locked');
    expect(shortReason({ state: 'expired', kind: 'bearer', problem })).toBe('Account locked');
    expect(shortReason({ state: 'signed-out' })).toBeUndefined();
  });
});
