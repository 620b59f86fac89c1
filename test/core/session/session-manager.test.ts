import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fingerprint } from '../../../electron/core/audit/audit-log.js';
import type { SessionStatus } from '../../../electron/core/session/index.js';
import { expectAppError, expectNoSecrets } from '../../support/expect-error.js';
import {
  askCluster,
  auditOf,
  cookie,
  DANA,
  password,
  SECRET_KEY,
  sessionCookieOf,
  states,
  storedToken,
  tokenFromCluster,
  useSessionWorlds,
} from './support/world.js';

// Signing in, and actions that overlap it, against the emulator, the real keychain and a real config
// directory. Handing out and renewing tokens: token-renewal.test.ts; validation, revocation,
// sign-out, events and expiry: session-lifecycle.test.ts.
const { create } = useSessionWorlds('session-manager');

const TWO_HOURS = 2 * 60 * 60 * 1000;

describe('sign in', () => {
  it.each([
    ['C', { state: 'signed-in', kind: 'cookie' }],
    ['A', { state: 'signed-in', kind: 'cookie', expiresAt: TWO_HOURS }],
    ['B', { state: 'signed-in', kind: 'cookie', expiresAt: TWO_HOURS }],
  ] as const)(
    'dialect %s: by password as a cookie session, remembering the password',
    async (dialect, expected) => {
      const w = await create({ profile: { dialect } });
      const t0 = w.now();
      const status = await w.manager.signIn(w.profile.id, cookie(true));
      const want: SessionStatus =
        'expiresAt' in expected ? { ...expected, expiresAt: t0 + expected.expiresAt } : expected;
      expect(status).toEqual(want);
      expect(w.manager.status(w.profile.id)).toEqual(want);

      expect(await w.vault.entries(w.profile.id)).toEqual(['password', 'cookies']);
      expect(await w.vault.getPassword(w.profile.id)).toBe(DANA.password);
      // The stored cookie is a live session at the cluster.
      const jsession = sessionCookieOf(await w.vault.getCookies(w.profile.id));
      expect(await askCluster(w.emulator, { cookie: jsession })).toMatchObject({
        status: 200,
        username: 'dana',
      });
      expect(w.emulator.tokenRequests()).toBe(0);
      expect(auditOf(w)).toMatchObject([
        { action: 'signed-in', kind: 'cookie', profileId: w.profile.id, profile: 'Prod' },
      ]);
      expect(w.profiles.get(w.profile.id).lastUsedAt).toBe(t0);
    },
  );

  it('by password as a cookie session without remembering keeps only the session', async () => {
    const w = await create();
    await w.manager.signIn(w.profile.id, cookie(false));
    expect(await w.vault.entries(w.profile.id)).toEqual(['cookies']);
  });

  it.each(['A', 'B', 'C'] as const)(
    'dialect %s: by password as a bearer token',
    async (dialect) => {
      const w = await create({ profile: { dialect } });
      const t0 = w.now();
      const status = await w.manager.signIn(w.profile.id, password(false));
      expect(status).toEqual({ state: 'signed-in', kind: 'bearer', expiresAt: t0 + 600_000 });
      expect(await w.vault.entries(w.profile.id)).toEqual(['token']);
      const stored = await storedToken(w);
      expect(stored).toMatchObject({
        createdAt: t0,
        expiresAt: t0 + 600_000,
        dialect,
        username: 'dana',
      });
      expect(w.emulator.tokenRequests()).toBe(1);
      expect(await askCluster(w.emulator, { bearer: stored.token })).toMatchObject({
        status: 200,
        username: 'dana',
      });
      expect(auditOf(w)).toMatchObject([
        { action: 'issued', kind: 'bearer', fingerprint: fingerprint(stored.token) },
      ]);
    },
  );

  it('by password as a bearer token, remembering the password', async () => {
    const w = await create();
    await w.manager.signIn(w.profile.id, password(true));
    expect(await w.vault.entries(w.profile.id)).toEqual(['password', 'token']);
  });

  it.each(['B', 'C'] as const)(
    'dialect %s: by trusted-auth secret key (a user who cannot use a password)',
    async (dialect) => {
      const w = await create({
        profile: { dialect, auth: 'secret-key', username: 'mfa-user' },
      });
      const t0 = w.now();
      const status = await w.manager.signIn(w.profile.id, {
        method: 'secret-key',
        secretKey: SECRET_KEY,
        remember: true,
      });
      expect(status).toEqual({ state: 'signed-in', kind: 'bearer', expiresAt: t0 + 600_000 });
      expect(await w.vault.entries(w.profile.id)).toEqual(['secret-key', 'token']);
      expect(await w.vault.getSecretKey(w.profile.id)).toBe(SECRET_KEY);
      const stored = await storedToken(w);
      expect(stored).toMatchObject({ dialect, username: 'mfa-user' });
      expect(await askCluster(w.emulator, { bearer: stored.token })).toMatchObject({
        status: 200,
        username: 'mfa-user',
      });
    },
  );

  it('signing in again without remembering forgets the password kept before', async () => {
    const w = await create();
    await w.manager.signIn(w.profile.id, password(true));
    expect(await w.vault.entries(w.profile.id)).toEqual(['password', 'token']);
    await w.manager.signIn(w.profile.id, password(false));
    expect(await w.vault.entries(w.profile.id)).toEqual(['token']);
  });

  it('a cookie sign-in replaces an earlier token, so the status is the cookie session', async () => {
    const w = await create();
    await w.manager.signIn(w.profile.id, password(false));
    await w.manager.signIn(w.profile.id, cookie(false));
    expect(await w.vault.entries(w.profile.id)).toEqual(['cookies']);
    expect(await w.manager.restore(w.profile.id)).toMatchObject({
      state: 'signed-in',
      kind: 'cookie',
    });
  });

  it('by a pasted token: its own expiry, trimmed, the user the cluster names', async () => {
    const w = await create({ profile: { auth: 'token' } });
    const pasted = await tokenFromCluster(w.emulator, 900);
    const status = await w.manager.signIn(w.profile.id, {
      method: 'token',
      token: `  ${pasted.token}\n`,
    });
    expect(status).toEqual({ state: 'signed-in', kind: 'bearer', expiresAt: pasted.expiresAt });
    expect(pasted.expiresAt).toBe(w.now() + 900_000); // not the profile's 600 s
    expect(await w.vault.entries(w.profile.id)).toEqual(['token']);
    expect(await storedToken(w)).toMatchObject({
      token: pasted.token,
      expiresAt: pasted.expiresAt,
      username: 'dana',
      dialect: 'C',
    });
    expect(w.emulator.tokenRequests()).toBe(1); // ours, above; the manager issued none
    // Pasted, not issued: this app asked the cluster for no token.
    expect(auditOf(w)).toMatchObject([
      { action: 'pasted', fingerprint: fingerprint(pasted.token) },
    ]);
  });

  it.each(['A', 'C'] as const)(
    'dialect %s: a wrong password is AUTH_FAILED, in the status and the audit log, never the password',
    async (dialect) => {
      const w = await create({ profile: { dialect } });
      const wrong = 'wrong-pw-7f3a9c-Pangolin';
      const error = await expectAppError(
        w.manager.signIn(w.profile.id, { ...cookie(true), password: wrong }),
        'AUTH_FAILED',
      );
      expectNoSecrets(error, [wrong]);
      expect(w.manager.status(w.profile.id)).toEqual({
        state: 'signed-out',
        problem: { code: 'AUTH_FAILED', message: error.message },
      });
      expect(states(w)).toEqual(['signing-in', 'signed-out']);
      expect(await w.vault.entries(w.profile.id)).toEqual([]);
      // The line says what failed: a sign-in.
      expect(auditOf(w)).toMatchObject([
        { action: 'error', operation: 'sign-in', code: 'AUTH_FAILED' },
      ]);
      expect(readFileSync(w.audit.path, 'utf8')).not.toContain(wrong);
    },
  );

  it('a user who must use multi-factor sign-in is told so (MFA_REQUIRED)', async () => {
    const w = await create({ profile: { username: 'mfa-user' } });
    await expectAppError(
      w.manager.signIn(w.profile.id, { ...password(), password: 'mfa-user' }),
      'MFA_REQUIRED',
    );
    expect(w.manager.status(w.profile.id)).toMatchObject({
      state: 'signed-out',
      problem: { code: 'MFA_REQUIRED' },
    });
  });

  it('detects the dialect of an "auto" profile once and remembers it', async () => {
    const w = await create({ profile: { dialect: 'auto' } });
    await w.manager.signIn(w.profile.id, password());
    expect(w.profiles.get(w.profile.id).detectedDialect).toBe('C');
    expect((await storedToken(w)).dialect).toBe('C');
  });
});

