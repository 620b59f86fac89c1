// The run's memory of tokens minted for other users: summaries without the token, a cap, and
// revoked or expired tokens forgotten.
import { describe, expect, it } from 'vitest';
import { fingerprint } from '../../../electron/core/audit/audit-log.js';
import { isAppError } from '../../../electron/core/errors/index.js';
import { MintedThisRun } from '../../../electron/core/tokens-for-users/minted-this-run.js';
import type { MintResult } from '../../../electron/core/tokens-for-users/index.js';

const NOW = Date.UTC(2026, 0, 1);
const PROD = { id: 'p1', url: 'https://prod.example.com' };
const STAGING = { id: 'p2', url: 'https://staging.example.com' };

function minted(token: string, user = 'analyst', overrides: Partial<MintResult> = {}): MintResult {
  return {
    token,
    user,
    userId: `id-${user}`,
    org: { id: 0, name: 'Primary' },
    createdAt: NOW,
    expiresAt: NOW + 300_000,
    kind: 'full',
    scope: { access: 'FULL' },
    ...overrides,
  };
}

function failure(work: () => unknown): { code: string; message: string } {
  try {
    work();
  } catch (error) {
    if (isAppError(error)) return { code: error.code, message: error.message };
    throw error;
  }
  throw new Error('expected a failure');
}

function run(options: { cap?: number; now?: () => number } = {}) {
  let n = 0;
  return new MintedThisRun({
    now: () => NOW,
    ...options,
    newId: () => `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`,
  });
}

describe('MintedThisRun', () => {
  it('answers a mint with its facts and fingerprint, never the token; the token only on request', () => {
    const memory = run();
    const summary = memory.add(PROD, minted('tok-secret-1'));
    expect(summary).toEqual({
      mintId: '00000000-0000-4000-8000-000000000001',
      user: 'analyst',
      org: { id: 0, name: 'Primary' },
      kind: 'full',
      scope: { access: 'FULL' },
      createdAt: NOW,
      expiresAt: NOW + 300_000,
      fingerprint: fingerprint('tok-secret-1'),
    });
    expect(JSON.stringify(memory.list('p1'))).not.toContain('tok-secret-1');
    expect(memory.token(summary.mintId)).toMatchObject({ token: 'tok-secret-1', profileId: 'p1' });
  });

  it('lists one profile’s tokens, newest first', () => {
    const memory = run();
    memory.add(PROD, minted('a', 'ann'));
    memory.add(STAGING, minted('b', 'bob'));
    memory.add(PROD, minted('c', 'cid'));
    expect(memory.list('p1').map((s) => s.user)).toEqual(['cid', 'ann']);
    expect(memory.list('p2').map((s) => s.user)).toEqual(['bob']);
    expect(memory.list('nobody')).toEqual([]);
  });

  it('keeps at most `cap` tokens: the oldest is forgotten, and asking for it says why', () => {
    const memory = run({ cap: 2 });
    const first = memory.add(PROD, minted('a'));
    memory.add(PROD, minted('b'));
    memory.add(PROD, minted('c'));
    expect(memory.list('p1').map((s) => s.fingerprint)).toEqual([
      fingerprint('c'),
      fingerprint('b'),
    ]);
    expect(failure(() => memory.token(first.mintId))).toEqual({
      code: 'INVALID_INPUT',
      message:
        'That token is no longer kept: tokens minted here stay in memory until the app quits, the latest 2 only',
    });
  });

  it('a revocation at the cluster marks that user’s tokens there revoked and forgets them', () => {
    let now = NOW;
    const memory = run({ now: () => now });
    const ann = memory.add(PROD, minted('tok-ann'));
    const elsewhere = memory.add(STAGING, minted('tok-ann-staging'));
    const bob = memory.add(PROD, minted('tok-bob', 'bob'));
    now += 1_000;
    expect(memory.revoked(PROD.url, 'analyst')).toBe(1);
    expect(memory.list('p1').map((s) => [s.user, s.revokedAt])).toEqual([
      ['bob', undefined],
      ['analyst', NOW + 1_000],
    ]);
    expect(failure(() => memory.token(ann.mintId))).toEqual({
      code: 'TOKEN_REVOKED',
      message: `The token ${ann.fingerprint} of analyst was revoked`,
    });
    // Another cluster's token of the same name, and another user's, stand.
    expect(memory.token(elsewhere.mintId).token).toBe('tok-ann-staging');
    expect(memory.token(bob.mintId).token).toBe('tok-bob');
    // By the cluster's user id too; a second revocation counts nothing new.
    expect(memory.revoked(PROD.url, 'id-bob')).toBe(1);
    expect(memory.revoked(PROD.url, 'analyst')).toBe(0);
  });

  it('an expired token is not handed out', () => {
    let now = NOW;
    const memory = run({ now: () => now });
    const summary = memory.add(PROD, minted('tok-old'));
    now = summary.expiresAt;
    expect(failure(() => memory.token(summary.mintId))).toMatchObject({ code: 'TOKEN_EXPIRED' });
    now = NOW;
    // Forgotten, not just refused: even a clock going back does not bring it back.
    expect(failure(() => memory.token(summary.mintId))).toEqual({
      code: 'TOKEN_EXPIRED',
      message: `The token ${summary.fingerprint} of analyst has expired`,
    });
  });

  it('hands out copies: a caller cannot change what is kept', () => {
    const memory = run();
    const summary = memory.add(PROD, minted('tok'));
    summary.user = 'mallory';
    memory.list('p1')[0]!.user = 'mallory';
    expect(memory.list('p1')[0]?.user).toBe('analyst');
  });
});
