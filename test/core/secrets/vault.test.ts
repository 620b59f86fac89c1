import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KeychainError } from '../../../electron/core/errors/index.js';
import {
  KeytarStore,
  ProfileVault,
  type StoredToken,
} from '../../../electron/core/secrets/index.js';
import { expectAppError, expectNoSecrets } from '../../support/expect-error.js';
import { clearService, requireKeyring, uniqueService } from './support/keyring.js';

const service = uniqueService('vault');
const store = new KeytarStore({ service });
const vault = new ProfileVault(store);

beforeAll(requireKeyring);
afterAll(() => clearService(service));

const token: StoredToken = {
  token: 'tok-abc.def.ghi',
  createdAt: 1_790_000_000_000,
  expiresAt: 1_790_000_300_000,
  dialect: 'C',
  username: 'ana@example.com',
  orgId: 42,
};

async function storeAll(profileId: string): Promise<void> {
  await vault.setPassword(profileId, 'pw-1');
  await vault.setSecretKey(profileId, 'sk-1');
  await vault.setToken(profileId, token);
  await vault.setCookies(profileId, '{"cookies":[{"key":"JSESSIONID","value":"c-1"}]}');
}

describe('the profile vault on the real keychain', () => {
  it('stores exactly four entries per profile, and removes exactly those', async () => {
    await storeAll('prod');
    await storeAll('dev');
    expect(await store.accounts()).toEqual([
      'dev/cookies',
      'dev/password',
      'dev/secret-key',
      'dev/token',
      'prod/cookies',
      'prod/password',
      'prod/secret-key',
      'prod/token',
    ]);
    expect(await vault.entries('prod')).toEqual(['password', 'secret-key', 'token', 'cookies']);

    await vault.removeProfile('prod');
    expect(await vault.entries('prod')).toEqual([]);
    expect(await vault.entries('dev')).toEqual(['password', 'secret-key', 'token', 'cookies']);
    await vault.removeProfile('dev');
    expect(await store.accounts()).toEqual([]);
  });

  it('reads back each secret it stored', async () => {
    await storeAll('read');
    expect(await vault.getPassword('read')).toBe('pw-1');
    expect(await vault.getSecretKey('read')).toBe('sk-1');
    expect(await vault.getCookies('read')).toContain('JSESSIONID');
    await vault.removeProfile('read');
  });

  it('clears the session (token, cookies) and keeps the credentials on sign-out', async () => {
    await storeAll('signout');
    await vault.clearSession('signout');
    expect(await vault.entries('signout')).toEqual(['password', 'secret-key']);
    await vault.removeProfile('signout');
  });

  it('round-trips a token as versioned JSON', async () => {
    await vault.setToken('tok', token);
    expect(await vault.getToken('tok')).toEqual(token);
    expect(JSON.parse((await store.get('tok/token')) ?? '')).toEqual({ v: 2, ...token });

    const { orgId: _orgId, ...withoutOrg } = token;
    await vault.setToken('tok', withoutOrg);
    expect(await vault.getToken('tok')).toEqual(withoutOrg);
    expect(await store.get('tok/token')).not.toContain('orgId');
    await vault.removeProfile('tok');
  });

  it('refuses to store a token with a missing field', async () => {
    const broken = { ...token, dialect: 'D' } as unknown as StoredToken;
    await expectAppError(vault.setToken('tok', broken), 'INVALID_INPUT');
  });

  it('says "sign in again" for each missing secret', async () => {
    const password = await expectAppError(vault.requirePassword('none', 'Prod'), 'NOT_SIGNED_IN');
    expect(password).toMatchObject({ name: 'AuthError' });
    expect(password.message).toBe('No password is stored for "Prod"; sign in again');
    const key = await expectAppError(vault.requireSecretKey('none', 'Prod'), 'NOT_SIGNED_IN');
    expect(key.message).toBe('No secret key is stored for "Prod"; sign in again');
    const missing = await expectAppError(vault.requireToken('none', 'Prod'), 'NOT_SIGNED_IN');
    expect(missing.message).toBe('No token is stored for "Prod"; sign in again');
    expect(await vault.getCookies('none')).toBeUndefined();
  });

  it('returns the secret when it is there', async () => {
    await vault.setPassword('have', 'pw-2');
    expect(await vault.requirePassword('have', 'Have')).toBe('pw-2');
    await vault.removeProfile('have');
  });

  it('rejects a profile id that could name another profile’s entry', async () => {
    await expectAppError(vault.getPassword('a/b'), 'INVALID_INPUT');
    await expectAppError(vault.getPassword(''), 'INVALID_INPUT');
  });
});

describe('token entries from other versions', () => {
  it('migrates a v1 bare token: expired (so it is renewed), kept for revoking, rewritten as v2', async () => {
    await store.set('old/token', 'legacy-token-value');
    // Without the profile's dialect and username it cannot be completed: it reads as no token.
    expect(await vault.getToken('old')).toBeUndefined();
    expect(await store.get('old/token')).toBe('legacy-token-value');

    const owner = { dialect: 'B', username: 'ana' } as const;
    const migrated = await vault.getToken('old', owner);
    expect(migrated).toEqual({
      token: 'legacy-token-value',
      createdAt: 0,
      expiresAt: 0,
      dialect: 'B',
      username: 'ana',
    });
    expect(JSON.parse((await store.get('old/token')) ?? '')).toMatchObject({ v: 2, expiresAt: 0 });
    expect(await vault.getToken('old')).toEqual(migrated);
    await vault.removeProfile('old');
  });

  it('reports a token from a newer version instead of guessing', async () => {
    await store.set('future/token', JSON.stringify({ v: 3, token: 'future-secret', shape: 'new' }));
    const error = (await expectAppError(
      vault.getToken('future'),
      'KEYCHAIN_UNAVAILABLE',
    )) as KeychainError;
    expect(error.problem).toBe('CORRUPT');
    expect(error.message).toMatch(/written by a newer version of the app \(format v3\)/);
    expectNoSecrets(error, ['future-secret']);
    await vault.removeProfile('future');
  });

  it.each([
    ['a field of the wrong type', JSON.stringify({ ...token, v: 2, expiresAt: 'soon' })],
    ['an unknown dialect', JSON.stringify({ ...token, v: 2, dialect: 'Z' })],
    ['no version', JSON.stringify({ ...token })],
    ['broken JSON', `{"v":2,"token":"${token.token}"`],
  ])('reports %s as CORRUPT and returns nothing', async (_label, raw) => {
    await store.set('bad/token', raw);
    const error = (await expectAppError(
      vault.getToken('bad'),
      'KEYCHAIN_UNAVAILABLE',
    )) as KeychainError;
    expect(error.problem).toBe('CORRUPT');
    expect(error.message).toMatch(/^The token stored for profile bad is damaged/);
    expectNoSecrets(error, [token.token]);
    await vault.removeProfile('bad');
  });
});
