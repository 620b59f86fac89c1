import { fingerprint, type AuditLog, type AuditOperation } from '../audit/audit-log.js';
import { logProfileChange } from '../audit/profile-changes.js';
import { InputError, isAppError } from '../errors/index.js';
import type { Profile, ProfileStore } from '../profiles/index.js';
import type { ProfileVault, StoredToken } from '../secrets/index.js';
import type { SessionInfo, ThoughtSpotClient } from '../thoughtspot/index.js';
import type { BrowserSignIn } from '../browser-sign-in/port.js';
import type { BrowserSignInOptions, BrowserSignInResult } from './browser-session.js';
import { BrowserSignIns } from './browser-sign-ins.js';
import { ClusterAccess, type FetchFactory } from './cluster-access.js';
import { forgetMovedSecrets, MOVED_MESSAGE } from './forget-moved.js';
import { signOutAtCluster, unlessForeign, type ClusterSignOut } from './cluster-sign-out.js';
import { sessionLog, type SessionLog } from './session-log.js';
import { judgeAnswer } from './judge-answer.js';
import { revokeAtCluster, stillHeld, storedSessionClient } from './stored-session-client.js';
import { problemOf, type SessionState, type SessionStatus } from './session-state.js';
import { SessionStates, type SessionChange } from './session-states.js';
import { saveAccepted, signInWith, type SignInContext, type SignInRequest } from './sign-in.js';
import { DEFAULT_MIN_TTL_SECONDS, lastsLongEnough, TokenCache } from './token-cache.js';
import { keepMinTtl, TokenRenewal } from './token-renewal.js';

export interface SessionManagerOptions {
  profiles: ProfileStore;
  vault: ProfileVault;
  audit: AuditLog;
  configDir: string;
  fetchFor?: FetchFactory;
  now?: () => number;
  timeoutMs?: number;
  /** How long before expiry "expiring soon" is announced (default 2 minutes). */
  expiringLeadMs?: number;
  /** Run expiry timers (the app); the CLI evaluates expiry when asked instead. */
  timers?: boolean;
  /** Ask the server about live sessions this often (ms); off when absent. */
  validateEveryMs?: number;
  /** The host's browser for SAML, OIDC and the cluster's own sign-in page. */
  browser?: BrowserSignIn;
}

export type { SessionChange, SignInRequest };

export { DEFAULT_MIN_TTL_SECONDS };
const DEFAULT_LEAD_MS = 2 * 60_000;

/**
 * Every profile's session: one state machine each, tokens cached in the keychain, renewal shared
 * by concurrent callers in this process (single flight) and across processes (a lock file), and
 * every change announced to subscribers (window, tray) and written to the audit log.
 */
export class SessionManager {
  readonly access: ClusterAccess;
  readonly #o: SessionManagerOptions;
  readonly #now: () => number;
  readonly #leadMs: number;
  readonly #states: SessionStates;
  readonly #log: SessionLog;
  readonly #tokens: TokenCache;
  readonly #signInContext: SignInContext;
  readonly #renewal: TokenRenewal;
  readonly #browserSignIns: BrowserSignIns;
  readonly #validator: ReturnType<typeof setInterval> | undefined;
  readonly #unwatchProfiles: () => void;

