import { fingerprint } from '../audit/audit-log.js';
import type { Profile } from '../profiles/index.js';
import type { StoredToken } from '../secrets/index.js';
import type { SessionStatus } from '../session/session-state.js';
import type { Dialect } from '../thoughtspot/types.js';

/** A profile as the window shows it: settings plus where its session stands. */
export interface ProfileView extends Profile {
  isDefault: boolean;
  status: SessionStatus;
}

/** Token facts the window may show without holding the token itself. */
export interface TokenSummary {
  createdAt: number;
  expiresAt: number;
  username: string;
  dialect: Dialect;
  fingerprint: string;
  /** The org the token is for, when known: switching orgs means another token. */
  orgId?: number;
  orgName?: string;
}

export function tokenSummary(token: StoredToken): TokenSummary {
  return {
    createdAt: token.createdAt,
    expiresAt: token.expiresAt,
    username: token.username,
    dialect: token.dialect,
    fingerprint: fingerprint(token.token),
    ...(token.orgId !== undefined ? { orgId: token.orgId } : {}),
    ...(token.orgName !== undefined ? { orgName: token.orgName } : {}),
  };
}
