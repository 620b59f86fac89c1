// Orgs on a dialect C cluster (the emulator over real HTTP), secrets in the real keychain.
import { describe, expect, it } from 'vitest';
import {
  auditOf,
  cookie,
  password,
  storedToken,
  useSessionWorlds,
  type World,
} from '../session/support/world.js';
import { calls, DANA_ORGS, failure, orgsOf, PRIMARY, SALES, tokenOrgAtCluster } from './support.js';

const worlds = useSessionWorlds('orgs-c');

async function world(options: { dialect?: 'B' | 'C' } = {}): Promise<World> {
  return worlds.create({
    emulator: { users: [DANA_ORGS] },
    profile: { dialect: options.dialect ?? 'C' },
  });
}

describe('listing orgs (dialect C)', () => {
  it("lists the user's orgs and the session's, and the token learns its org's name", async () => {
    const w = await world();
    await w.manager.signIn(w.profile.id, password(true));
    expect(await orgsOf(w).list(w.profile.id)).toEqual({
      current: PRIMARY,
      orgs: [PRIMARY, SALES],
    });
    expect(await storedToken(w)).toMatchObject({ orgId: 0, orgName: 'Primary' });
  });

  it('says in one line that dialect B has no call for orgs, asking nothing of the cluster', async () => {
    const w = await world({ dialect: 'B' });
    await w.manager.signIn(w.profile.id, password(true));
    const before = w.emulator.requests.length;
    const failed = await failure(orgsOf(w).list(w.profile.id));
    expect(failed.code).toBe('INVALID_INPUT');
    expect(failed.message).toBe(
      'Dialect B has no call that lists orgs; that needs /api/rest/2.0 (dialect C) or REST API v1',
    );
    expect(w.emulator.requests.length).toBe(before);
  });
});

describe('switching orgs (dialect C)', () => {
  it('by name, with a remembered password: a token for the new org replaces the old one', async () => {
    const w = await world();
    await w.manager.signIn(w.profile.id, password(true));
    const old = await storedToken(w);
    const result = await orgsOf(w).switch(w.profile.id, 'Sales');
    expect(result).toMatchObject({ org: SALES, switched: true, status: { state: 'signed-in' } });
    const token = await storedToken(w);
    expect(token).toMatchObject({ orgId: 1, orgName: 'Sales' });
    expect(token.token).not.toBe(old.token);
    expect(await tokenOrgAtCluster(w.emulator, token.token)).toBe(1);
    expect(w.profiles.get(w.profile.id).org).toBe(1);
    expect(
      auditOf(w).some((e) => e.action === 'switched-org' && e.message === 'switched to org Sales'),
    ).toBe(true);
    expect(await orgsOf(w).list(w.profile.id)).toMatchObject({ current: SALES });
  });

  it('by id, for a cookie session with a remembered password: signs in again to that org', async () => {
    const w = await world();
    await w.manager.signIn(w.profile.id, cookie(true));
    const result = await orgsOf(w).switch(w.profile.id, ' 1 ');
    expect(result).toMatchObject({ org: SALES, switched: true });
    expect(result.status).toMatchObject({ state: 'signed-in', kind: 'cookie' });
    expect(calls(w.emulator)).toContain('POST /api/rest/2.0/auth/session/login');
    expect(await orgsOf(w).list(w.profile.id)).toMatchObject({ current: SALES });
    expect(await w.vault.getToken(w.profile.id)).toBeUndefined();
  });

  it('moves a cookie session in place with the v1 PUT and swaps its token for the new org', async () => {
    const w = await world();
    // Nothing remembered: only the cookie session can move (as an SSO session would).
    await w.manager.signIn(w.profile.id, cookie(false));
    const old = await w.manager.getToken(w.profile.id);
    expect(await tokenOrgAtCluster(w.emulator, old.token)).toBe(0);
    await orgsOf(w).switch(w.profile.id, 'sales');
    expect(calls(w.emulator)).toContain('PUT /callosum/v1/tspublic/v1/session/orgs');
    expect(calls(w.emulator).filter((c) => c.endsWith('/auth/session/login'))).toHaveLength(1);
    const token = await storedToken(w);
    expect(token.token).not.toBe(old.token);
    expect(token).toMatchObject({ orgId: 1, orgName: 'Sales' });
    expect(await tokenOrgAtCluster(w.emulator, token.token)).toBe(1);
    expect(w.profiles.get(w.profile.id).org).toBe(1);
  });

  it('refuses an org the user is not in, in one line naming the ones they are in', async () => {
    const w = await world();
    await w.manager.signIn(w.profile.id, password(true));
    const old = await storedToken(w);
    const failed = await failure(orgsOf(w).switch(w.profile.id, 'Marketing'));
    expect(failed).toEqual({
      code: 'INVALID_INPUT',
      message: 'dana is not in an org "Marketing"; they are in Primary (0), Sales (1)',
    });
    expect((await failure(orgsOf(w).switch(w.profile.id, '7'))).message).toContain('org "7"');
    expect((await storedToken(w)).token).toBe(old.token);
    expect(w.profiles.get(w.profile.id).org).toBeUndefined();
  });

  it('says what is needed when no password is remembered, and the next sign-in goes there', async () => {
    const w = await world();
    await w.manager.signIn(w.profile.id, password(false));
    const failed = await failure(orgsOf(w).switch(w.profile.id, 'Sales'));
    expect(failed).toEqual({
      code: 'NOT_SIGNED_IN',
      message:
        '"Prod" now signs in to org Sales (1), but moving its session there needs a new sign-in and no password is remembered for it; sign in again',
    });
    expect(w.profiles.get(w.profile.id).org).toBe(1);
    await w.manager.signIn(w.profile.id, password(false));
    expect(await tokenOrgAtCluster(w.emulator, (await storedToken(w)).token)).toBe(1);
  });

  it('to the org it is in already: nothing is asked of the cluster but the list', async () => {
    const w = await world();
    await w.manager.signIn(w.profile.id, password(true));
    const result = await orgsOf(w).switch(w.profile.id, 'Primary');
    expect(result).toMatchObject({ org: PRIMARY, switched: false });
    expect(calls(w.emulator).filter((c) => c.includes('/token/full'))).toHaveLength(1);
  });
});