  constructor(options: SessionManagerOptions) {
    this.#o = options;
    this.#now = options.now ?? Date.now;
    this.#leadMs = options.expiringLeadMs ?? DEFAULT_LEAD_MS;
    this.access = new ClusterAccess({
      profiles: options.profiles,
      now: this.#now,
      ...(options.fetchFor ? { fetchFor: options.fetchFor } : {}),
      ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
    });
    this.#states = new SessionStates(this.#now, this.#leadMs, options.timers === true);
    this.#log = sessionLog(options.audit);
    this.#tokens = new TokenCache({ vault: options.vault, states: this.#states, log: this.#log });
    this.#signInContext = {
      vault: options.vault,
      tokens: this.#tokens,
      states: this.#states,
      log: this.#log,
      now: this.#now,
    };
    this.#renewal = new TokenRenewal({
      access: this.access,
      vault: options.vault,
      tokens: this.#tokens,
      states: this.#states,
      now: this.#now,
      configDir: options.configDir,
      timeoutMs: options.timeoutMs,
      refuseWhileBusy: (profile, busy) => this.#refuseWhileBusy(profile, busy),
      fail: (profile, error, back) => this.#fail(profile, error, 'renew', back),
    });
    this.#browserSignIns = new BrowserSignIns({
      context: { ...this.#signInContext, access: this.access, profiles: options.profiles },
      port: options.browser,
      restore: (profileId) => this.restore(profileId),
      fail: (profile, error, back) => this.#fail(profile, error, 'sign-in', back),
      refuseWhileBusy: (profile, busy) => this.#refuseWhileBusy(profile, busy),
    });
    // Whoever edits the profile (window, CLI, demo reset), secrets for the old cluster go with it,
    // and a sign-in still open for it ends.
    this.#unwatchProfiles = options.profiles.onIdentityChange((profile) => {
      this.#browserSignIns.profileChanged(profile);
      return this.#forgetMoved(profile);
    });
    if (options.validateEveryMs) {
      this.#validator = setInterval(() => void this.validateAll(), options.validateEveryMs);
      this.#validator.unref();
    }
  }

  status(profileId: string): SessionStatus {
    return this.#states.status(profileId);
  }

  subscribe(listener: (change: SessionChange) => void): () => void {
    return this.#states.subscribe(listener);
  }

  /** Reads what the keychain holds for a profile and derives its status (no network). */
  async restore(profileId: string): Promise<SessionStatus> {
    const profile = this.#o.profiles.get(profileId);
    const before = this.#states.status(profile.id);
    const token = await this.#tokens.cached(profile);
    const status = token
      ? this.#states.apply(profile.id, {
          type: 'signed-in',
          kind: 'bearer',
          expiresAt: token.expiresAt,
        })
      : (await this.#o.vault.getCookies(profile))
        ? this.#states.apply(profile.id, { type: 'signed-in', kind: 'cookie' })
        : this.#states.apply(profile.id, { type: 'signed-out' });
    // The keychain holds what it held: the reason the last attempt failed still stands.
    const problem = problemOf(before);
    if (!problem || status.state !== before.state) return status;
    return this.#states.apply(profile.id, { type: 'failed', ...problem, back: status });
  }

  async signIn(profileId: string, request: SignInRequest): Promise<SessionStatus> {
    const saved = this.#o.profiles.get(profileId);
    const typed = request.saveOnSuccess?.username?.trim();
    if (typed === '') throw new InputError('The username is empty');
    const org = request.saveOnSuccess?.org;
    const change = { username: typed, auth: request.saveOnSuccess?.auth, org };
    // Signed in as the user typed (to the org asked); the profile keeps them once the cluster agreed.
    const profile = {
      ...saved,
      ...(typed ? { username: typed } : {}),
      ...(org !== undefined ? { org } : {}),
    };
    this.#refuseWhileBusy(profile, ['signing-in', 'renewing']);
    // A failed sign-in leaves the session as it was (signed out stays signed out), with the reason.
    const before = this.status(profile.id);
    // Checked before any network: a pasted token with spaces is a paste accident, not a token.
    if (request.method === 'token' && !/^\S+$/.test(request.token.trim())) {
      throw new InputError('The token must not contain spaces or line breaks');
    }
    this.#states.apply(profile.id, { type: 'begin-sign-in' });
    try {
      const client = await this.access.client(profile);
      const status = await signInWith(this.#signInContext, profile, client, request, () =>
        saveAccepted(this.#o.profiles, saved, change),
      );
      // Recency orders the tray; once a minute is enough, and spares a settings write per sign-in.
      if (this.#now() - (profile.lastUsedAt ?? 0) > 60_000) {
        await this.#o.profiles.note(profile.id, { lastUsedAt: this.#now() });
      }
      return status;
    } catch (error) {
      throw this.#fail(profile, error, 'sign-in', before);
    }
  }

  /**
   * Signs in through the host's browser (SAML, OIDC, the cluster's own page): waits for the person,
   * then keeps the cluster's session. A second call for the same profile joins the first.
   */
  signInThroughBrowser(
    profileId: string,
    options: BrowserSignInOptions = {},
  ): Promise<BrowserSignInResult> {
    return this.#browserSignIns.signIn(this.#o.profiles.get(profileId), options);
  }

  /** Ends a browser sign-in under way; says whether there was one. */
  cancelBrowserSignIn(profileId: string): boolean {
    return this.#browserSignIns.cancel(this.#o.profiles.get(profileId).id);
  }

  /**
   * A token valid for at least `minTtlSeconds`: the cached one, or a renewed one when the profile
   * allows it. Concurrent callers here share one request; other processes wait on the lock file
   * and then find the token this one stored.
   */
  async getToken(
    profileId: string,
    options: { minTtlSeconds?: number } = {},
  ): Promise<StoredToken> {
    const profile = this.#o.profiles.get(profileId);
    const minTtlMs = (options.minTtlSeconds ?? DEFAULT_MIN_TTL_SECONDS) * 1000;
    const cached = await this.#tokens.cached(profile);
    if (cached && lastsLongEnough(cached, this.#now(), options.minTtlSeconds)) return cached;
    if (!this.#states.known(profile.id)) await this.restore(profile.id);
    const token = await this.#renewal.renew(profile, minTtlMs);
    if (options.minTtlSeconds !== undefined)
      keepMinTtl(profile, token.expiresAt - this.#now(), options.minTtlSeconds);
    return token;
  }

  /** Renews now, whatever the cached token's time left. */
  async renew(profileId: string): Promise<StoredToken> {
    const profile = await this.#loaded(profileId);
    return this.#renewal.renew(profile, Number.POSITIVE_INFINITY);
  }

  /** Who is signed in, as the cluster sees it now. */
  async info(profileId: string): Promise<SessionInfo> {
    const profile = await this.#loaded(profileId);
    let asked: string | undefined;
    try {
      const { client, secret } = await this.#sessionClient(profile);
      asked = secret;
      return await client.info();
    } catch (error) {
      throw await judgeAnswer(this.#signInContext, profile, error, asked);
    }
  }

  /** Server truth: is the stored session still alive? Updates the status either way. */
  async validate(profileId: string): Promise<SessionStatus> {
    const profile = await this.#loaded(profileId);
    let asked: string | undefined;
    try {
      const token = await this.#tokens.cached(profile);
      const { client, secret } = await this.#sessionClient(profile);
      asked = secret;
      if (token) {
        const validity = await client.validate();
        // A sign-out or a new sign-in meanwhile: the answer is about a session no longer here.
        if (!(await stillHeld(this.#o.vault, this.#tokens, profile, secret)))
          return this.status(profile.id);
        const expiresAt = validity.expiresAt ?? token.expiresAt;
        if (expiresAt !== token.expiresAt)
          await this.#o.vault.setToken(profile, { ...token, expiresAt });
        this.#log(profile, 'validated', { fingerprint: fingerprint(token.token), kind: 'bearer' });
        return this.#states.apply(profile.id, { type: 'signed-in', kind: 'bearer', expiresAt });
      }
      // Dialects A and B say when a cookie session ends: keep it, so its expiry is still announced
      // (a time already past cannot be right about a session the cluster just accepted).
      const { expiresAt } = await client.info();
      if (!(await stillHeld(this.#o.vault, this.#tokens, profile, secret)))
        return this.status(profile.id);
      this.#log(profile, 'validated', { kind: 'cookie' });
      return this.#states.apply(profile.id, {
        type: 'signed-in',
        kind: 'cookie',
        ...(expiresAt !== undefined && expiresAt > this.#now() ? { expiresAt } : {}),
      });
    } catch (error) {
      throw await judgeAnswer(this.#signInContext, profile, error, asked);
    }
  }

  async validateAll(): Promise<void> {
    for (const [profileId, status] of this.#states.entries()) {
      if (status.state === 'signed-in' || status.state === 'expiring-soon') {
        await this.validate(profileId).catch(() => undefined);
      }
    }
  }

  /** Revokes the stored token at the cluster, then forgets it here (see the comment below). */
  async revoke(profileId: string): Promise<void> {
    const profile = await this.#loaded(profileId);
    const token = await this.#tokens.cached(profile);
    if (!token) throw new InputError(`"${profile.name}" has no token to revoke`);
    try {
      await revokeAtCluster(await this.access.client(profile, { bearer: { token: token.token } }));
    } catch (error) {
      throw this.#fail(profile, error, 'revoke');
    }
    // Not begun beside the request (as sign-out's is): a crash or failed put-back would drop the
    // one handle on a live token, and a `tsm` renewal in the gap would be overwritten.
    await this.#tokens.forget(profile.id);
    this.#log(profile, 'revoked', { fingerprint: fingerprint(token.token) });
    // Lenient: a second revoke running at the same time (tray and window) finds it revoked already.
    this.#states.apply(profile.id, { type: 'revoked' }, true);
  }

  /**
   * Ends the cookie session at the cluster (when there is one) and forgets every secret of the
   * profile here, so nothing renews silently afterwards. Says whether the cluster was told.
   */
  async signOut(profileId: string): Promise<{ cluster: ClusterSignOut }> {
    const profile = await this.#loaded(profileId);
    // Secrets given for another cluster or user are forgotten by the reads, not sent there.
    const cookies = await unlessForeign(this.#o.vault.getCookies(profile));
    const token = await unlessForeign(this.#tokens.cached(profile));
    // Both halves at once (the cluster's answer is not needed to forget here); both have
    // finished, and a keychain failure is thrown, before the answer.
    const forgetting = this.#o.vault.removeProfile(profile.id);
    forgetting.catch(() => undefined); // awaited below, once the cluster has answered
    const cluster = await signOutAtCluster(
      this.access,
      profile,
      { liveToken: token && token.expiresAt > this.#now() ? token : undefined, cookies },
      (revoked) => this.#log(profile, 'revoked', { fingerprint: fingerprint(revoked.token) }),
    );
    await forgetting;
    this.#log(profile, 'signed-out', {});
    this.#states.apply(profile.id, { type: 'signed-out' });
    return { cluster };
  }

  /** Removes a profile and everything the keychain holds for it. */
  async removeProfile(profileId: string): Promise<Profile> {
    const profile = this.#o.profiles.get(profileId);
    await this.#o.vault.removeProfile(profile.id);
    const removed = await this.#o.profiles.remove(profile.id);
    this.#states.forget(profile.id);
    logProfileChange(this.#o.audit, { type: 'removed', profile: removed });
    return removed;
  }

  /** A token was handed out by copy or reveal: worth a line in the audit log. */
  recordCopy(profileId: string, token: string, how: 'copied' | 'revealed' = 'copied'): void {
    this.#log(this.#o.profiles.get(profileId), how, { fingerprint: fingerprint(token) });
  }

  /** After sleep or a clock change: look at every session's clock again, and ask the server. */
  async resume(): Promise<void> {
    for (const [profileId] of this.#states.entries()) this.#states.tick(profileId);
    if (this.#o.validateEveryMs) await this.validateAll();
  }

  dispose(): void {
    this.#unwatchProfiles();
    this.#states.dispose();
    if (this.#validator) clearInterval(this.#validator);
  }

  /** The profile now names another cluster or user: its token, cookies and credentials go. */
  async #forgetMoved(profile: Profile): Promise<void> {
    const secrets = await forgetMovedSecrets(this.#o.vault, profile.id);
    if (secrets === 'none') return;
    this.#log(profile, 'signed-out', { message: MOVED_MESSAGE[secrets] });
    this.#states.apply(profile.id, { type: 'signed-out' }, true);
  }

  /** The profile, with its status read from the keychain first if this process has none yet. */
  async #loaded(profileId: string): Promise<Profile> {
    const profile = this.#o.profiles.get(profileId);
    if (!this.#states.known(profile.id)) await this.restore(profile.id);
    return profile;
  }

  #sessionClient(profile: Profile): Promise<{ client: ThoughtSpotClient; secret: string }> {
    return storedSessionClient(this.access, this.#o.vault, this.#tokens, profile);
  }

  /**
   * A sign-in or renewal already running for the profile (a second click, the tray beside the
   * window) is a coded error the person can act on, not a forbidden transition.
   */
  #refuseWhileBusy(profile: Profile, busy: readonly SessionState[]): void {
    const state = this.status(profile.id).state;
    if (!busy.includes(state)) return;
    const doing = state === 'signing-in' ? 'signing in' : 'renewing its token';
    throw new InputError(
      `"${profile.name}" is ${doing} right now; try again when that has finished`,
    );
  }

  /** Logs a failure of `operation`; the status goes back to `back` (default: as it is) with the reason. */
  #fail(
    profile: Profile,
    error: unknown,
    operation: AuditOperation,
    back?: SessionStatus,
  ): unknown {
    if (isAppError(error)) {
      this.#log(profile, 'error', { operation, code: error.code, message: error.message });
      this.#states.apply(
        profile.id,
        { type: 'failed', code: error.code, message: error.message, ...(back ? { back } : {}) },
        true,
      );
    }
    return error;
  }
}
