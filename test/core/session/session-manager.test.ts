import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fingerprint } from '../../../electron/core/audit/audit-log.js';
import type { SessionStatus } from '../../../electron/core/session/index.js';
import { withLock } from '../../../electron/core/storage/file-lock.js';
import { expectAppError, expectNoSecrets } from '../../support/expect-error.js';
import {
  askCluster,
  auditOf,
  cookie,
  DANA,
  password,
  requestsTo,
  SECRET_KEY,
  sessionCookieOf,
  states,
  storedToken,
  tokenFromCluster,
  useSessionWorlds,
} from './support/world.js';

// Signing in and handing out tokens, against the emulator, the real keychain and a real config
// directory. Validation, revocation, sign-out, events and expiry: session-lifecycle.test.ts.
const { create, sibling } = useSessionWorlds('session-manager');

const SESSION_TOKEN_PATH = '/api/rest/2.0/auth/session/token';
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
    expect(auditOf(w)).toMatchObject([
      { action: 'issued', fingerprint: fingerprint(pasted.token) },
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
        state: 'error',
        code: 'AUTH_FAILED',
        message: error.message,
      });
      expect(states(w)).toEqual(['signing-in', 'error']);
      expect(await w.vault.entries(w.profile.id)).toEqual([]);
      expect(auditOf(w)).toMatchObject([{ action: 'error', code: 'AUTH_FAILED' }]);
      expect(readFileSync(w.audit.path, 'utf8')).not.toContain(wrong);
    },
  );

  it('a user who must use multi-factor sign-in is told so (MFA_REQUIRED)', async () => {
    const w = await create({ profile: { username: 'mfa-user' } });
    await expectAppError(
      w.manager.signIn(w.profile.id, { ...password(), password: 'mfa-user' }),
      'MFA_REQUIRED',
    );
    expect(w.manager.status(w.profile.id)).toMatchObject({ state: 'error', code: 'MFA_REQUIRED' });
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

describe('getToken', () => {
  it('returns the cached token while it has at least minTtl left, and renews when less', async () => {
    const w = await create();
    await w.manager.signIn(w.profile.id, password(true));
    const first = await storedToken(w);
    expect(w.emulator.tokenRequests()).toBe(1);

    expect(await w.manager.getToken(w.profile.id, { minTtlSeconds: 600 })).toEqual(first);
    expect(await w.manager.getToken(w.profile.id)).toEqual(first);
    w.emulator.clock.advance(100_000); // 500 s left
    expect(await w.manager.getToken(w.profile.id, { minTtlSeconds: 500 })).toEqual(first);
    expect(w.emulator.tokenRequests()).toBe(1);

    const renewed = await w.manager.getToken(w.profile.id, { minTtlSeconds: 501 });
    expect(renewed.token).not.toBe(first.token);
    expect(renewed.expiresAt).toBe(w.now() + 600_000);
    expect(w.emulator.tokenRequests()).toBe(2);
    expect(await storedToken(w)).toEqual(renewed);
    expect(w.manager.status(w.profile.id)).toEqual({
      state: 'signed-in',
      kind: 'bearer',
      expiresAt: renewed.expiresAt,
    });
    expect(auditOf(w)[0]).toMatchObject({
      action: 'renewed',
      fingerprint: fingerprint(renewed.token),
    });

    expect(await w.manager.getToken(w.profile.id)).toEqual(renewed);
    expect(w.emulator.tokenRequests()).toBe(2);
  });

  it('renew() gets a new token whatever the time left', async () => {
    const w = await create();
    await w.manager.signIn(w.profile.id, password(true));
    const first = await storedToken(w);
    const renewed = await w.manager.renew(w.profile.id);
    expect(renewed.token).not.toBe(first.token);
    expect(w.emulator.tokenRequests()).toBe(2);
  });

  it('single flight: ten concurrent calls on an expired token make one token request', async () => {
    const w = await create();
    await w.manager.signIn(w.profile.id, password(true));
    const expired = await storedToken(w);
    w.emulator.clock.advance(601_000);

    const tokens = await Promise.all(
      Array.from({ length: 10 }, () => w.manager.getToken(w.profile.id)),
    );
    expect(w.emulator.tokenRequests()).toBe(2);
    expect(new Set(tokens.map((t) => t.token)).size).toBe(1);
    expect(tokens[0]?.token).not.toBe(expired.token);
    expect(tokens[0]?.expiresAt).toBe(w.now() + 600_000);
    expect(auditOf(w).filter((e) => e.action === 'renewed')).toHaveLength(1);
    expect(w.manager.status(w.profile.id)).toMatchObject({ state: 'signed-in', kind: 'bearer' });
  });

  it('two managers on one config directory (the app and the CLI) renew once between them', async () => {
    const w = await create();
    await w.manager.signIn(w.profile.id, password(true));
    const cli = sibling(w);
    w.emulator.clock.advance(601_000);

    const tokens = await Promise.all(
      Array.from({ length: 6 }, (_, i) => (i % 2 ? cli : w.manager).getToken(w.profile.id)),
    );
    expect(w.emulator.tokenRequests()).toBe(2);
    expect(new Set(tokens.map((t) => t.token)).size).toBe(1);
  });

  it('"Renew" during a routine renewal brings a new token, not the one another process stored', async () => {
    const w = await create();
    await w.manager.signIn(w.profile.id, password(true));
    w.emulator.clock.advance(601_000);
    const lock = join(w.dir, 'locks', `${w.profile.id}.lock`);

    // Another process holds the profile's renewal lock and stores the token it renewed; meanwhile
    // a routine renewal and a "Renew" wait here.
    let routine: Promise<{ token: string }> | undefined;
    let renewed: Promise<{ token: string }> | undefined;
    const theirs = await withLock(lock, async () => {
      const settle = () => new Promise((resolve) => setTimeout(resolve, 100));
      routine = w.manager.getToken(w.profile.id);
      await settle(); // the routine renewal is under way (waiting for the lock) first
      renewed = w.manager.renew(w.profile.id);
      await settle();
      const fresh = await tokenFromCluster(w.emulator, 600);
      await w.vault.setToken(w.profile.id, { ...(await storedToken(w)), ...fresh });
      return fresh.token;
    });
    const mine = (await renewed)?.token;
    expect(mine).not.toBe(theirs);
    expect((await storedToken(w)).token).toBe(mine);
    // The routine one is content with theirs (or, had it started second, with the new one).
    expect([theirs, mine]).toContain((await routine)?.token);
  });

  it('refuses to renew when auto-renew is off: NOT_SIGNED_IN, "sign in again"', async () => {
    const w = await create({ profile: { autoRenew: false } });
    await w.manager.signIn(w.profile.id, password(true));
    const expired = await storedToken(w);
    w.emulator.clock.advance(601_000);

    const error = await expectAppError(w.manager.getToken(w.profile.id), 'NOT_SIGNED_IN');
    expect(error.message).toMatch(/"Prod".*auto-renew is off; sign in again/);
    expectNoSecrets(error, [DANA.password, expired.token]);
    expect(w.emulator.tokenRequests()).toBe(1);
    expect(w.manager.status(w.profile.id)).toMatchObject({ state: 'error', code: 'NOT_SIGNED_IN' });
    // The cross-process lock was released on the way out.
    expect(readdirSync(join(w.dir, 'locks'))).toEqual([]);
  });

  it('refuses to renew when no credential is stored: NOT_SIGNED_IN, "sign in again"', async () => {
    const w = await create();
    await w.manager.signIn(w.profile.id, password(false));
    w.emulator.clock.advance(601_000);

    const error = await expectAppError(w.manager.getToken(w.profile.id), 'NOT_SIGNED_IN');
    expect(error.message).toMatch(/has expired and no credential is stored.*; sign in again/);
    expect(w.emulator.tokenRequests()).toBe(1);
  });

  it('a profile never signed in has no token to give', async () => {
    const w = await create();
    const error = await expectAppError(w.manager.getToken(w.profile.id), 'NOT_SIGNED_IN');
    expect(error.message).toMatch(/No token is stored for "Prod".*sign in again/);
    expect(w.emulator.tokenRequests()).toBe(0);
  });

  it('renews from a remembered secret key', async () => {
    const w = await create({ profile: { auth: 'secret-key', username: 'mfa-user' } });
    await w.manager.signIn(w.profile.id, {
      method: 'secret-key',
      secretKey: SECRET_KEY,
      remember: true,
    });
    w.emulator.clock.advance(601_000);
    const renewed = await w.manager.getToken(w.profile.id);
    expect(renewed).toMatchObject({ username: 'mfa-user', expiresAt: w.now() + 600_000 });
    expect(w.emulator.tokenRequests()).toBe(2);
  });

  it('dialect C: a cookie session with no stored password hands out its token', async () => {
    const w = await create();
    await w.manager.signIn(w.profile.id, cookie(false));
    expect(await w.vault.entries(w.profile.id)).toEqual(['cookies']);

    const token = await w.manager.getToken(w.profile.id);
    expect(requestsTo(w.emulator, SESSION_TOKEN_PATH)).toBe(1);
    expect(w.emulator.tokenRequests()).toBe(0); // no password or key was used
    expect(token).toMatchObject({ username: 'dana', dialect: 'C' });
    expect(token.expiresAt).toBeGreaterThan(w.now());
    expect(await askCluster(w.emulator, { bearer: token.token })).toMatchObject({
      status: 200,
      username: 'dana',
    });
    expect(await w.vault.entries(w.profile.id)).toEqual(['token', 'cookies']);
    expect(w.manager.status(w.profile.id)).toEqual({
      state: 'signed-in',
      kind: 'bearer',
      expiresAt: token.expiresAt,
    });
    expect(auditOf(w)[0]).toMatchObject({
      action: 'issued',
      fingerprint: fingerprint(token.token),
    });

    expect(await w.manager.getToken(w.profile.id)).toEqual(token);
    expect(requestsTo(w.emulator, SESSION_TOKEN_PATH)).toBe(1);
  });

  it('dialect B: a cookie session without a stored password cannot give a token', async () => {
    const w = await create({ profile: { dialect: 'B' } });
    await w.manager.signIn(w.profile.id, cookie(false));
    const error = await expectAppError(w.manager.getToken(w.profile.id), 'NOT_SIGNED_IN');
    expect(error.message).toMatch(/no credential is stored/);
  });
});
