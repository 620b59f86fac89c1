// The last known org list per profile (what the tray shows without a network call), over the
// emulator and the real keychain.
import { describe, expect, it } from 'vitest';
import { password, storedToken, useSessionWorlds } from '../session/support/world.js';
import { DANA_ORGS, orgsOf, PRIMARY, SALES } from './support.js';

const worlds = useSessionWorlds('known-orgs');

describe('the known org lists', () => {
  it('are filled by list and switch, told to listeners, and dropped at sign-out', async () => {
    const w = await worlds.create({ emulator: { users: [DANA_ORGS] }, profile: { dialect: 'C' } });
    const orgs = orgsOf(w);
    const told: string[] = [];
    orgs.known.subscribe((id) => told.push(id));
    await w.manager.signIn(w.profile.id, password(true));
    expect(orgs.known.get(w.profile.id)).toBeUndefined();

    await orgs.list(w.profile.id);
    expect(orgs.known.get(w.profile.id)).toEqual({ current: PRIMARY, orgs: [PRIMARY, SALES] });
    await orgs.list(w.profile.id);
    expect(told, 'the same list again is no news').toEqual([w.profile.id]);

    await orgs.switch(w.profile.id, 'Sales');
    expect(orgs.known.get(w.profile.id)?.current).toEqual(SALES);
    expect(told).toHaveLength(2);

    const before = w.emulator.requests.length;
    expect(orgs.known.get(w.profile.id)?.orgs).toHaveLength(2);
    expect(w.emulator.requests.length, 'reading the known list asks nothing').toBe(before);

    await w.manager.signOut(w.profile.id);
    expect(orgs.known.get(w.profile.id)).toBeUndefined();
    expect(told).toHaveLength(3);
  });

  it('learn asks once for a signed-in profile, and a failure is no news', async () => {
    const w = await worlds.create({ emulator: { users: [DANA_ORGS] }, profile: { dialect: 'C' } });
    const orgs = orgsOf(w);
    await w.manager.signIn(w.profile.id, password(true));
    const asked = () => w.emulator.requests.filter((r) => r.path.endsWith('/session/user')).length;
    const start = asked();
    orgs.learn(w.profile.id);
    orgs.learn(w.profile.id);
    await expect.poll(() => orgs.known.get(w.profile.id)?.current).toEqual(PRIMARY);
    orgs.learn(w.profile.id);
    expect(asked() - start, 'one question for three calls').toBe(1);

    orgs.learn('no-such-profile');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(orgs.known.get('no-such-profile')).toBeUndefined();
  });

  it('learn renews nothing and writes nothing: a token about to end is left alone', async () => {
    const w = await worlds.create({ emulator: { users: [DANA_ORGS] }, profile: { dialect: 'C' } });
    const orgs = orgsOf(w);
    await w.manager.signIn(w.profile.id, password(true));
    const token = await storedToken(w);
    // The keychain's token ends in a second, as if the clock had run past it.
    await w.vault.setToken(w.profile, { ...token, expiresAt: w.now() + 1_000 });
    const before = w.emulator.requests.length;
    orgs.learn(w.profile.id);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(w.emulator.requests.length, 'no renewal, no list').toBe(before);
    expect(orgs.known.get(w.profile.id)).toBeUndefined();
    expect((await storedToken(w)).token).toBe(token.token);
  });

  it('keeps no list that arrives after the session ended', async () => {
    const w = await worlds.create({ emulator: { users: [DANA_ORGS] }, profile: { dialect: 'C' } });
    const orgs = orgsOf(w);
    await w.manager.signIn(w.profile.id, password(true));
    // The sign-out may end the session before the cluster answers: either way nothing is kept.
    const listed = orgs.list(w.profile.id).catch(() => undefined);
    await w.manager.signOut(w.profile.id);
    await listed;
    expect(orgs.known.get(w.profile.id)).toBeUndefined();
  });
});
