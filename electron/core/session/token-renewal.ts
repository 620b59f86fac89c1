import { join } from 'node:path';
import { AuthError } from '../errors/index.js';
import { BROWSER_AUTH_LABELS } from '../browser-sign-in/start-url.js';
import { signsInThroughBrowser, type Profile } from '../profiles/index.js';
import type { ProfileVault, StoredToken } from '../secrets/index.js';
import { withLock } from '../storage/file-lock.js';
import type { IssuedToken } from '../thoughtspot/index.js';
import type { ClusterAccess } from './cluster-access.js';
import type { SessionState, SessionStatus } from './session-state.js';
import type { SessionStates } from './session-states.js';
import { issueToken } from './sign-in.js';
import type { TokenCache } from './token-cache.js';

/** A renewal lock nobody has touched for this long belongs to a dead or hung process. */
export const TOKEN_LOCK_STALE_MS = 30_000;

export interface TokenRenewalOptions {
  access: ClusterAccess;
  vault: ProfileVault;
  tokens: TokenCache;
  states: SessionStates;
  now: () => number;
  /** Holds `locks/`, where renewals in other processes wait for this one. */
  configDir: string;
  /** The cluster's request timeout (ms), which the lock wait outlasts. */
  timeoutMs: number | undefined;
  /** Throws a coded error while the profile is in one of the `busy` states. */
  refuseWhileBusy: (profile: Profile, busy: readonly SessionState[]) => void;
  /** Records a failure (audit line, status back to `back`) and gives the error back to throw. */
  fail: (profile: Profile, error: unknown, back?: SessionStatus) => unknown;
}

/**
 * Renews a profile's token from the credential the keychain keeps: concurrent callers in this
 * process share one request (single flight), other processes wait on the profile's lock file.
 */
export class TokenRenewal {
  readonly #inflight = new Map<string, { minTtlMs: number; flight: Promise<StoredToken> }>();

  constructor(private readonly options: TokenRenewalOptions) {}

  /**
   * A token valid for at least `minTtlMs` (infinity: a new one, whatever the cached one's time
   * left), or what a renewal already running for the profile brings when that asks as much.
   */
  renew(profile: Profile, minTtlMs: number): Promise<StoredToken> {
    const running = this.#inflight.get(profile.id);
    if (running && running.minTtlMs >= minTtlMs) return running.flight;
    // A stricter ask ("Renew" during a routine renewal, which may end with a token another
    // process stored) waits for the running one, then renews on its own terms.
    const before = running?.flight.then(
      () => undefined,
      () => undefined,
    );
    const work = () => this.#renewLocked(profile, minTtlMs);
    const flight = (before ? before.then(work) : work()).finally(() => {
      if (this.#inflight.get(profile.id)?.flight === flight) this.#inflight.delete(profile.id);
    });
    this.#inflight.set(profile.id, { minTtlMs, flight });
    return flight;
  }

  async #renewLocked(profile: Profile, minTtlMs: number): Promise<StoredToken> {
    const { tokens, states, now } = this.options;
    const lock = join(this.options.configDir, 'locks', `${profile.id}.lock`);
    return withLock(
      lock,
      async () => {
        // Another process may have renewed while we waited for the lock.
        const cached = await tokens.cached(profile);
        if (
          cached &&
          minTtlMs !== Number.POSITIVE_INFINITY &&
          cached.expiresAt - now() >= minTtlMs
        ) {
          states.apply(profile.id, {
            type: 'signed-in',
            kind: 'bearer',
            expiresAt: cached.expiresAt,
          });
          return cached;
        }
        this.options.refuseWhileBusy(profile, ['signing-in']);
        const before = states.status(profile.id);
        states.apply(profile.id, { type: 'begin-renew' });
        try {
          const issued = await this.#renewFromStoredCredential(profile, cached);
          // A cookie session hands back the token it already gave: that is no renewal.
          if (cached && issued.token === cached.token) throw sameTokenError(profile);
          return await tokens.store(profile, cached ? 'renewed' : 'issued', issued);
        } catch (error) {
          const failure = this.options.fail(profile, error, before);
          // A token that still works stays usable: the status goes back to it, timers and all.
          if (cached && cached.expiresAt > now()) {
            states.apply(profile.id, {
              type: 'signed-in',
              kind: 'bearer',
              expiresAt: cached.expiresAt,
            });
          }
          throw failure;
        }
      },
      // The holder touches the lock while it works, so only a dead or hung one goes stale; a
      // waiter outlasts both that and a renewal's own requests.
      {
        staleMs: TOKEN_LOCK_STALE_MS,
        timeoutMs: Math.max(
          (this.options.timeoutMs ?? 15_000) + 15_000,
          TOKEN_LOCK_STALE_MS + 2_000,
        ),
      },
    );
  }

