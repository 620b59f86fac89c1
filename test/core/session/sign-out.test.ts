import { describe, expect, it } from 'vitest';
import { expectAppError } from '../../support/expect-error.js';
import {
  askCluster,
  auditOf,
  cookie,
  password,
  SECRET_KEY,
  sessionCookieOf,
  storedToken,
  useSessionWorlds,
} from './support/world.js';

// Signing out: what the cluster is told, what is forgotten here, and what the person is told
// about the cluster's half when it could not be reached.
const { create } = useSessionWorlds('sign-out');

describe('sign out', () => {
  it('sign out of a cookie session: ended at the cluster, every secret gone', async () => {
    const w = await create();
    await w.manager.signIn(w.profile.id, cookie(false));
    const token = await w.manager.getToken(w.profile.id); // from the session (dialect C)
    const jsession = sessionCookieOf(await w.vault.getCookies(w.profile.id));
    expect(await w.vault.entries(w.profile.id)).toEqual(['token', 'cookies']);

    expect(await w.manager.signOut(w.profile.id)).toEqual({ cluster: 'signed-out' });
    expect(await w.vault.entries(w.profile.id)).toEqual([]);
    expect(w.manager.status(w.profile.id)).toEqual({ state: 'signed-out' });
    expect((await askCluster(w.emulator, { cookie: jsession })).status).toBe(401);
    // The token that came from the session ended with it.
    expect((await askCluster(w.emulator, { bearer: token.token })).status).toBe(401);
    expect(auditOf(w)[0]).toMatchObject({ action: 'signed-out' });
  });

  it('sign out of a bearer session with a remembered secret key forgets every secret', async () => {
    const w = await create({ profile: { auth: 'secret-key' } });
    await w.manager.signIn(w.profile.id, {
      method: 'secret-key',
      secretKey: SECRET_KEY,
      remember: true,
    });
    expect(await w.manager.signOut(w.profile.id)).toEqual({ cluster: 'no-session' });
    expect(await w.vault.entries(w.profile.id)).toEqual([]);
    // Nothing is left to renew from.
    await expectAppError(w.manager.getToken(w.profile.id), 'NOT_SIGNED_IN');
  });

  it('sign out revokes a live bearer token, so no copy of it outlives the sign-out', async () => {
    const w = await create();
    await w.manager.signIn(w.profile.id, password(false));
    const token = await storedToken(w);
    expect((await askCluster(w.emulator, { bearer: token.token })).status).toBe(200);
    await w.manager.signOut(w.profile.id);
    expect(await askCluster(w.emulator, { bearer: token.token })).toMatchObject({
      status: 401,
      debug: 'The token has been revoked.',
    });
    expect(
      auditOf(w)
        .map((e) => e.action)
        .slice(0, 2),
    ).toEqual(['signed-out', 'revoked']);
  });

  it('sign out while the cluster is unreachable still forgets every secret here', async () => {
    const w = await create();
    await w.manager.signIn(w.profile.id, cookie(true));
    await w.emulator.close();
    expect(await w.manager.signOut(w.profile.id)).toEqual({ cluster: 'unreachable' });
    expect(await w.vault.entries(w.profile.id)).toEqual([]);
    expect(w.manager.status(w.profile.id)).toEqual({ state: 'signed-out' });
  });

  it('sign out of a bearer session while the cluster is unreachable says so, not "no session"', async () => {
    const w = await create();
    await w.manager.signIn(w.profile.id, password(true));
    await w.emulator.close();
    expect(await w.manager.signOut(w.profile.id)).toEqual({ cluster: 'unreachable' });
    expect(await w.vault.entries(w.profile.id)).toEqual([]);
    expect(w.manager.status(w.profile.id)).toEqual({ state: 'signed-out' });
  });
});
