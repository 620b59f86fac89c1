import { AuthError, InputError } from '../errors/index.js';
import { hasControlCharacters } from '../text-checks.js';
import type { SecretStore } from './secret-store.js';
import {
  decodeToken,
  encodeToken,
  migrateLegacyToken,
  type StoredToken,
  type TokenOwner,
} from './stored-token.js';

export type SecretKind = 'password' | 'secret-key' | 'token' | 'cookies';

export const SECRET_KINDS: readonly SecretKind[] = ['password', 'secret-key', 'token', 'cookies'];

const SAID: Record<SecretKind, string> = {
  password: 'password',
  'secret-key': 'secret key',
  token: 'token',
  cookies: 'session',
};

/**
 * A profile's secrets, typed: entries are `<profileId>/<kind>` in one SecretStore. Profile ids
 * (not names) name entries, so renaming a profile never orphans its secrets.
 */
export class ProfileVault {
  constructor(readonly store: SecretStore) {}

  async getPassword(profileId: string): Promise<string | undefined> {
    return this.store.get(account(profileId, 'password'));
  }

  async setPassword(profileId: string, password: string): Promise<void> {
    return this.store.set(account(profileId, 'password'), password);
  }

  async requirePassword(profileId: string, profileName: string): Promise<string> {
    return (await this.getPassword(profileId)) ?? notSignedIn('password', profileName);
  }

  async getSecretKey(profileId: string): Promise<string | undefined> {
    return this.store.get(account(profileId, 'secret-key'));
  }

  async setSecretKey(profileId: string, secretKey: string): Promise<void> {
    return this.store.set(account(profileId, 'secret-key'), secretKey);
  }

  async requireSecretKey(profileId: string, profileName: string): Promise<string> {
    return (await this.getSecretKey(profileId)) ?? notSignedIn('secret-key', profileName);
  }

  /**
   * The stored token, or undefined. A v1 entry (bare string) is migrated when `owner` (from the
   * profile) is given, comes back expired so it is renewed, and is rewritten as v2; without an
   * owner it reads as no token and is left for the next sign-in to replace.
   */
  async getToken(profileId: string, owner?: TokenOwner): Promise<StoredToken | undefined> {
    const raw = await this.store.get(account(profileId, 'token'));
    if (raw === undefined) return undefined;
    const decoded = decodeToken(raw, profileId);
    if (decoded.kind === 'current') return decoded.token;
    if (owner === undefined) return undefined;
    const migrated = migrateLegacyToken(decoded.token, owner);
    await this.setToken(profileId, migrated);
    return migrated;
  }

  async setToken(profileId: string, token: StoredToken): Promise<void> {
    return this.store.set(account(profileId, 'token'), encodeToken(token));
  }

  async requireToken(
    profileId: string,
    profileName: string,
    owner?: TokenOwner,
  ): Promise<StoredToken> {
    return (await this.getToken(profileId, owner)) ?? notSignedIn('token', profileName);
  }

  async getCookies(profileId: string): Promise<string | undefined> {
    return this.store.get(account(profileId, 'cookies'));
  }

  async setCookies(profileId: string, serializedJar: string): Promise<void> {
    return this.store.set(account(profileId, 'cookies'), serializedJar);
  }

  /** The person chose not to keep it (remember unticked). */
  async forgetPassword(profileId: string): Promise<void> {
    await this.#remove(profileId, ['password']);
  }

  async forgetSecretKey(profileId: string): Promise<void> {
    await this.#remove(profileId, ['secret-key']);
  }

  /** A revoked token goes; a cookie session beside it stays. */
  async deleteToken(profileId: string): Promise<void> {
    await this.#remove(profileId, ['token']);
  }

  /** Signing out: the session goes, the credentials to start a new one stay. */
  async clearSession(profileId: string): Promise<void> {
    await this.#remove(profileId, ['token', 'cookies']);
  }

  async removeProfile(profileId: string): Promise<void> {
    await this.#remove(profileId, SECRET_KINDS);
  }

  /** Which kinds of secret the profile has, in SECRET_KINDS order. */
  async entries(profileId: string): Promise<SecretKind[]> {
    const present = new Set(await this.store.accounts());
    return SECRET_KINDS.filter((kind) => present.has(account(profileId, kind)));
  }

  // One at a time: the keychain serializes anyway, and the file store rewrites the file per change.
  async #remove(profileId: string, kinds: readonly SecretKind[]): Promise<void> {
    for (const kind of kinds) await this.store.delete(account(profileId, kind));
  }
}

export function account(profileId: string, kind: SecretKind): string {
  if (profileId.length === 0 || profileId.includes('/') || hasControlCharacters(profileId)) {
    throw new InputError('A profile id must be non-empty, without "/" or control characters');
  }
  return `${profileId}/${kind}`;
}

function notSignedIn(kind: SecretKind, profileName: string): never {
  throw new AuthError(
    'NOT_SIGNED_IN',
    `No ${SAID[kind]} is stored for "${profileName}"; sign in again`,
  );
}
