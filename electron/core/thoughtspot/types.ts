/** The normalized vocabulary of the client: what every dialect's answers become. */

/** A, B, C: the three shapes of REST API v2; V1: REST API v1 (`/callosum/v1/tspublic/v1`). */
export type Dialect = 'A' | 'B' | 'C' | 'V1';

export const DIALECTS: readonly Dialect[] = ['A', 'B', 'C', 'V1'];

/** How the current session authenticates: a cookie jar from login, or a bearer token. */
export type SessionKind = 'cookie' | 'bearer';

export interface Org {
  id: number;
  name?: string;
}

export interface SessionInfo {
  username: string;
  displayName?: string;
  email?: string;
  userId?: string;
  privileges: string[];
  currentOrg?: Org;
  /** The cluster's account state, e.g. ACTIVE, LOCKED (upper-case as the cluster says it). */
  accountState?: string;
  kind: SessionKind;
  /** Absolute epoch ms when the session or token ends, when the cluster says. */
  expiresAt?: number;
  dialect: Dialect;
}

export interface IssuedToken {
  token: string;
  /** Absolute epoch ms. */
  createdAt: number;
  /** Absolute epoch ms. */
  expiresAt: number;
  username: string;
  userId?: string;
  orgId?: number;
  /** The org's name, when the one asking knew it (the cluster's token answers carry only the id). */
  orgName?: string;
  dialect: Dialect;
}

/** The result of asking the server whether a token is still alive (dialect C's validate). */
export interface TokenValidity {
  createdAt?: number;
  /** Absolute epoch ms, when the cluster says (A/B may not). */
  expiresAt?: number;
  userId?: string;
}

export type Credential =
  { kind: 'password'; password: string } | { kind: 'secretKey'; secretKey: string };

export interface LoginRequest {
  username: string;
  password: string;
  rememberMe?: boolean;
  /** Org to sign in to (dialects C and V1). */
  org?: number;
}

/** A cookie session from a trusted-auth secret key (REST API v1's way: no bearer token). */
export interface SecretKeyLoginRequest {
  username: string;
  secretKey: string;
  org?: number;
}

export interface TokenRequest {
  username: string;
  credential: Credential;
  /** How long the token should live, in seconds. */
  validitySeconds?: number;
  orgId?: number;
}
