import * as v from 'valibot';
import { DIALECTS, type Dialect } from '../thoughtspot/types.js';

/**
 * How a profile signs in: a password, a trusted-auth secret key, a bearer token pasted in, or in a
 * browser: SAML or OIDC single sign-on, or the cluster's own sign-in page (multi-factor, IAMv2).
 */
export const AUTH_METHODS = ['password', 'secret-key', 'token', 'saml', 'oidc', 'browser'] as const;
export type AuthMethod = (typeof AUTH_METHODS)[number];

/** The ways of signing in that happen in a browser window; the cluster then holds the session. */
export const BROWSER_AUTH_METHODS = ['saml', 'oidc', 'browser'] as const;
export type BrowserAuthMethod = (typeof BROWSER_AUTH_METHODS)[number];

export function signsInThroughBrowser(auth: AuthMethod): auth is BrowserAuthMethod {
  return (BROWSER_AUTH_METHODS as readonly string[]).includes(auth);
}

/** A profile's id as a caller may name it: short, and nothing a path or a header could abuse. */
export const profileIdSchema = v.pipe(
  v.string(),
  v.minLength(1),
  v.maxLength(64),
  v.regex(/^[\w-]+$/, 'is not a profile id'),
);

/** Everything about a cluster identity except its secrets (those live in the keychain). */
export interface Profile {
  id: string;
  name: string;
  /** Normalized cluster URL: scheme, host, port, optional path prefix; no trailing slash. */
  url: string;
  /** Empty for a browser sign-in profile until the cluster has said who signed in. */
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

const short = (max: number) => v.pipe(v.string(), v.maxLength(max));

/**
 * What a person fills in (the editor, the CLI, an import); everything else gets a default. Only
 * the shape and rough sizes are checked here; buildProfile checks meaning (URL, names, orgs).
 */
export const profileInputSchema = v.strictObject({
  name: short(200),
  url: short(4096),
  username: short(1024),
  auth: v.optional(v.picklist(AUTH_METHODS)),
  /** On an update, absent keeps the org and null clears it. */
  org: v.optional(v.nullable(v.pipe(v.number(), v.integer()))),
  dialect: v.optional(v.picklist(['auto', ...DIALECTS])),
  tls: v.optional(
    v.strictObject({ caFile: v.optional(short(4096)), insecure: v.optional(v.boolean()) }),
  ),
  validitySeconds: v.optional(v.pipe(v.number(), v.integer())),
  autoRenew: v.optional(v.boolean()),
  /** Accept a URL typed without a scheme as https:// (only when the person said so). */
  assumeHttps: v.optional(v.boolean()),
});

export type ProfileInput = v.InferOutput<typeof profileInputSchema>;

export const DEFAULT_VALIDITY_SECONDS = 3600;

/** The dialect to talk in: a fixed one, or the one detection found. */
export function effectiveDialect(profile: Profile): Dialect | undefined {
  return profile.dialect === 'auto' ? profile.detectedDialect : profile.dialect;
}
