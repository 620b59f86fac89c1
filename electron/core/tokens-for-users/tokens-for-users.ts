import * as v from 'valibot';
import { fingerprint, type AuditLog } from '../audit/audit-log.js';
import { AuthError, InputError, isAppError } from '../errors/index.js';
import { effectiveDialect, type Profile, type ProfileStore } from '../profiles/index.js';
import type { ProfileVault } from '../secrets/index.js';
import type { SessionManager } from '../session/index.js';
import { sessionLog, type SessionLog } from '../session/session-log.js';
import { hasControlCharacters } from '../text-checks.js';
import type {
  MintedToken,
  MintKind,
  MintTokenRequest,
  ThoughtSpotClient,
} from '../thoughtspot/index.js';
import { mintedMessage, revokedForMessage } from './mint-audit.js';
import { mintKind, parseMintRequest, type MintRequest } from './mint-request.js';

export interface TokensForUsersOptions {
  profiles: ProfileStore;
  vault: ProfileVault;
  /** Its cluster access (TLS, dialect) and, for revoking, the profile's own token. */
  manager: SessionManager;
  audit: AuditLog;
  now?: () => number;
}

/** What a token minted for another user is allowed, as the result shows it. */
export type MintScope =
  | { access: 'FULL' }
  | { access: 'OBJECT'; objectId: string }
  | {
      access: 'CUSTOM';
      persist: 'REPLACE' | 'APPEND';
      filterRules: NonNullable<MintRequest['filterRules']>;
      parameters: NonNullable<MintRequest['parameters']>;
      variables: NonNullable<MintRequest['variables']>;
    };

export interface MintResult {
  token: string;
  user: string;
  userId?: string;
  org?: { id: number; name?: string };
  createdAt: number;
  expiresAt: number;
  kind: MintedToken['kind'];
  scope: MintScope;
}

export const revokeForUserSchema = v.strictObject({
  user: v.pipe(v.string(), v.trim(), v.minLength(1, 'is empty'), v.maxLength(255)),
  token: v.optional(v.pipe(v.string(), v.trim(), v.regex(/^\S+$/, 'is not a token'))),
});
export type RevokeForUserRequest = v.InferOutput<typeof revokeForUserSchema>;

/** A token counts as the admin's live session only with this much time left. */
const MIN_LEFT_MS = 5_000;

/**
 * Tokens for the users of a secret-key profile's cluster (trusted authentication), and revoking
 * another user's tokens. Nothing minted is stored: the profile's own token and session stay.
 */
export class TokensForUsers {
  readonly #o: TokensForUsersOptions;
  readonly #log: SessionLog;
  readonly #now: () => number;

  constructor(options: TokensForUsersOptions) {
    this.#o = options;
    this.#log = sessionLog(options.audit);
    this.#now = options.now ?? Date.now;
  }

