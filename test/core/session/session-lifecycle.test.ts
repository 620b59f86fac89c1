import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fingerprint } from '../../../electron/core/audit/audit-log.js';
import type { SessionState } from '../../../electron/core/session/index.js';
import { expectAppError } from '../../support/expect-error.js';
import {
  askCluster,
  auditOf,
  cookie,
  DANA,
  filesUnder,
  password,
  SECRET_KEY,
  sessionCookieOf,
  states,
  storedToken,
  tokenFromCluster,
  useSessionWorlds,
} from './support/world.js';

// What happens to a session after sign-in: the cluster's word on it, revocation, sign-out,
// removal, events, expiry by timers and clock jumps, and no secret left in any file.
const { create, sibling } = useSessionWorlds('session-lifecycle');

const TWO_HOURS = 2 * 60 * 60 * 1000;

describe('validate and info', () => {
  it('a live token: signed in until the expiry the cluster states, logged as validated', async () => {
    const w = await create();
    await w.manager.signIn(w.profile.id, password());
    const stored = await storedToken(w);
    expect(await w.manager.validate(w.profile.id)).toEqual({
      state: 'signed-in',
      kind: 'bearer',
      expiresAt: stored.expiresAt,
    });
    expect(auditOf(w)[0]).toMatchObject({
      action: 'validated',
      fingerprint: fingerprint(stored.token),
    });
    expect(await w.manager.info(w.profile.id)).toMatchObject({
      username: 'dana',
      displayName: 'Dana Data',
      kind: 'bearer',
      dialect: 'C',
    });
  });

  it.each(['B', 'C'] as const)(
    'dialect %s: a token revoked elsewhere is revoked here, and its cache is gone',
    async (dialect) => {
      const w = await create({ profile: { dialect } });
      await w.manager.signIn(w.profile.id, password(true));
      w.emulator.revokeAll('dana');

      await expectAppError(w.manager.validate(w.profile.id), 'TOKEN_REVOKED');
      expect(w.manager.status(w.profile.id)).toEqual({ state: 'revoked' });
      expect(await w.vault.getToken(w.profile.id)).toBeUndefined();
      expect(await w.vault.entries(w.profile.id)).toEqual(['password']);
      expect(auditOf(w)[0]).toMatchObject({ action: 'revoked', code: 'TOKEN_REVOKED' });
      expect(states(w)).toEqual(['signing-in', 'signed-in', 'revoked']);
    },
  );

  it('two validations at once of a revoked token both report TOKEN_REVOKED', async () => {
    const w = await create();
    await w.manager.signIn(w.profile.id, password());
    w.emulator.revokeAll('dana');
    const results = await Promise.allSettled([
      w.manager.validate(w.profile.id),
      w.manager.validate(w.profile.id),
    ]);
    for (const result of results) {
      expect(result.status).toBe('rejected');
      if (result.status === 'rejected')
        expect(result.reason).toMatchObject({ code: 'TOKEN_REVOKED' });
    }
    expect(w.manager.status(w.profile.id)).toEqual({ state: 'revoked' });
  });

  it('info on a token revoked elsewhere: revoked as well', async () => {
    const w = await create();
    await w.manager.signIn(w.profile.id, password());
    w.emulator.revokeAll('dana');
    await expectAppError(w.manager.info(w.profile.id), 'TOKEN_REVOKED');
    expect(w.manager.status(w.profile.id)).toEqual({ state: 'revoked' });
    expect(await w.vault.getToken(w.profile.id)).toBeUndefined();
  });

  it.each(['A', 'C'] as const)('dialect %s: an expired token is expired', async (dialect) => {
    const w = await create({ profile: { dialect } });
    await w.manager.signIn(w.profile.id, password());
    w.emulator.clock.advance(600_000);
    await expectAppError(w.manager.validate(w.profile.id), 'TOKEN_EXPIRED');
    expect(w.manager.status(w.profile.id)).toEqual({ state: 'expired', kind: 'bearer' });
  });

  it('a cookie session that ended at the cluster is expired', async () => {
    const w = await create();
    await w.manager.signIn(w.profile.id, cookie());
    expect(await w.manager.validate(w.profile.id)).toEqual({ state: 'signed-in', kind: 'cookie' });
    w.emulator.clock.advance(TWO_HOURS + 1000);
    await expectAppError(w.manager.validate(w.profile.id), 'NOT_SIGNED_IN');
    expect(w.manager.status(w.profile.id)).toEqual({ state: 'expired', kind: 'cookie' });
  });

  it.each(['A', 'B'] as const)(
    'dialect %s: validating a cookie session keeps the expiry the cluster states',
    async (dialect) => {
      const w = await create({ profile: { dialect }, manager: { timers: true } });
      const signedIn = await w.manager.signIn(w.profile.id, cookie());
      const expiresAt = w.now() + TWO_HOURS;
      expect(signedIn).toEqual({ state: 'signed-in', kind: 'cookie', expiresAt });
      expect(await w.manager.validate(w.profile.id)).toEqual(signedIn);
      // So the expiry is still announced.
      w.emulator.clock.set(expiresAt);
      await w.manager.resume();
      expect(w.manager.status(w.profile.id)).toEqual({ state: 'expired', kind: 'cookie' });
    },
  );

  it('nothing stored: NOT_SIGNED_IN, and the status stays signed out', async () => {
    const w = await create();
    await expectAppError(w.manager.validate(w.profile.id), 'NOT_SIGNED_IN');
    expect(w.manager.status(w.profile.id)).toEqual({ state: 'signed-out' });
  });
});

