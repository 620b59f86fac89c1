import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fingerprint } from '../../../electron/core/audit/audit-log.js';
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
  storedToken,
  tokenFromCluster,
  useSessionWorlds,
} from './support/world.js';

// Handing out tokens: the cached one, renewal (single flight here, the lock file across
// processes) and its refusals, against the emulator, the real keychain and a real config
// directory. Signing in: session-manager.test.ts.
const { create, sibling } = useSessionWorlds('token-renewal');

const SESSION_TOKEN_PATH = '/api/rest/2.0/auth/session/token';

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
    expect(w.manager.status(w.profile.id)).toMatchObject({
      state: 'expired',
      problem: { code: 'NOT_SIGNED_IN' },
    });
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
