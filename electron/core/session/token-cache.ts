import { fingerprint } from '../audit/audit-log.js';
import type { Profile } from '../profiles/index.js';
import type { ProfileVault, StoredToken, TokenOwner } from '../secrets/index.js';
import type { IssuedToken } from '../thoughtspot/index.js';
import type { SessionLog } from './session-log.js';
import type { SessionStates } from './session-states.js';

export interface TokenCacheOptions {
  vault: ProfileVault;
  states: SessionStates;
  log: SessionLog;
}

/** Ask for a token valid at least this long unless told otherwise (seconds). */
export const DEFAULT_MIN_TTL_SECONDS = 60;

/**
 * The one rule for answering from the cache (the session manager and `tsm token`'s fast path):
 * the token must live at least `minTtlSeconds` more, else it is renewed.
 */
export function lastsLongEnough(
  token: StoredToken,
  now: number,
  minTtlSeconds: number = DEFAULT_MIN_TTL_SECONDS,
): boolean {
  return token.expiresAt - now >= minTtlSeconds * 1000;
}

/** Whom the profile's token entry must belong to; unknown until the dialect is. */
export function tokenOwner(profile: Profile): TokenOwner | undefined {
  const dialect = profile.dialect === 'auto' ? profile.detectedDialect : profile.dialect;
  return dialect ? { dialect, username: profile.username } : undefined;
}

/**
 * A profile's bearer token as the keychain keeps it: read for the profile's dialect and user,
 * stored with its audit line and status, deleted once however many callers ask at once.
 */
export class TokenCache {
  readonly #forgetting = new Map<string, Promise<void>>();

  constructor(private readonly options: TokenCacheOptions) {}

  async cached(profile: Profile): Promise<StoredToken | undefined> {
    return this.options.vault.getToken(profile, tokenOwner(profile));
  }

  async store(
    profile: Profile,
    action: 'issued' | 'renewed' | 'pasted',
    issued: IssuedToken | StoredToken,
  ): Promise<StoredToken> {
    const stored = toStored({ ...issued, username: issued.username || profile.username });
    await this.options.vault.setToken(profile, stored);
    this.options.log(profile, action, { fingerprint: fingerprint(stored.token), kind: 'bearer' });
    this.options.states.apply(profile.id, {
      type: 'signed-in',
      kind: 'bearer',
      expiresAt: stored.expiresAt,
    });
    return stored;
  }

  /**
   * Deletes the cached token once however many callers learn at the same moment that it is dead:
   * two concurrent deletes of one Secret Service item make the second fail (no such object).
   */
  forget(profileId: string): Promise<void> {
    const running = this.#forgetting.get(profileId);
    if (running) return running;
    const deletion = this.options.vault
      .deleteToken(profileId)
      .finally(() => this.#forgetting.delete(profileId));
    this.#forgetting.set(profileId, deletion);
    return deletion;
  }
}

function toStored(issued: IssuedToken): StoredToken {
  const stored: StoredToken = {
    token: issued.token,
    createdAt: issued.createdAt,
    expiresAt: issued.expiresAt,
    dialect: issued.dialect,
    username: issued.username,
  };
  if (issued.orgId !== undefined) stored.orgId = issued.orgId;
  if (issued.orgName !== undefined) stored.orgName = issued.orgName;
  return stored;
}