describe('revoke, sign out, remove', () => {
  it('revoke: dead at the cluster, gone from the keychain, revoked, audited by fingerprint', async () => {
    const w = await create();
    await w.manager.signIn(w.profile.id, password(true));
    const stored = await storedToken(w);
    await w.manager.revoke(w.profile.id);

    expect(await w.vault.getToken(w.profile.id)).toBeUndefined();
    expect(await w.vault.entries(w.profile.id)).toEqual(['password']);
    expect(w.manager.status(w.profile.id)).toEqual({ state: 'revoked' });
    expect(auditOf(w)[0]).toMatchObject({
      action: 'revoked',
      fingerprint: fingerprint(stored.token),
    });
    expect(await askCluster(w.emulator, { bearer: stored.token })).toMatchObject({
      status: 401,
      debug: expect.stringMatching(/revoked/) as unknown,
    });
    expect(w.changes.at(-1)).toMatchObject({
      profileId: w.profile.id,
      previous: { state: 'signed-in' },
      status: { state: 'revoked' },
    });
  });

  it('revoke of a token already dead at the cluster still forgets it here', async () => {
    const w = await create();
    await w.manager.signIn(w.profile.id, password());
    w.emulator.clock.advance(601_000);
    await w.manager.revoke(w.profile.id);
    expect(await w.vault.getToken(w.profile.id)).toBeUndefined();
    expect(w.manager.status(w.profile.id)).toEqual({ state: 'revoked' });
  });

  it('revoke with no token is INVALID_INPUT and changes nothing', async () => {
    const w = await create();
    await w.manager.signIn(w.profile.id, cookie());
    await expectAppError(w.manager.revoke(w.profile.id), 'INVALID_INPUT');
    expect(w.manager.status(w.profile.id)).toEqual({ state: 'signed-in', kind: 'cookie' });
    expect(await w.vault.entries(w.profile.id)).toEqual(['cookies']);
  });

  it('two revocations at once (tray and window) both succeed', async () => {
    const w = await create();
    await w.manager.signIn(w.profile.id, password(true));
    const stored = await storedToken(w);
    await Promise.all([w.manager.revoke(w.profile.id), w.manager.revoke(w.profile.id)]);
    expect(await w.vault.entries(w.profile.id)).toEqual(['password']);
    expect(w.manager.status(w.profile.id)).toEqual({ state: 'revoked' });
    expect((await askCluster(w.emulator, { bearer: stored.token })).status).toBe(401);
  });

  it('removeProfile: the profile and its secrets are gone', async () => {
    const w = await create();
    await w.manager.signIn(w.profile.id, password(true));
    const removed = await w.manager.removeProfile(w.profile.id);
    expect(removed).toMatchObject({ id: w.profile.id, name: 'Prod' });
    expect(w.profiles.find(w.profile.id)).toBeUndefined();
    expect(w.profiles.list()).toEqual([]);
    expect(await w.vault.entries(w.profile.id)).toEqual([]);
    expect(w.manager.status(w.profile.id)).toEqual({ state: 'signed-out' });
    await expectAppError(w.manager.getToken(w.profile.id), 'INVALID_INPUT');
  });

  it('recordCopy: a line naming the token by fingerprint only', async () => {
    const w = await create();
    await w.manager.signIn(w.profile.id, password());
    const stored = await storedToken(w);
    w.manager.recordCopy(w.profile.id, stored.token);
    expect(auditOf(w)[0]).toMatchObject({
      action: 'copied',
      fingerprint: fingerprint(stored.token),
    });
    expect(readFileSync(w.audit.path, 'utf8')).not.toContain(stored.token);
  });
});

