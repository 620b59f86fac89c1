import { AuthError, InputError } from '../errors/index.js';
import { hasControlCharacters } from '../text-checks.js';
import { decodeBound, encodeBound, sameBinding, type Binding } from './bound-secret.js';
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

/** Whom a checked secret belongs to: a Profile is one. */
export interface SecretOwner {
  id: string;
  name: string;
  url: string;
  username: string;
}

/**
 * A profile id reads and writes without a binding (inspection, tests, entries written before
 * bindings existed); a SecretOwner binds what it writes and checks what it reads.
 */
export type Who = string | SecretOwner;

/**
 * A profile's secrets, typed: entries are `<profileId>/<kind>` in one SecretStore. Profile ids
 * (not names) name entries, so renaming a profile never orphans its secrets. Each entry written
 * for a SecretOwner carries the cluster URL and username it was given for; read for an owner
 * that no longer matches, it is forgotten and the read fails (it is never sent elsewhere).
 */
export class ProfileVault {
  /**
   * `current` names whom a profile's secrets are for now (the settings as they are): a reader may
   * hold the profile as it was before an edit elsewhere, and must not forget what was just
   * stored for its new cluster or user.
   */
  constructor(
    readonly store: SecretStore,
    private readonly current?: (profileId: string) => SecretOwner | undefined,
  ) {}

  async getPassword(who: Who): Promise<string | undefined> {
    return this.#read(who, 'password');
  }

  async setPassword(who: Who, password: string): Promise<void> {
    return this.#write(who, 'password', password);
  }

  async requirePassword(who: Who, profileName: string): Promise<string> {
    return (await this.getPassword(who)) ?? notSignedIn('password', profileName);
  }

  async getSecretKey(who: Who): Promise<string | undefined> {
    return this.#read(who, 'secret-key');
  }

  async setSecretKey(who: Who, secretKey: string): Promise<void> {
    return this.#write(who, 'secret-key', secretKey);
  }

  async requireSecretKey(who: Who, profileName: string): Promise<string> {
    return (await this.getSecretKey(who)) ?? notSignedIn('secret-key', profileName);
  }

  /**
   * The stored token, or undefined. A v1 entry (bare string) is migrated when `owner` (from the
   * profile) is given, comes back expired so it is renewed, and is rewritten as v2; without an
   * owner it reads as no token and is left for the next sign-in to replace.
   */
  async getToken(who: Who, owner?: TokenOwner): Promise<StoredToken | undefined> {
    const raw = await this.#read(who, 'token');
    if (raw === undefined) return undefined;
    const decoded = decodeToken(raw, idOf(who));
    if (decoded.kind === 'current') return decoded.token;
    if (owner === undefined) return undefined;
    const migrated = migrateLegacyToken(decoded.token, owner);
    await this.setToken(who, migrated);
    return migrated;
  }

  async setToken(who: Who, token: StoredToken): Promise<void> {
    return this.#write(who, 'token', encodeToken(token));
  }

  async requireToken(who: Who, profileName: string, owner?: TokenOwner): Promise<StoredToken> {
    return (await this.getToken(who, owner)) ?? notSignedIn('token', profileName);
  }

  async getCookies(who: Who): Promise<string | undefined> {
    return this.#read(who, 'cookies');
  }

  async setCookies(who: Who, serializedJar: string): Promise<void> {
    return this.#write(who, 'cookies', serializedJar);
  }

  /** The person chose not to keep it (remember unticked). */
  async forgetPassword(who: Who): Promise<void> {
    await this.#remove(idOf(who), ['password']);
  }

  async forgetSecretKey(who: Who): Promise<void> {
    await this.#remove(idOf(who), ['secret-key']);
  }

  /** A revoked token goes; a cookie session beside it stays. */
  async deleteToken(who: Who): Promise<void> {
    await this.#remove(idOf(who), ['token']);
  }

  /** Signing out: the session goes, the credentials to start a new one stay. */
  async clearSession(who: Who): Promise<void> {
    await this.#remove(idOf(who), ['token', 'cookies']);
  }

  async removeProfile(who: Who): Promise<void> {
    await this.#remove(idOf(who), SECRET_KINDS);
  }

  /** Which kinds of secret the profile has, in SECRET_KINDS order. */
  async entries(who: Who): Promise<SecretKind[]> {
    const present = new Set(await this.store.accounts());
    return SECRET_KINDS.filter((kind) => present.has(account(idOf(who), kind)));
  }

  async #read(who: Who, kind: SecretKind): Promise<string | undefined> {
    const name = account(idOf(who), kind);
    const raw = await this.store.get(name);
    if (raw === undefined) return undefined;
    const decoded = decodeBound(raw);
    if (typeof who === 'string') return decoded?.secret;
    if (decoded === undefined) {
      await this.store.delete(name); // a damaged envelope is of no use to anyone
      return undefined;
    }
    if (decoded.kind === 'unbound') {
      // Written before bindings existed: adopted by the profile as it is now (see bound-secret.ts).
      await this.store.set(name, encodeBound(decoded.secret, bindingOf(who)));
      return decoded.secret;
    }
    if (sameBinding(decoded.binding, bindingOf(who))) return decoded.secret;
    // What is foreign is decided by the profile as it is now: a reader from before an edit
    // elsewhere gets nothing (what is there is for the new cluster or user) and forgets nothing.
    const now = this.current?.(who.id) ?? who;
    if (sameBinding(decoded.binding, bindingOf(now))) return undefined;
    await this.#forgetForeign(now);
    throw new AuthError(
      'NOT_SIGNED_IN',
      `"${who.name}" now points to another cluster (or user); sign in again`,
    );
  }

  async #write(who: Who, kind: SecretKind, value: string): Promise<void> {
    const name = account(idOf(who), kind);
    return this.store.set(
      name,
      typeof who === 'string' ? value : encodeBound(value, bindingOf(who)),
    );
  }

  /** Every entry bound to another cluster or user goes; one already given for this one stays. */
  async #forgetForeign(owner: SecretOwner): Promise<void> {
    for (const kind of SECRET_KINDS) {
      const name = account(owner.id, kind);
      const raw = await this.store.get(name);
      const decoded = raw === undefined ? undefined : decodeBound(raw);
      if (raw === undefined) continue;
      if (decoded?.kind === 'bound' && sameBinding(decoded.binding, bindingOf(owner))) continue;
      await this.store.delete(name);
    }
  }

  // One at a time: the keychain serializes anyway, and the file store rewrites the file per change.
  async #remove(profileId: string, kinds: readonly SecretKind[]): Promise<void> {
    for (const kind of kinds) await this.store.delete(account(profileId, kind));
  }
}

function idOf(who: Who): string {
  return typeof who === 'string' ? who : who.id;
}

function bindingOf(owner: SecretOwner): Binding {
  return { url: owner.url, username: owner.username };
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
