import { describe, expect, it } from 'vitest';
import type { EmulatorUser } from '../../emulator/index.js';
import { expectAppError } from '../../support/expect-error.js';
import {
  cookie,
  DANA,
  password,
  states,
  storedToken,
  tokenFromCluster,
  useSessionWorlds,
} from './support/world.js';

// Issue 15: a wrong password turned the badge into "Error". A failed attempt leaves the session's
// state as it was, with the reason beside it; a pasted token of another user is refused, naming
// whose it is.
const { create } = useSessionWorlds('failed-sign-in-state');

const ERIN: EmulatorUser = {
  username: 'erin',
  password: 'pw-erin-5c1e90-Quokka!',
  displayName: 'Erin Ops',
  email: 'erin@example.com',
};

describe('a failed sign-in', () => {
  it('from signed out stays signed out, with the reason as its problem', async () => {
    const w = await create();
    const error = await expectAppError(
      w.manager.signIn(w.profile.id, { ...cookie(), password: 'wrong' }),
      'AUTH_FAILED',
    );
    expect(w.manager.status(w.profile.id)).toEqual({
      state: 'signed-out',
      problem: { code: 'AUTH_FAILED', message: error.message },
    });
    expect(states(w)).toEqual(['signing-in', 'signed-out']);
  });

  it('beside a live session keeps it signed in (the old token still works)', async () => {
    const w = await create();
    await w.manager.signIn(w.profile.id, password());
    const before = w.manager.status(w.profile.id);
    await expectAppError(
      w.manager.signIn(w.profile.id, { ...password(), password: 'wrong' }),
      'AUTH_FAILED',
    );
    expect(w.manager.status(w.profile.id)).toMatchObject({
      ...before,
      problem: { code: 'AUTH_FAILED' },
    });
  });

  it('keeps its reason when the keychain is read again, and loses it on the next success', async () => {
    const w = await create();
    await expectAppError(
      w.manager.signIn(w.profile.id, { ...cookie(), password: 'wrong' }),
      'AUTH_FAILED',
    );
    await w.manager.restore(w.profile.id);
    expect(w.manager.status(w.profile.id)).toMatchObject({
      state: 'signed-out',
      problem: { code: 'AUTH_FAILED' },
    });
    await w.manager.signIn(w.profile.id, cookie());
    expect(w.manager.status(w.profile.id)).toEqual({ state: 'signed-in', kind: 'cookie' });
  });

  it('a renewal that cannot happen leaves the session expired, not "error"', async () => {
    const w = await create({ profile: { autoRenew: false } });
    await w.manager.signIn(w.profile.id, password(true));
    w.emulator.clock.advance(601_000);
    await expectAppError(w.manager.getToken(w.profile.id), 'NOT_SIGNED_IN');
    expect(w.manager.status(w.profile.id)).toMatchObject({
      state: 'expired',
      problem: { code: 'NOT_SIGNED_IN' },
    });
  });
});

describe('a pasted token of another user', () => {
  it('is refused, naming whose it is, and nothing is stored', async () => {
    const w = await create({ emulator: { users: [DANA, ERIN] } });
    const erins = await tokenFromCluster(w.emulator, 900, ERIN);
    const error = await expectAppError(
      w.manager.signIn(w.profile.id, { method: 'token', token: erins.token }),
      'INVALID_INPUT',
    );
    expect(error.message).toMatch(/^This token is erin's, not dana's/);
    expect(error.details).toMatchObject({ user: 'erin' });
    expect(await w.vault.entries(w.profile.id)).toEqual([]);
    expect(w.profiles.get(w.profile.id).username).toBe('dana');
    // Refused input says nothing about the session: no problem for the list to show.
    expect(w.manager.status(w.profile.id)).toEqual({ state: 'signed-out' });
  });

  it('is kept when the person said to make its user the profile’s', async () => {
    const w = await create({ emulator: { users: [DANA, ERIN] } });
    const erins = await tokenFromCluster(w.emulator, 900, ERIN);
    await w.manager.signIn(w.profile.id, {
      method: 'token',
      token: erins.token,
      saveOnSuccess: { username: 'erin' },
    });
    expect(w.profiles.get(w.profile.id).username).toBe('erin');
    expect((await storedToken(w)).token).toBe(erins.token);
  });

  it('of the profile’s own user, in other letter case, is kept as it is', async () => {
    const w = await create();
    const own = await tokenFromCluster(w.emulator, 900);
    w.profile = await w.profiles.update(w.profile.id, {
      name: w.profile.name,
      url: w.profile.url,
      username: 'DANA',
    });
    await w.manager.signIn(w.profile.id, { method: 'token', token: own.token });
    expect((await storedToken(w)).token).toBe(own.token);
  });
});
