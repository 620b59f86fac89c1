// Public types of the emulator. The client's tests depend on exactly these shapes.
import type { MintRecord, PersistedRules, ProvisionedView } from './tokens-for-users.js';

export type {
  FilterRule,
  MintRecord,
  NamedValues,
  PersistedRules,
  ProvisionedView,
} from './tokens-for-users.js';

/** A, B, C: the shapes of REST API v2; V1: REST API v1 (alone, an 8.x Software cluster). */
export type Dialect = 'A' | 'B' | 'C' | 'V1';

/**
 * How error bodies are shaped: `live` as 10.x clusters really answer (C nests the reason one level
 * deeper; every dialect JSON-encodes `debug` as an array of `Error Code: ...` strings), or
 * `documented` as the OpenAPI examples show them.
 */
export type ErrorEnvelope = 'live' | 'documented';

export interface EmulatorOrg {
  id: number;
  name: string;
}

export interface EmulatorUser {
  username: string;
  password: string;
  displayName: string;
  email: string;
  id?: string;
  privileges?: string[];
  orgs?: EmulatorOrg[];
  /** Password sign-in is refused for this user (secret-key sign-in still works). */
  mfa?: boolean;
  /** Every sign-in is refused for this user. */
  locked?: boolean;
  /** Right credentials, but every sign-in is refused with 403 (no API access), in every dialect. */
  forbidden?: boolean;
  accountType?: string;
  /**
   * No local password: password sign-in (API and the cluster's own page) is refused; the user
   * signs in through the IdP with `password`, which only the IdP's directory knows.
   */
  ssoOnly?: boolean;
  /** The IdP refuses this user after a right password ("Access denied"), as when the ThoughtSpot app is not assigned. */
  idpDenied?: boolean;
}

export interface EmulatorOptions {
  port?: number;
  host?: string;
  dialects?: Dialect[];
  validitySeconds?: number;
  latencyMs?: number;
  failRate?: number;
  ssoHtml?: boolean;
  tls?: boolean | { altNames?: string[] };
  users?: EmulatorUser[];
  /** Error body shape, default 'live'. */
  errorEnvelope?: ErrorEnvelope;
  /** Trusted-auth secret key, default 'demo-secret-key'. */
  secretKey?: string;
  /** Clock source; default is the emulator's own controllable clock over Date.now. */
  now?: () => number;
}

export interface RecordedRequest {
  method: string;
  /** Path without the query string (a query may carry secrets). */
  path: string;
  hasAuthorization: boolean;
  hasCookie: boolean;
  /** Top-level keys of a JSON object body; values are never recorded. */
  bodyKeys: string[];
}

export interface EmulatorClock {
  now(): number;
  advance(ms: number): void;
  set(ms: number): void;
}

export interface RunningEmulator {
  /** Base URL, no trailing slash. */
  url: string;
  /** The identity provider's base URL (its own origin), no trailing slash. */
  idpUrl: string;
  caFile?: string;
  caPem?: string;
  clock: EmulatorClock;
  requests: RecordedRequest[];
  /** Requests the identity provider got, recorded the same way (no query, no form values). */
  idpRequests: RecordedRequest[];
  /** Count of successful token issues (gettoken / token/full, object, custom) so far. */
  tokenRequests(): number;
  /** Revoke every token of a user, as an administrator elsewhere would. */
  revokeAll(username: string): void;
  /** Test-only: the rules custom tokens persisted for a user (REPLACE / APPEND), if any. */
  persistedRules(username: string): PersistedRules | undefined;
  /** Test-only: every token/full, object and custom request, without secret_key or password. */
  mintRequests(): MintRecord[];
  /** Test-only: a user as the cluster knows them (auto-created ones included), with groups. */
  userOf(username: string): ProvisionedView | undefined;
  close(): Promise<void>;
}
