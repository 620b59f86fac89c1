import type { Dialect } from '../thoughtspot/types.js';

/** How a profile signs in: a password, a trusted-auth secret key, or a bearer token pasted in. */
export type AuthMethod = 'password' | 'secret-key' | 'token';

export const AUTH_METHODS: readonly AuthMethod[] = ['password', 'secret-key', 'token'];

/** Everything about a cluster identity except its secrets (those live in the keychain). */
export interface Profile {
  id: string;
  name: string;
  /** Normalized cluster URL: scheme, host, port, optional path prefix; no trailing slash. */
  url: string;
  username: string;
  auth: AuthMethod;
  org?: number;
  /** 'auto' detects the dialect and remembers it in `detectedDialect`. */
  dialect: 'auto' | Dialect;
  detectedDialect?: Dialect;
  tls: { caFile?: string; insecure: boolean };
  /** Lifetime asked for new tokens, seconds. */
  validitySeconds: number;
  autoRenew: boolean;
  createdAt: number;
  lastUsedAt?: number;
}

/** What a person fills in; everything else gets a default. */
export interface ProfileInput {
  name: string;
  url: string;
  username: string;
  auth?: AuthMethod;
  /** On an update, absent keeps the org and null clears it. */
  org?: number | null;
  dialect?: 'auto' | Dialect;
  tls?: { caFile?: string; insecure?: boolean };
  validitySeconds?: number;
  autoRenew?: boolean;
  /** Accept a URL typed without a scheme as https:// (only when the person said so). */
  assumeHttps?: boolean;
}

export const DEFAULT_VALIDITY_SECONDS = 3600;

/** The dialect to talk in: a fixed one, or the one detection found. */
export function effectiveDialect(profile: Profile): Dialect | undefined {
  return profile.dialect === 'auto' ? profile.detectedDialect : profile.dialect;
}
