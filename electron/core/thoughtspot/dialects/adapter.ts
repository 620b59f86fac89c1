import type { Operation, RequestContext } from '../classify.js';
import type { Answer, Auth } from '../http-session.js';
import type { MintedToken, MintTokenRequest } from '../mint-types.js';
import type {
  Dialect,
  IssuedToken,
  LoginRequest,
  SecretKeyLoginRequest,
  SessionInfo,
  TokenRequest,
  TokenValidity,
} from '../types.js';

export interface CallOptions {
  body?: unknown;
  /** A form-encoded body (REST API v1) instead of JSON. */
  form?: Record<string, string>;
  /** Per-call headers on top of the dialect's own (v1's one-time token wants text/plain). */
  headers?: Record<string, string>;
  expect?: 'json' | 'text';
  /** Secrets learned mid-operation (v1's one-time token), redacted like those sent. */
  secrets?: readonly string[];
  auth: Auth;
  operation: Operation;
  username?: string;
  credentialKind?: 'password' | 'secretKey';
}

/** What a dialect adapter may do: send a request to the cluster and read the clock. */
export interface Caller {
  send(method: 'GET' | 'POST' | 'PUT', path: string, options: CallOptions): Promise<Answer>;
  context(operation: Operation, username?: string): RequestContext;
  now(): number;
}

export interface LoginResult {
  username: string;
  expiresAt?: number;
}

/** Session info without the session kind, which only the client knows. */
export type DialectSessionInfo = Omit<SessionInfo, 'kind'>;

/** One dialect of ThoughtSpot's session API, turned into the normalized operations. */
export interface DialectAdapter {
  readonly dialect: Dialect;
  /** Where session info lives; also what detection probes, unauthenticated. */
  readonly sessionInfoPath: string;
  /** How this dialect's error bodies are nested (detection checks the shape, not just the status). */
  readonly errorShape: 'nested' | 'flat' | 'top-level';
  /** Headers sent on every call, detection's probe included (v1's CSRF header). */
  readonly headers?: Readonly<Record<string, string>>;
  readonly supportsSecretKey: boolean;
  /** False for REST API v1: it has cookie sessions only, so getToken always refuses. */
  readonly issuesTokens: boolean;
  login(call: Caller, request: LoginRequest): Promise<LoginResult>;
  getToken(call: Caller, request: TokenRequest): Promise<IssuedToken>;
  info(call: Caller, auth: Auth): Promise<DialectSessionInfo>;
  logout(call: Caller, auth: Auth): Promise<void>;
  /** Revokes `token`, or the bearer token in `auth` when none is named. */
  revoke(call: Caller, auth: Auth, token?: string): Promise<void>;
  validate(call: Caller, auth: Auth, token: string): Promise<TokenValidity>;
  /** The token behind a cookie session (dialect C only). */
  currentToken?(call: Caller, auth: Auth): Promise<IssuedToken>;
  /** A cookie session from a trusted-auth secret key (REST API v1). */
  loginWithSecretKey?(call: Caller, request: SecretKeyLoginRequest): Promise<LoginResult>;
  /** The cluster's word on whether the cookie session still lives, without reading user info. */
  isActive?(call: Caller, auth: Auth): Promise<boolean>;
  /** A token for another user by trusted authentication (dialect C only). */
  mint?(call: Caller, request: MintTokenRequest): Promise<MintedToken>;
  /** Revokes every token of `user`, or only `token` of theirs, with the caller's session (C only). */
  revokeForUser?(call: Caller, auth: Auth, user: string, token?: string): Promise<void>;
}
