import { InputError, KeychainError } from '../errors/index.js';
import { DIALECTS, type Dialect } from '../thoughtspot/types.js';

/** The bearer token kept for a profile, as the keychain entry `<profileId>/token` holds it. */
export interface StoredToken {
  token: string;
  /** Absolute epoch ms. */
  createdAt: number;
  /** Absolute epoch ms; 0 when unknown (a migrated entry), which reads as expired. */
  expiresAt: number;
  dialect: Dialect;
  username: string;
  /** The org the token was issued for; a token is for one org. */
  orgId?: number;
  /** That org's name, when it was known at issue (an org switch knows it). */
  orgName?: string;
}

/** Who a token entry from before v2 belongs to: v1 stored the bare token string and nothing else. */
export interface TokenOwner {
  dialect: Dialect;
  username: string;
}

export const TOKEN_FORMAT = 2;

export type DecodedToken =
  { kind: 'current'; token: StoredToken } | { kind: 'legacy'; token: string };

export function encodeToken(token: StoredToken): string {
  if (!isStoredToken(token)) throw new InputError('A token to store needs all of its fields');
  return JSON.stringify({ v: TOKEN_FORMAT, ...known(token) });
}

/**
 * Reads an entry of any version. v1 (a bare string, never JSON) comes back as `legacy`; a
 * newer `v` or fields of the wrong type are reported as CORRUPT and never returned.
 */
export function decodeToken(raw: string, profileId: string): DecodedToken {
  if (!raw.startsWith('{')) return { kind: 'legacy', token: raw };
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw damaged(profileId, 'it is not valid JSON');
  }
  const version = (parsed as { v?: unknown }).v;
  if (typeof version === 'number' && version > TOKEN_FORMAT) {
    throw new KeychainError(
      'CORRUPT',
      `The token stored for profile ${profileId} was written by a newer version of the app ` +
        `(format v${version}); update the app, or sign in again to replace it`,
    );
  }
  if (version !== TOKEN_FORMAT) throw damaged(profileId, 'its format version is unknown');
  const { v: _v, ...fields } = parsed as Record<string, unknown>;
  if (!isStoredToken(fields)) throw damaged(profileId, 'a field is missing or of the wrong type');
  return { kind: 'current', token: known(fields) };
}

/** Only the fields this version knows, so nothing unexpected travels on. */
function known(token: StoredToken): StoredToken {
  const { token: value, createdAt, expiresAt, dialect, username, orgId, orgName } = token;
  const org = orgId === undefined ? {} : { orgId };
  const name = orgName === undefined ? {} : { orgName };
  return { token: value, createdAt, expiresAt, dialect, username, ...org, ...name };
}

/**
 * v1 → v2: the owner comes from the profile; the expiry was never stored, so it is set to 0
 * (expired) and the session manager renews the token on next use. The token itself is kept so
 * that it can still be revoked then.
 */
export function migrateLegacyToken(token: string, owner: TokenOwner): StoredToken {
  return { token, createdAt: 0, expiresAt: 0, dialect: owner.dialect, username: owner.username };
}

function damaged(profileId: string, reason: string): KeychainError {
  return new KeychainError(
    'CORRUPT',
    `The token stored for profile ${profileId} is damaged (${reason}); sign in again to replace it`,
  );
}

function isStoredToken(value: unknown): value is StoredToken {
  if (typeof value !== 'object' || value === null) return false;
  const t = value as Record<string, unknown>;
  return (
    typeof t.token === 'string' &&
    t.token.length > 0 &&
    isTime(t.createdAt) &&
    isTime(t.expiresAt) &&
    typeof t.dialect === 'string' &&
    (DIALECTS as readonly string[]).includes(t.dialect) &&
    typeof t.username === 'string' &&
    (t.orgId === undefined || Number.isInteger(t.orgId)) &&
    (t.orgName === undefined || typeof t.orgName === 'string')
  );
}

function isTime(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0;
}
