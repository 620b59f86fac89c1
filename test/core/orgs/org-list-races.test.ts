// An org list asked for while the session changes under it (a sign-out, a renewal, another
// process's sign-in): its answer must not write back the token it was asked with.
import { describe, expect, it } from 'vitest';
import { setProfileOrg } from '../../../electron/core/orgs/org-switch.js';
import type { FetchFactory } from '../../../electron/core/session/index.js';
import { createNodeFetch } from '../../../electron/core/thoughtspot/node-fetch.js';
import { password, storedToken, useSessionWorlds } from '../session/support/world.js';
import { DANA_ORGS, orgsOf, PRIMARY, SALES } from './support.js';

const worlds = useSessionWorlds('org-list-races');

/** A world whose next org-list answer waits for `hold()`'s release. */
async function heldWorld() {
  let gate: Promise<void> | undefined;
  const fetchFor: FetchFactory = (tls) => {
    const fetch = createNodeFetch(tls);
    return async (url, init) => {
      const response = await fetch(url, init);
      const wait = url.endsWith('/session/user') ? gate : undefined;
      if (wait) gate = undefined;
      await wait;
      return response;
    };
  };
  const w = await worlds.create({
    emulator: { users: [DANA_ORGS] },
    profile: { dialect: 'C' },
    manager: { fetchFor },
  });
  const asked = () => w.emulator.requests.filter((r) => r.path.endsWith('/session/user')).length;
  /** Holds the next answer; resolves once the question reached the cluster. */
  const hold = async <T>(ask: () => Promise<T>) => {
    let release = (): void => undefined;
    gate = new Promise((resolve) => (release = resolve));
    const before = asked();
    const answer = ask().then(
      (value) => ({ value }),
      (error: unknown) => ({ error }),
    );
    await expect.poll(asked).toBe(before + 1);
    return { release, answer };
  };
  return { w, orgs: orgsOf(w), hold };
}

describe('an org list answered after the session changed', () => {
  it('leaves a signed-out profile without a token (none is written back)', async () => {
    const { w, orgs, hold } = await heldWorld();
    await w.manager.signIn(w.profile.id, password(true));
    expect((await storedToken(w)).orgName, 'a new token is not labelled yet').toBeUndefined();
    const { release, answer } = await hold(() => orgs.list(w.profile.id));

    await w.manager.signOut(w.profile.id);
    expect(await w.vault.getToken(w.profile.id)).toBeUndefined();
    release();
    await answer;

    // Before, the answer labelled the token it was asked with and stored it again: the signed-out
    // profile held a revoked token, which `tsm token` handed out and a restart showed signed in.
    expect(await w.vault.getToken(w.profile.id)).toBeUndefined();
    expect((await w.manager.restore(w.profile.id)).state).toBe('signed-out');
    expect(orgs.known.get(w.profile.id)).toBeUndefined();
  });

  it('keeps the token a renewal stored meanwhile', async () => {
    const { w, orgs, hold } = await heldWorld();
    await w.manager.signIn(w.profile.id, password(true));
    const first = await storedToken(w);
    const { release, answer } = await hold(() => orgs.list(w.profile.id));

    const renewed = await w.manager.renew(w.profile.id);
    expect(renewed.token).not.toBe(first.token);
    release();
    expect(await answer).toEqual({ value: { current: PRIMARY, orgs: [PRIMARY, SALES] } });

    // Before, the old token came back over the new one, and the status named the new one's expiry.
    expect((await storedToken(w)).token).toBe(renewed.token);
  });

  it('is asked once more when learn is asked again meanwhile, with the session as it is then', async () => {
    const { w, orgs, hold } = await heldWorld();
    await w.manager.signIn(w.profile.id, password(true));
    await orgs.list(w.profile.id);
    // Asks with the Primary token; its answer is held.
    const held = await hold(() => Promise.resolve(orgs.learn(w.profile.id, true)));

    // Another process moves the session to Sales, then the app asks again.
    await setProfileOrg(w.profiles, w.profile, SALES.id);
    await w.manager.signIn(w.profile.id, password(true));
    orgs.learn(w.profile.id, true);
    held.release();
    await expect.poll(() => orgs.known.get(w.profile.id)?.current).toEqual(SALES);
  });
});
