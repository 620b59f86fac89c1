import { describe, expect, it } from 'vitest';
import type { SessionStatus } from './api.js';
import { defaultTab, expiresAtOf, isLive, kindOf, statusLabel, statusTone } from './status.js';

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
    [{ state: 'error', code: 'NETWORK', message: 'offline' }, 'Error', 'bad', false],
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
});
