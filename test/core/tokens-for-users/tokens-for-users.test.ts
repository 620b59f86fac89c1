// TokensForUsers against the emulator over real HTTP, with the secret key in the real keychain.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isAppError } from '../../../electron/core/errors/index.js';
import { TokensForUsers } from '../../../electron/core/tokens-for-users/index.js';
import { SEED_USERS } from '../../emulator/index.js';
import {
  askCluster,
  filesUnder,
  SECRET_KEY,
  storedToken,
  tokenFromCluster,
  useSessionWorlds,
  type World,
} from '../session/support/world.js';

const worlds = useSessionWorlds('tokens-for-users');
const ANALYST = SEED_USERS.find((u) => u.username === 'analyst') ?? SEED_USERS[0]!;

/** An admin profile that signs in with the secret key, which the keychain keeps (auto-renew). */
async function adminWorld(options: { username?: string; name?: string } = {}): Promise<World> {
  const world = await worlds.create({
    profile: {
      name: options.name ?? 'Prod',
      username: options.username ?? 'tsadmin',
      auth: 'secret-key',
      autoRenew: true,
    },
  });
  await world.manager.signIn(world.profile.id, {
    method: 'secret-key',
    secretKey: SECRET_KEY,
    remember: true,
  });
  return world;
}

const service = (w: World) =>
  new TokensForUsers({
    profiles: w.profiles,
    vault: w.vault,
    manager: w.manager,
    audit: w.audit,
    now: w.now,
  });

async function failure(promise: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await promise;
  } catch (error) {
    if (isAppError(error)) return { code: error.code, message: error.message };
    throw error;
  }
  throw new Error('expected a failure');
}

describe('minting tokens for other users', () => {
  it('mints a custom token for a new user with two rules; the profile keeps its own token', async () => {
    const w = await adminWorld();
    const own = await storedToken(w);
    const minted = await service(w).mint(w.profile.id, {
      user: 'embed-new',
      persist: 'REPLACE',
      filterRules: [
        { column: 'Region', operator: 'EQ', values: ['West'] },
        { column: 'Customer Id', operator: 'IN', values: ['ACME-42', 'B-7'] },
      ],
      groups: ['readers'],
      email: 'embed-new@example.com',
      validitySeconds: 120,
    });
    expect(minted).toMatchObject({
      user: 'embed-new',
      kind: 'custom',
      org: { id: 0, name: 'Primary' },
      scope: { access: 'CUSTOM', persist: 'REPLACE' },
    });
    expect(minted.expiresAt - minted.createdAt).toBe(120_000);
    expect(w.emulator.mintRequests().at(-1)).toEqual({
      path: '/auth/token/custom',
      body: {
        username: 'embed-new',
        validity_time_in_sec: 120,
        auto_create: true,
        email: 'embed-new@example.com',
        persist_option: 'REPLACE',
        filter_rules: [
          { column_name: 'Region', operator: 'EQ', values: ['West'] },
          { column_name: 'Customer Id', operator: 'IN', values: ['ACME-42', 'B-7'] },
        ],
        groups: [{ identifier: 'readers' }],
      },
    });
    expect(w.emulator.persistedRules('embed-new')?.filter_rules).toHaveLength(2);
    expect(await askCluster(w.emulator, { bearer: minted.token })).toMatchObject({
      status: 200,
      username: 'embed-new',
    });
    // Nothing minted is kept: the profile's own token is still the one it had.
    expect(await storedToken(w)).toEqual(own);

    const [line] = w.audit.read({ profileId: w.profile.id, limit: 1 });
    expect(line).toMatchObject({
      action: 'minted',
      message: 'minted for embed-new (custom, 2 rules, REPLACE)',
    });
    expect(line?.fingerprint).toMatch(/^[0-9a-f]{12}$/);
    const files = filesUnder(w.dir)
      .map((f) => f.text)
      .join('\n');
    for (const secret of [minted.token, SECRET_KEY, 'ACME-42', 'Customer Id'])
      expect(files).not.toContain(secret);
  });

  it('mints full and object tokens with org_id, and says their scope', async () => {
    const w = await adminWorld();
    const full = await service(w).mint(w.profile.id, { user: 'analyst', org: 0 });
    expect(full).toMatchObject({ kind: 'full', org: { id: 0 }, scope: { access: 'FULL' } });
    expect(w.emulator.mintRequests().at(-1)).toEqual({
      path: '/auth/token/full',
      body: { username: 'analyst', auto_create: true, org_id: 0 },
    });
    const object = await service(w).mint(w.profile.id, {
      user: 'analyst',
      objectId: 'lb-42',
      autoCreate: false,
    });
    expect(object).toMatchObject({
      kind: 'object',
      scope: { access: 'OBJECT', objectId: 'lb-42' },
    });
    expect(w.emulator.mintRequests().at(-1)?.body).toEqual({
      username: 'analyst',
      auto_create: false,
      object_id: 'lb-42',
    });
  });

  it('needs a secret-key profile whose key the keychain keeps; nothing is sent otherwise', async () => {
    const w = await worlds.create({ profile: { auth: 'password' } });
    const before = w.emulator.mintRequests().length;
    const password = await failure(service(w).mint(w.profile.id, { user: 'analyst' }));
    expect(password.code).toBe('INVALID_INPUT');
    expect(password.message).toContain(
      "need a profile that signs in with the cluster's secret key",
    );
    const keyless = await worlds.create({
      profile: { name: 'Keyless', auth: 'secret-key', username: 'tsadmin' },
    });
    const noKey = await failure(service(keyless).mint(keyless.profile.id, { user: 'a' }));
    expect(noKey.code).toBe('NOT_SIGNED_IN');
    expect(noKey.message).toContain('No secret key is kept');
    expect(w.emulator.mintRequests().length + keyless.emulator.mintRequests().length).toBe(before);
  });

  it('needs dialect C, and says so', async () => {
    const w = await worlds.create({
      profile: { name: 'B', username: 'tsadmin', auth: 'secret-key', dialect: 'B' },
    });
    await w.manager.signIn(w.profile.id, {
      method: 'secret-key',
      secretKey: SECRET_KEY,
      remember: true,
    });
    const refused = await failure(service(w).mint(w.profile.id, { user: 'analyst' }));
    expect(refused).toEqual({
      code: 'INVALID_INPUT',
      message: 'Dialect B cannot mint tokens for other users; that needs /api/rest/2.0 (dialect C)',
    });
  });

  it('reports a refusal by the cluster in one line, and logs it without the rules', async () => {
    const w = await adminWorld();
    const refused = await failure(
      service(w).mint(w.profile.id, { user: 'ghost', autoCreate: false }),
    );
    expect(refused.code).toBe('INVALID_INPUT');
    expect(refused.message).toContain('User ghost does not exist');
    expect(refused.message).not.toContain('\n');
    const [line] = w.audit.read({ profileId: w.profile.id, limit: 1 });
    expect(line?.action).toBe('error');
    expect(line?.message).toMatch(/^minting for ghost: /);
  });
});