  /**
   * Mints for `input.user` with the profile's secret key from the keychain (only in the body).
   * `read` checks the input once the profile is known to mint (the window reads its own form).
   */
  async mint(
    profileId: string,
    input: unknown,
    read: (input: unknown) => MintRequest = parseMintRequest,
  ): Promise<MintResult> {
    const profile = this.#o.profiles.get(profileId);
    if (profile.auth !== 'secret-key') {
      throw new InputError(
        `"${profile.name}" signs in with ${profile.auth === 'password' ? 'a password' : profile.auth}; tokens for other users need a profile that signs in with the cluster's secret key`,
      );
    }
    const request = read(input);
    const kind = mintKind(request);
    const secretKey = await this.#o.vault.getSecretKey(profile);
    if (!secretKey) {
      throw new AuthError(
        'NOT_SIGNED_IN',
        `No secret key is kept for "${profile.name}" (the keychain keeps it while auto-renew is on); sign in again`,
      );
    }
    try {
      const client = await this.#o.manager.access.client(profile);
      const minted = await client.mintToken(wireRequest(request, kind, secretKey));
      this.#log(profile, 'minted', {
        fingerprint: fingerprint(minted.token),
        message: mintedMessage(request, kind),
      });
      return resultOf(minted, request);
    } catch (error) {
      throw this.#failed(profile, `minting for ${request.user}`, error);
    }
  }

  /**
   * Revokes every token of `input.user` (or one of theirs) with the profile's own session, which
   * must be an administrator's: its bearer token (renewed from the kept credential if needed),
   * else its cookie session. A secret key is no credential for revoking.
   */
  async revoke(profileId: string, input: unknown): Promise<void> {
    const profile = this.#o.profiles.get(profileId);
    const parsed = v.safeParse(revokeForUserSchema, input);
    if (!parsed.success) {
      const field = parsed.issues[0].path?.map((p) => String(p.key)).join('.') ?? 'request';
      throw new InputError(`${field}: ${parsed.issues[0].message}`);
    }
    const { user, token } = parsed.output;
    if (hasControlCharacters(user)) throw new InputError('user: contains control characters');
    try {
      const client = await this.#adminClient(profile);
      await client.revokeUserTokens(user, token);
    } catch (error) {
      throw this.#failed(profile, `revoking the tokens of ${user}`, error);
    }
    this.#log(profile, 'revoked', {
      ...(token !== undefined ? { fingerprint: fingerprint(token) } : {}),
      message: revokedForMessage(user, token !== undefined),
    });
  }

  async #adminClient(profile: Profile): Promise<ThoughtSpotClient> {
    const { vault, manager } = this.#o;
    const dialect = effectiveDialect(profile);
    const cached = await vault.getToken(
      profile,
      dialect ? { dialect, username: profile.username } : undefined,
    );
    const live = cached && cached.expiresAt - this.#now() > MIN_LEFT_MS ? cached : undefined;
    const cookies = live ? undefined : await vault.getCookies(profile);
    if (cookies) return manager.access.client(profile, { cookies });
    const token = live ?? (await manager.getToken(profile.id, { minTtlSeconds: 5 }));
    return manager.access.client(profile, {
      bearer: { token: token.token, expiresAt: token.expiresAt },
    });
  }

  #failed(profile: Profile, doing: string, error: unknown): unknown {
    if (isAppError(error))
      this.#log(profile, 'error', { code: error.code, message: `${doing}: ${error.message}` });
    return error;
  }
}

/** The checked request in the client's terms; the user is created when missing unless told not. */
function wireRequest(request: MintRequest, kind: MintKind, secretKey: string): MintTokenRequest {
  const wire: MintTokenRequest = {
    kind,
    username: request.user,
    secretKey,
    autoCreate: request.autoCreate ?? true,
  };
  if (request.validitySeconds !== undefined) wire.validitySeconds = request.validitySeconds;
  if (request.org !== undefined) wire.org = request.org;
  if (request.objectId !== undefined) wire.objectId = request.objectId;
  if (request.persist !== undefined) wire.persist = request.persist;
  if (request.filterRules) wire.filterRules = request.filterRules;
  if (request.parameters) wire.parameters = request.parameters;
  if (request.variables) wire.variables = request.variables;
  if (request.groups) wire.groups = request.groups;
  if (request.email !== undefined) wire.email = request.email;
  if (request.displayName !== undefined) wire.displayName = request.displayName;
  return wire;
}

function resultOf(minted: MintedToken, request: MintRequest): MintResult {
  const org = minted.org ?? (typeof request.org === 'number' ? { id: request.org } : undefined);
  const scope: MintScope =
    minted.kind === 'custom'
      ? {
          access: 'CUSTOM',
          persist: request.persist ?? 'REPLACE',
          filterRules: request.filterRules ?? [],
          parameters: request.parameters ?? [],
          variables: request.variables ?? [],
        }
      : minted.kind === 'object'
        ? { access: 'OBJECT', objectId: minted.objectId ?? request.objectId ?? '' }
        : { access: 'FULL' };
  return {
    token: minted.token,
    user: minted.username,
    ...(minted.userId !== undefined ? { userId: minted.userId } : {}),
    ...(org ? { org } : {}),
    createdAt: minted.createdAt,
    expiresAt: minted.expiresAt,
    kind: minted.kind,
    scope,
  };
}
