// The cluster's "revoked" about a token asked with before the session changed (a revoke and a new
// sign-in meanwhile): it is about that token, not the one the keychain holds by then.
import { describe, expect, it } from 'vitest';
import type { FetchFactory } from '../../../electron/core/session/index.js';
import { createNodeFetch } from '../../../electron/core/thoughtspot/node-fetch.js';
import { expectAppError } from '../../support/expect-error.js';
import { password, storedToken, useSessionWorlds } from './support/world.js';

const worlds = useSessionWorlds('judge-races');

/** A world whose next request to `path` is sent only once the test lets it go. */
async function heldWorld(path: string) {
  let held: { reached: boolean; answered: boolean; gate: Promise<void> } | undefined;
  const fetchFor: FetchFactory = (tls) => {
    const fetch = createNodeFetch(tls);
    return async (url, init) => {
      const wait = url.endsWith(path) ? held : undefined;
      if (!wait) return fetch(url, init);
      held = undefined;
      // Held before it is sent, or (`answered`) once the cluster answered.
      const response = wait.answered ? await fetch(url, init) : undefined;
      wait.reached = true;
      await wait.gate;
      return response ?? fetch(url, init);
    };
  };
  const w = await worlds.create({ manager: { fetchFor } });
  const hold = (answered = false) => {
    let release = (): void => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const mine = { reached: false, answered, gate };
    held = mine;
    return { reached: () => mine.reached, release };
  };
  return { w, hold };
}

describe('an answer about a token the session no longer holds', () => {
  it('validate: a revoked old token leaves the new sign-in alone', async () => {
    const { w, hold } = await heldWorld('/auth/token/validate');
    await w.manager.signIn(w.profile.id, password());
    const held = hold();
    const validating = expectAppError(w.manager.validate(w.profile.id), 'TOKEN_REVOKED');
    await expect.poll(held.reached).toBe(true);

    await w.manager.revoke(w.profile.id);
    await w.manager.signIn(w.profile.id, password());
    const fresh = await storedToken(w);
    held.release();
    await validating;

    // Before, the old token's "revoked" deleted the new one and the profile read Revoked.
    expect((await storedToken(w)).token).toBe(fresh.token);
    expect(w.manager.status(w.profile.id).state).toBe('signed-in');
  });

  it('info: a revoked old token leaves the new sign-in alone', async () => {
    const { w, hold } = await heldWorld('/auth/session/user');
    await w.manager.signIn(w.profile.id, password());
    const held = hold();
    const asking = expectAppError(w.manager.info(w.profile.id), 'TOKEN_REVOKED');
    await expect.poll(held.reached).toBe(true);

    await w.manager.revoke(w.profile.id);
    await w.manager.signIn(w.profile.id, password());
    const fresh = await storedToken(w);
    held.release();
    await asking;

    expect((await storedToken(w)).token).toBe(fresh.token);
    expect(w.manager.status(w.profile.id).state).toBe('signed-in');
  });

  it('validate: an answer that the old token lives leaves a signed-out profile signed out', async () => {
    const { w, hold } = await heldWorld('/auth/token/validate');
    await w.manager.signIn(w.profile.id, password());
    const held = hold(true);
    const validating = w.manager.validate(w.profile.id);
    await expect.poll(held.reached).toBe(true);

    await w.manager.signOut(w.profile.id);
    held.release();
    await validating;

    // Before, the answer read "Signed in" again, with the revoked token's expiry (window, tray).
    expect(w.manager.status(w.profile.id).state).toBe('signed-out');
    expect(await w.vault.getToken(w.profile.id)).toBeUndefined();
  });
});