describe('events, expiry and restore', () => {
  it('subscribers see signing-in then signed-in; unsubscribing stops the news', async () => {
    const w = await create();
    const mine: SessionState[] = [];
    const stop = w.manager.subscribe((c) => mine.push(c.status.state));
    await w.manager.signIn(w.profile.id, cookie());
    expect(mine).toEqual(['signing-in', 'signed-in']);
    expect(w.changes[0]).toMatchObject({
      profileId: w.profile.id,
      previous: { state: 'signed-out' },
      status: { state: 'signing-in' },
    });
    stop();
    await w.manager.signOut(w.profile.id);
    expect(mine).toEqual(['signing-in', 'signed-in']);
    expect(states(w)).toEqual(['signing-in', 'signed-in', 'signed-out']);
  });

  it('clock jumps seen by resume(): expiring-soon at the lead, expired at the end', async () => {
    const lead = 30_000;
    const w = await create({ manager: { timers: true, expiringLeadMs: lead } });
    await w.manager.signIn(w.profile.id, password());
    const { expiresAt } = await storedToken(w);

    w.emulator.clock.set(expiresAt - lead - 1);
    await w.manager.resume();
    expect(w.manager.status(w.profile.id).state).toBe('signed-in');
    w.emulator.clock.advance(1);
    await w.manager.resume();
    expect(w.manager.status(w.profile.id)).toEqual({
      state: 'expiring-soon',
      kind: 'bearer',
      expiresAt,
    });
    w.emulator.clock.set(expiresAt - 1);
    await w.manager.resume();
    expect(w.manager.status(w.profile.id).state).toBe('expiring-soon');
    w.emulator.clock.advance(1);
    await w.manager.resume();
    expect(w.manager.status(w.profile.id)).toEqual({ state: 'expired', kind: 'bearer' });
    expect(states(w)).toEqual(['signing-in', 'signed-in', 'expiring-soon', 'expired']);
  });

  it('a jump past the expiry (a long sleep) goes straight to expired, then renewal works', async () => {
    const w = await create({ manager: { timers: true } });
    await w.manager.signIn(w.profile.id, password(true));
    w.emulator.clock.advance(24 * 60 * 60 * 1000);
    await w.manager.resume();
    expect(states(w)).toEqual(['signing-in', 'signed-in', 'expired']);
    const renewed = await w.manager.getToken(w.profile.id);
    expect(w.manager.status(w.profile.id)).toEqual({
      state: 'signed-in',
      kind: 'bearer',
      expiresAt: renewed.expiresAt,
    });
  });

  it('timers announce expiring-soon and expired on their own', async () => {
    // Real time here: a 1 s token from the cluster, announced 800 ms before its end.
    const w = await create({
      profile: { auth: 'token' },
      manager: { timers: true, expiringLeadMs: 800 },
      emulator: { now: Date.now },
    });
    const pasted = await tokenFromCluster(w.emulator, 1);
    const expired = new Promise<void>((resolve) => {
      w.manager.subscribe((c) => {
        if (c.status.state === 'expired') resolve();
      });
    });
    await w.manager.signIn(w.profile.id, { method: 'token', token: pasted.token });
    await expired;
    expect(Date.now()).toBeGreaterThanOrEqual(pasted.expiresAt);
    expect(states(w)).toEqual(['signing-in', 'signed-in', 'expiring-soon', 'expired']);
  });

  it('resume() asks the cluster when validation is on: a token revoked during sleep is found', async () => {
    const w = await create({ manager: { timers: true, validateEveryMs: 3_600_000 } });
    await w.manager.signIn(w.profile.id, password());
    w.emulator.revokeAll('dana');
    await w.manager.resume();
    expect(w.manager.status(w.profile.id)).toEqual({ state: 'revoked' });
    expect(await w.vault.getToken(w.profile.id)).toBeUndefined();
  });

  it('a new process restores the status from the keychain, expiry included', async () => {
    const w = await create();
    await w.manager.signIn(w.profile.id, password());
    const { expiresAt } = await storedToken(w);
    expect(await sibling(w).restore(w.profile.id)).toEqual({
      state: 'signed-in',
      kind: 'bearer',
      expiresAt,
    });
    w.emulator.clock.advance(600_000);
    expect(await sibling(w).restore(w.profile.id)).toEqual({ state: 'expired', kind: 'bearer' });

    const other = await create({ profile: { name: 'Other' } });
    await other.manager.signIn(other.profile.id, cookie());
    expect(await sibling(other).restore(other.profile.id)).toEqual({
      state: 'signed-in',
      kind: 'cookie',
    });
    await other.manager.signOut(other.profile.id);
    expect(await sibling(other).restore(other.profile.id)).toEqual({ state: 'signed-out' });
  });
});