describe('overlapping actions on one profile', () => {
  it('a second sign-in while one runs is refused with a coded error; the first completes', async () => {
    const w = await create({ emulator: { latencyMs: 100 } });
    const first = w.manager.signIn(w.profile.id, cookie(true));
    const second = w.manager.signIn(w.profile.id, cookie(true));
    const error = await expectAppError(second, 'INVALID_INPUT');
    expect(error.message).toMatch(/"Prod" is signing in right now/);
    expect(await first).toEqual({ state: 'signed-in', kind: 'cookie' });
    expect(states(w)).toEqual(['signing-in', 'signed-in']);
  });

  it('a renewal asked for during a sign-in is refused with a coded error', async () => {
    const w = await create({ emulator: { latencyMs: 150 } });
    const signing = w.manager.signIn(w.profile.id, cookie(true));
    await expectAppError(w.manager.renew(w.profile.id), 'INVALID_INPUT');
    expect(await signing).toEqual({ state: 'signed-in', kind: 'cookie' });
    // And afterwards renewal works as usual.
    expect((await w.manager.renew(w.profile.id)).username).toBe('dana');
  });

  it('a sign-in asked for during a renewal is refused; the renewal completes', async () => {
    const w = await create({ emulator: { latencyMs: 100 } });
    await w.manager.signIn(w.profile.id, password(true));
    const renewing = w.manager.renew(w.profile.id);
    await expect.poll(() => w.manager.status(w.profile.id).state).toBe('renewing');
    const error = await expectAppError(w.manager.signIn(w.profile.id, cookie()), 'INVALID_INPUT');
    expect(error.message).toMatch(/renewing/);
    expect((await renewing).expiresAt).toBe(w.now() + 600_000);
    expect(w.manager.status(w.profile.id).state).toBe('signed-in');
  });
});