  async #renewFromStoredCredential(
    profile: Profile,
    previous: StoredToken | undefined,
  ): Promise<IssuedToken> {
    const { access, vault, now } = this.options;
    const expired = !previous
      ? `No token is stored for "${profile.name}"`
      : previous.expiresAt > now()
        ? `The token for "${profile.name}" is about to expire`
        : `The token for "${profile.name}" has expired`;
    if (!profile.autoRenew) {
      throw new AuthError('NOT_SIGNED_IN', `${expired} and auto-renew is off; sign in again`);
    }
    const client = await access.client(profile);
    const password = profile.auth === 'password' ? await vault.getPassword(profile) : undefined;
    if (password) return issueToken(profile, client, { kind: 'password', password });
    const secretKey = profile.auth === 'secret-key' ? await vault.getSecretKey(profile) : undefined;
    if (secretKey) return issueToken(profile, client, { kind: 'secretKey', secretKey });
    // A cookie session on dialect C can hand out its token (the cluster decides its lifetime).
    const cookies = await vault.getCookies(profile);
    if (cookies && client.dialect === 'C') {
      const sessionClient = await access.client(profile, { cookies });
      return sessionClient.currentToken();
    }
    throw new AuthError(
      'NOT_SIGNED_IN',
      signsInThroughBrowser(profile.auth)
        ? `${expired} and its browser session has ended; sign in through ${BROWSER_AUTH_LABELS[profile.auth]} again`
        : `${expired} and no credential is stored to renew it; sign in again`,
    );
  }
}

/** What renewing needs when the only way left to ask the cluster gives the same token back. */
function sameTokenError(profile: Profile): AuthError {
  if (signsInThroughBrowser(profile.auth)) {
    return new AuthError(
      'NOT_SIGNED_IN',
      `The cluster hands back the same token while its session lasts; for a new one, sign in through ${BROWSER_AUTH_LABELS[profile.auth]} again`,
    );
  }
  const credential = profile.auth === 'secret-key' ? 'secret key' : 'password';
  return new AuthError(
    'NOT_SIGNED_IN',
    `Renewing needs your ${credential}: sign in again or tick Remember me`,
  );
}

/**
 * An asked-for time left is a promise: a renewed token that cannot meet it is refused, not handed
 * out (it stays stored for callers that ask less). Says why: the profile's own token validity, or
 * the cluster's limit.
 */
export function keepMinTtl(profile: Profile, leftMs: number, askedSeconds: number): void {
  if (leftMs >= askedSeconds * 1000) return;
  throw shortLived(profile, leftMs, askedSeconds);
}

/** Why the freshest token the profile can get still ends before the time asked. */
function shortLived(profile: Profile, leftMs: number, askedSeconds: number): AuthError {
  const left = Math.max(0, Math.floor(leftMs / 1000));
  if (profile.validitySeconds < askedSeconds) {
    return new AuthError(
      'TOKEN_EXPIRED',
      `"${profile.name}" gets tokens valid for ${profile.validitySeconds} s (its token validity), less than the ${askedSeconds} s asked; raise its token validity to ask for longer`,
    );
  }
  return new AuthError(
    'TOKEN_EXPIRED',
    `The cluster gave "${profile.name}" a token valid for ${left} s, less than the ${askedSeconds} s asked (it limits how long its tokens live)`,
  );
}