describe('no secret on disk', () => {
  it('after a full cycle, no password, key, token or cookie is in any file of the config directory', async () => {
    const w = await create();
    const secrets = new Set<string>([DANA.password, SECRET_KEY]);
    const { id } = w.profile;
    const keep = async () => {
      const token = await w.vault.getToken(id);
      if (token) secrets.add(token.token);
      const jar = await w.vault.getCookies(id);
      if (jar) secrets.add(sessionCookieOf(jar));
    };

    await expectAppError(
      w.manager.signIn(id, { ...cookie(true), password: 'wrong-pw-0c1d2e-Axolotl' }),
      'AUTH_FAILED',
    );
    secrets.add('wrong-pw-0c1d2e-Axolotl');
    await w.manager.signIn(id, cookie(true));
    await keep();
    secrets.add((await w.manager.getToken(id)).token);
    await keep();
    w.manager.recordCopy(id, (await w.manager.renew(id)).token);
    await keep();
    await w.manager.validate(id);
    await w.manager.revoke(id);
    await w.manager.signIn(id, password(true));
    await keep();
    w.emulator.clock.advance(601_000);
    secrets.add((await w.manager.getToken(id)).token);
    await w.manager.signOut(id);

    const keyProfile = await w.profiles.add({
      name: 'Trusted',
      url: w.emulator.url,
      username: 'dana',
      auth: 'secret-key',
      dialect: 'B',
    });
    await w.manager.signIn(keyProfile.id, {
      method: 'secret-key',
      secretKey: SECRET_KEY,
      remember: true,
    });
    const keyToken = await w.vault.getToken(keyProfile.id);
    if (keyToken) secrets.add(keyToken.token);
    const pasted = await tokenFromCluster(w.emulator, 900);
    secrets.add(pasted.token);
    const tokenProfile = await w.profiles.add({
      name: 'Pasted',
      url: w.emulator.url,
      username: 'dana',
      auth: 'token',
      dialect: 'C',
    });
    await w.manager.signIn(tokenProfile.id, { method: 'token', token: pasted.token });
    await w.manager.removeProfile(keyProfile.id);
    await w.manager.removeProfile(tokenProfile.id);

    // The cycle did produce tokens and cookies to look for, and files to look in.
    expect(secrets.size).toBeGreaterThanOrEqual(9);
    const files = filesUnder(w.dir);
    expect(files.map((f) => f.path)).toEqual(
      expect.arrayContaining([w.profiles.path, w.audit.path]),
    );
    for (const file of files) {
      for (const secret of secrets) expect(file.text, file.path).not.toContain(secret);
    }
    const ours = new Set([id, keyProfile.id, tokenProfile.id]);
    const entries = w.audit.read().filter((e) => ours.has(e.profileId));
    expect(new Set(entries.map((e) => e.action))).toEqual(
      new Set([
        'error',
        'signed-in',
        'issued',
        'pasted',
        'renewed',
        'copied',
        'validated',
        'revoked',
        'signed-out',
        'profile-removed',
      ]),
    );
    const logged = JSON.stringify(entries);
    for (const secret of secrets) expect(logged).not.toContain(secret);
  });
});
