import type { CookieJar } from 'tough-cookie';
import { InputError, ResponseError, isAppError } from '../errors/index.js';
import { hasControlCharacters } from '../text-checks.js';
import { parseClusterUrl, type ClusterAddress } from './cluster-url.js';
import { createCookieJar, restoreCookieJar, serializeCookieJar } from './cookie-jar.js';
import {
  adapterFor,
  V1_NO_TOKENS,
  type Caller,
  type DialectAdapter,
  type LoginResult,
} from './dialects/index.js';
import { listOrgs, switchOrgCookieSession, type OrgList } from './dialects/orgs.js';
import { openHttp, type ConnectionOptions } from './connection.js';
import type { Auth, HttpSession } from './http-session.js';
import type { MintedToken, MintTokenRequest } from './mint-types.js';
import type {
  Dialect,
  IssuedToken,
  LoginRequest,
  SecretKeyLoginRequest,
  SessionInfo,
  SessionKind,
  TokenRequest,
  TokenValidity,
} from './types.js';

export interface ClientOptions extends ConnectionOptions {
  now?: () => number;
  dialect: Dialect;
  /** The profile's cookie session: a jar, or its serialized form from the keychain. */
  cookies?: CookieJar | string;
  /** Resume a bearer session with a stored token. */
  bearer?: { token: string; expiresAt?: number };
}

export interface CallSignal {
  signal?: AbortSignal;
}

/**
 * One profile's conversation with one cluster in one dialect: the five session operations, with
 * the session (cookie jar or bearer token) kept between them.
 */
export class ThoughtSpotClient {
  readonly dialect: Dialect;
  readonly origin: string;
  readonly #adapter: DialectAdapter;
  readonly #address: ClusterAddress;
  readonly #http: HttpSession;
  readonly #jar: CookieJar;
  readonly #now: () => number;
  #auth: Auth = { kind: 'none' };
  #bearerExpiresAt: number | undefined;

  constructor(options: ClientOptions) {
    this.dialect = options.dialect;
    this.#adapter = adapterFor(options.dialect);
    this.#address = parseClusterUrl(options.baseUrl);
    this.origin = this.#address.origin;
    this.#jar =
      typeof options.cookies === 'string'
        ? restoreCookieJar(options.cookies)
        : (options.cookies ?? createCookieJar());
    this.#http = openHttp(options, this.#address, this.#jar);
    this.#now = options.now ?? Date.now;
    if (options.bearer) this.useBearer(options.bearer.token, options.bearer.expiresAt);
    else if (options.cookies !== undefined) this.#auth = { kind: 'cookie' };
  }

  /** How the session authenticates now, or undefined when signed out. */
  get sessionKind(): SessionKind | undefined {
    return this.#auth.kind === 'none' ? undefined : this.#auth.kind;
  }

  get supportsSecretKey(): boolean {
    return this.#adapter.supportsSecretKey;
  }

  /** False for REST API v1: every sign-in there is a cookie session, and scripts get the cookie. */
  get issuesTokens(): boolean {
    return this.#adapter.issuesTokens;
  }

  /** Use a token from elsewhere (the keychain, a pasted token) for the following calls. */
  useBearer(token: string, expiresAt?: number): void {
    if (!token.trim()) throw new InputError('The token is empty');
    if (/\s/.test(token) || hasControlCharacters(token))
      throw new InputError('The token contains spaces or control characters');
    this.#auth = { kind: 'bearer', token };
    this.#bearerExpiresAt = expiresAt;
  }

