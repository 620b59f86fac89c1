// Orgs on a REST API v1 cluster (an 8.x emulator: V1 alone), secrets in the real keychain.
import { describe, expect, it } from 'vitest';
import {
  auditOf,
  cookie,
  SECRET_KEY,
  useSessionWorlds,
  type World,
} from '../session/support/world.js';
import { calls, DANA_ORGS, failure, orgsOf, PRIMARY, SALES } from './support.js';

const worlds = useSessionWorlds('orgs-v1');

function world(auth: 'password' | 'secret-key' = 'password'): Promise<World> {
  return worlds.create({
    emulator: { users: [DANA_ORGS], dialects: ['V1'] },
    profile: { dialect: 'V1', auth },
  });
}

describe('orgs on REST API v1', () => {
  it("lists the user's orgs from session/orgs", async () => {
    const w = await world();
    await w.manager.signIn(w.profile.id, cookie(false));
    expect(await orgsOf(w).list(w.profile.id)).toEqual({
      current: PRIMARY,
      orgs: [PRIMARY, SALES],
    });
    expect(calls(w.emulator)).toContain('GET /callosum/v1/tspublic/v1/session/orgs');
  });

  it('switches by name with a remembered password: a new sign-in with orgid', async () => {
    const w = await world();
    await w.manager.signIn(w.profile.id, cookie(true));
    const result = await orgsOf(w).switch(w.profile.id, 'Sales');
    expect(result).toMatchObject({ org: SALES, switched: true, status: { kind: 'cookie' } });
    expect(calls(w.emulator).filter((c) => c.endsWith('/session/login'))).toHaveLength(2);
    expect(calls(w.emulator)).not.toContain('PUT /callosum/v1/tspublic/v1/session/orgs');
    expect(await orgsOf(w).list(w.profile.id)).toMatchObject({ current: SALES });
    expect(w.profiles.get(w.profile.id).org).toBe(1);
    expect(auditOf(w)[0]).toMatchObject({
      action: 'switched-org',
      message: 'switched to org Sales',
    });
  });

  it('moves a cookie session without a remembered password in place (PUT session/orgs)', async () => {
    const w = await world();
    await w.manager.signIn(w.profile.id, cookie(false));
    await orgsOf(w).switch(w.profile.id, '1');
    expect(calls(w.emulator)).toContain('PUT /callosum/v1/tspublic/v1/session/orgs');
    expect(calls(w.emulator).filter((c) => c.endsWith('/session/login'))).toHaveLength(1);
    expect((await w.manager.info(w.profile.id)).currentOrg).toEqual({ id: 1 });
    expect(w.profiles.get(w.profile.id).org).toBe(1);
  });

  it('signs a secret-key profile in again for the org (orgid on the one-time token)', async () => {
    const w = await world('secret-key');
    await w.manager.signIn(w.profile.id, {
      method: 'secret-key',
      secretKey: SECRET_KEY,
      remember: true,
    });
    await orgsOf(w).switch(w.profile.id, 'Sales');
    expect(calls(w.emulator).filter((c) => c.endsWith('/session/auth/token'))).toHaveLength(2);
    expect(await orgsOf(w).list(w.profile.id)).toMatchObject({ current: SALES });
  });

  it('refuses an org the user is not in, naming the ones they are in', async () => {
    const w = await world();
    await w.manager.signIn(w.profile.id, cookie(false));
    const failed = await failure(orgsOf(w).switch(w.profile.id, 'Nowhere'));
    expect(failed.message).toBe(
      'dana is not in an org "Nowhere"; they are in Primary (0), Sales (1)',
    );
    expect(calls(w.emulator)).not.toContain('PUT /callosum/v1/tspublic/v1/session/orgs');
  });
});