describe("revoking another user's tokens", () => {
  const tokenOf = async (w: World, user: string) =>
    (await service(w).mint(w.profile.id, { user })).token;

  it("revokes them with the admin profile's own token", async () => {
    const w = await adminWorld();
    const analyst = await tokenOf(w, 'analyst');
    await service(w).revoke(w.profile.id, { user: 'analyst' });
    expect((await askCluster(w.emulator, { bearer: analyst })).status).toBe(401);
    const own = await storedToken(w);
    expect((await askCluster(w.emulator, { bearer: own.token })).status).toBe(200);
    const revokes = w.emulator.requests.filter((r) => r.path === '/api/rest/2.0/auth/token/revoke');
    expect(revokes.at(-1)).toMatchObject({ hasAuthorization: true, bodyKeys: ['user_identifier'] });
    expect(w.audit.read({ profileId: w.profile.id, limit: 1 })[0]).toMatchObject({
      action: 'revoked',
      message: 'revoked the tokens of analyst',
    });
  });

  it('revokes one token of theirs, named by its fingerprint in the log', async () => {
    const w = await adminWorld();
    const first = await tokenOf(w, 'analyst');
    const second = await tokenOf(w, 'analyst');
    await service(w).revoke(w.profile.id, { user: 'analyst', token: first });
    expect((await askCluster(w.emulator, { bearer: first })).status).toBe(401);
    expect((await askCluster(w.emulator, { bearer: second })).status).toBe(200);
    const line = w.audit.read({ profileId: w.profile.id, limit: 1 })[0];
    expect(line).toMatchObject({ message: 'revoked a token of analyst' });
    expect(readFileSync(w.audit.path, 'utf8')).not.toContain(first);
  });

  it("uses an admin's cookie session when the profile has no token", async () => {
    const w = await worlds.create({ profile: { name: 'Cookie', username: 'tsadmin' } });
    await w.manager.signIn(w.profile.id, { method: 'password', password: 'admin', kind: 'cookie' });
    const analyst = await tokenFromCluster(w.emulator, 300, ANALYST);
    await service(w).revoke(w.profile.id, { user: 'analyst' });
    expect((await askCluster(w.emulator, { bearer: analyst.token })).status).toBe(401);
    const revokes = w.emulator.requests.filter((r) => r.path === '/api/rest/2.0/auth/token/revoke');
    expect(revokes.at(-1)).toMatchObject({ hasAuthorization: false, hasCookie: true });
  });

  it('says in one line that a non-admin may not, and the tokens live on', async () => {
    const admin = await adminWorld();
    const adminToken = (await storedToken(admin)).token;
    const w = await adminWorld({ username: 'analyst', name: 'Analyst' });
    const refused = await failure(service(w).revoke(w.profile.id, { user: 'tsadmin' }));
    expect(refused).toMatchObject({ code: 'FORBIDDEN' });
    expect(refused.message).toMatch(/^This account is not allowed to revoke a user's tokens at /);
    expect(refused.message).not.toContain('\n');
    expect((await askCluster(admin.emulator, { bearer: adminToken })).status).toBe(200);
  });
});