  /** The cookie session in a form the keychain can hold (it is a secret). */
  serializeCookies(): string {
    return serializeCookieJar(this.#jar);
  }

  /** Cookie sign-in; on success the following calls use the cluster's session cookie. */
  async login(request: LoginRequest, options: CallSignal = {}): Promise<LoginResult> {
    checkUsername(request.username);
    if (!request.password) throw new InputError('The password is empty');
    const result = await this.#adapter.login(this.#caller(options, [request.password]), request);
    this.#auth = { kind: 'cookie' };
    this.#bearerExpiresAt = undefined;
    return result;
  }

  /** Cookie sign-in with a trusted-auth secret key (REST API v1: a one-time token, exchanged). */
  async loginWithSecretKey(
    request: SecretKeyLoginRequest,
    options: CallSignal = {},
  ): Promise<LoginResult> {
    checkUsername(request.username);
    if (!request.secretKey) throw new InputError('The secret key is empty');
    if (!this.#adapter.loginWithSecretKey) {
      throw new InputError(
        `Dialect ${this.dialect} turns a secret key into a token, not a cookie session; use Get token`,
      );
    }
    const call = this.#caller(options, [request.secretKey]);
    const result = await this.#adapter.loginWithSecretKey(call, request);
    this.#auth = { kind: 'cookie' };
    this.#bearerExpiresAt = undefined;
    return result;
  }

  /** Bearer sign-in by password or trusted-auth secret key; the new token is used from now on. */
  async getToken(request: TokenRequest, options: CallSignal = {}): Promise<IssuedToken> {
    checkUsername(request.username);
    const secret =
      request.credential.kind === 'password'
        ? request.credential.password
        : request.credential.secretKey;
    if (!secret) {
      throw new InputError(
        request.credential.kind === 'password'
          ? 'The password is empty'
          : 'The secret key is empty',
      );
    }
    if (request.credential.kind === 'secretKey' && !this.#adapter.supportsSecretKey) {
      throw new InputError(
        `Dialect ${this.dialect} has no trusted authentication; use a password, or a cluster dialect (B or C) that has it`,
      );
    }
    if (request.validitySeconds !== undefined) checkValidity(request.validitySeconds);
    const token = usable(
      await this.#adapter.getToken(this.#caller(options, [secret]), request),
      this.origin,
    );
    this.useBearer(token.token, token.expiresAt);
    return token;
  }

  /** Who the session belongs to, as the cluster sees it now. */
  async info(options: CallSignal = {}): Promise<SessionInfo> {
    const kind = this.#requireSession();
    const info = await this.#adapter.info(this.#caller(options), this.#auth);
    const expiresAt = info.expiresAt ?? (kind === 'bearer' ? this.#bearerExpiresAt : undefined);
    return { ...info, kind, ...(expiresAt !== undefined ? { expiresAt } : {}) };
  }

  /** Ends the session at the cluster and forgets it here (cookies and bearer token). */
  async logout(options: CallSignal = {}): Promise<void> {
    try {
      await this.#adapter.logout(this.#caller(options), this.#auth);
    } finally {
      this.#forget();
    }
  }

  /** Revokes `token`, or the session's own bearer token (which is then forgotten). */
  async revoke(token?: string, options: CallSignal = {}): Promise<void> {
    const own = token === undefined || (this.#auth.kind === 'bearer' && this.#auth.token === token);
    if (own) this.#requireSession();
    await this.#adapter.revoke(this.#caller(options, token ? [token] : []), this.#auth, token);
    if (own && this.#auth.kind === 'bearer') this.#forget();
  }

  /** The cluster's word on whether a token (by default the session's own) is alive. */
  async validate(token?: string, options: CallSignal = {}): Promise<TokenValidity> {
    const subject = token ?? (this.#auth.kind === 'bearer' ? this.#auth.token : undefined);
    if (subject === undefined)
      throw new InputError('There is no token to validate; get a token first');
    const auth: Auth = this.#auth.kind === 'none' ? { kind: 'bearer', token: subject } : this.#auth;
    return this.#adapter.validate(this.#caller(options, [subject]), auth, subject);
  }

  /**
   * Whether the cluster still keeps the session: its keep-alive where the dialect has one (v1),
   * else session info answering at all.
   */
  async isActive(options: CallSignal = {}): Promise<boolean> {
    this.#requireSession();
    if (this.#adapter.isActive) return this.#adapter.isActive(this.#caller(options), this.#auth);
    try {
      await this.info(options);
      return true;
    } catch (error) {
      if (isAppError(error) && ENDED.includes(error.code)) return false;
      throw error;
    }
  }

  /** The bearer token behind the cookie session (dialect C), e.g. to hand to a script. */
  async currentToken(options: CallSignal = {}): Promise<IssuedToken> {
    if (!this.#adapter.issuesTokens) throw new InputError(V1_NO_TOKENS);
    if (!this.#adapter.currentToken) {
      throw new InputError(
        `Dialect ${this.dialect} cannot turn a cookie session into a token; use Get token instead`,
      );
    }
    this.#requireSession();
    return usable(await this.#adapter.currentToken(this.#caller(options), this.#auth), this.origin);
  }

  /**
   * A token for another user by trusted authentication (dialect C). This client's own session is
   * neither used nor changed: the secret key, in the body, is the credential.
   */
  async mintToken(request: MintTokenRequest, options: CallSignal = {}): Promise<MintedToken> {
    checkUsername(request.username);
    if (!request.secretKey) throw new InputError('The secret key is empty');
    if (!this.#adapter.mint) {
      throw new InputError(
        `Dialect ${this.dialect} cannot mint tokens for other users; that needs /api/rest/2.0 (dialect C)`,
      );
    }
    if (request.validitySeconds !== undefined) checkValidity(request.validitySeconds);
    const call = this.#caller(options, [request.secretKey]);
    return usable(await this.#adapter.mint(call, request), this.origin);
  }

  /** Revokes every token of `user` (or only `token` of theirs) with this session: an admin's. */
  async revokeUserTokens(user: string, token?: string, options: CallSignal = {}): Promise<void> {
    checkUsername(user);
    if (!this.#adapter.revokeForUser) {
      throw new InputError(
        `Dialect ${this.dialect} cannot revoke another user's tokens; that needs /api/rest/2.0 (dialect C)`,
      );
    }
    this.#requireSession();
    const call = this.#caller(options, token ? [token] : []);
    await this.#adapter.revokeForUser(call, this.#auth, user, token);
  }

  /** The orgs the signed-in user may enter and the session's own (dialects C and V1). */
  async listOrgs(options: CallSignal = {}): Promise<OrgList> {
    this.#requireSession();
    return listOrgs(this.#caller(options), this.#auth, this.dialect);
  }

  /** Moves the cookie session to org `orgId` in place (v1's call, which every cluster serves). */
  async switchOrgCookieSession(orgId: number, options: CallSignal = {}): Promise<void> {
    if (this.#auth.kind !== 'cookie') {
      throw new InputError('Only a cookie session moves to another org; a token is for one org');
    }
    await switchOrgCookieSession(this.#caller(options), orgId);
  }

  #requireSession(): SessionKind {
    if (this.#auth.kind === 'none') {
      throw new InputError(`Not signed in to ${this.origin}; sign in first`);
    }
    return this.#auth.kind;
  }

  #forget(): void {
    this.#auth = { kind: 'none' };
    this.#bearerExpiresAt = undefined;
    this.#jar.removeAllCookiesSync();
  }

  #caller(options: CallSignal, secrets: string[] = []): Caller {
    const known = this.#auth.kind === 'bearer' ? [...secrets, this.#auth.token] : secrets;
    const { prefix, origin } = this.#address;
    const context: Caller['context'] = (operation, username) => ({
      operation,
      origin,
      ...(username ? { username } : {}),
      secrets: known,
    });
    return {
      context,
      now: this.#now,
      send: (method, path, call) =>
        this.#http.send({
          method,
          path: prefix + path,
          auth: call.auth,
          ...(call.body !== undefined ? { body: call.body } : {}),
          ...(call.form !== undefined ? { form: call.form } : {}),
          ...(call.expect !== undefined ? { expect: call.expect } : {}),
          headers: { ...this.#adapter.headers, ...call.headers },
          signal: options.signal,
          context: {
            ...context(call.operation, call.username),
            secrets: [...known, ...(call.secrets ?? [])],
            ...(call.credentialKind ? { credentialKind: call.credentialKind } : {}),
          },
        }),
    };
  }
}

const MAX_USERNAME = 256;
/** What a cluster says about a session that is gone. */
const ENDED: readonly string[] = ['NOT_SIGNED_IN', 'TOKEN_EXPIRED', 'TOKEN_REVOKED'];

/** A token that could not go back in an Authorization header is the cluster's fault, not the person's. */
function usable<T extends { token: string }>(token: T, origin: string): T {
  if (/\s/.test(token.token) || hasControlCharacters(token.token)) {
    throw new ResponseError(
      'UNEXPECTED_RESPONSE',
      `${origin} issued a token with spaces or control characters; it cannot be used`,
      { url: origin },
    );
  }
  return token;
}

function checkUsername(username: string): void {
  if (!username.trim()) throw new InputError('The username is empty');
  if (username.length > MAX_USERNAME)
    throw new InputError(`The username is longer than ${MAX_USERNAME} characters`);
  if (hasControlCharacters(username))
    throw new InputError('The username contains control characters');
}

function checkValidity(seconds: number): void {
  if (!Number.isInteger(seconds) || seconds < 1 || seconds > 365 * 24 * 3600) {
    throw new InputError('Token validity must be a whole number of seconds between 1 and 31536000');
  }
}
