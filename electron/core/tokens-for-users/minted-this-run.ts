import { randomUUID } from 'node:crypto';
import { fingerprint } from '../audit/audit-log.js';
import { AuthError, InputError } from '../errors/index.js';
import type { MintResult } from './tokens-for-users.js';

/** A token minted in this run as the window may see it: everything but the token. */
export interface MintedSummary {
  mintId: string;
  user: string;
  org?: { id: number; name?: string };
  kind: MintResult['kind'];
  scope: MintResult['scope'];
  createdAt: number;
  expiresAt: number;
  fingerprint: string;
  /** When this run revoked the user's tokens (the token itself is then forgotten). */
  revokedAt?: number;
}

interface Entry {
  profileId: string;
  clusterUrl: string;
  userId: string | undefined;
  /** Undefined once revoked or expired: nothing left to hand out. */
  token: string | undefined;
  summary: MintedSummary;
}

export interface MintedThisRunOptions {
  /** How many tokens are kept at most; the oldest is forgotten first. */
  cap?: number;
  now?: () => number;
  newId?: () => string;
}

export const MINTED_CAP = 50;

/**
 * The tokens minted for other users in this run, in the main process's memory only, so the
 * window can reveal or copy one it was shown the fingerprint of. Never written anywhere: they
 * are gone when the app quits, and at most `cap` are kept.
 */
export class MintedThisRun {
  readonly #entries: Entry[] = [];
  readonly #cap: number;
  readonly #now: () => number;
  readonly #newId: () => string;

  constructor(options: MintedThisRunOptions = {}) {
    this.#cap = Math.max(1, options.cap ?? MINTED_CAP);
    this.#now = options.now ?? Date.now;
    this.#newId = options.newId ?? randomUUID;
  }

  add(profile: { id: string; url: string }, minted: MintResult): MintedSummary {
    const summary: MintedSummary = {
      mintId: this.#newId(),
      user: minted.user,
      ...(minted.org ? { org: { ...minted.org } } : {}),
      kind: minted.kind,
      scope: minted.scope,
      createdAt: minted.createdAt,
      expiresAt: minted.expiresAt,
      fingerprint: fingerprint(minted.token),
    };
    this.#entries.push({
      profileId: profile.id,
      clusterUrl: profile.url,
      userId: minted.userId,
      token: minted.token,
      summary,
    });
    if (this.#entries.length > this.#cap) this.#entries.splice(0, this.#entries.length - this.#cap);
    return copyOf(summary);
  }

  /** The profile's tokens, newest first. */
  list(profileId: string): MintedSummary[] {
    return this.#entries
      .filter((entry) => entry.profileId === profileId)
      .reverse()
      .map((entry) => copyOf(entry.summary));
  }

  /** The token behind `mintId`, for an explicit reveal or copy; an error says why there is none. */
  token(mintId: string): { token: string; profileId: string; summary: MintedSummary } {
    const entry = this.#entries.find((e) => e.summary.mintId === mintId);
    if (!entry) {
      throw new InputError(
        `That token is no longer kept: tokens minted here stay in memory until the app quits, the latest ${this.#cap} only`,
      );
    }
    const { user, fingerprint: named } = entry.summary;
    if (entry.summary.revokedAt !== undefined) {
      throw new AuthError('TOKEN_REVOKED', `The token ${named} of ${user} was revoked`);
    }
    // An expired token is forgotten at the first ask.
    if (entry.summary.expiresAt <= this.#now()) entry.token = undefined;
    if (entry.token === undefined) {
      throw new AuthError('TOKEN_EXPIRED', `The token ${named} of ${user} has expired`);
    }
    return { token: entry.token, profileId: entry.profileId, summary: copyOf(entry.summary) };
  }

  /**
   * The cluster at `clusterUrl` revoked every token of `user` (a name or id): the ones minted
   * for them before now are marked revoked and forgotten. How many.
   */
  revoked(clusterUrl: string, user: string): number {
    const at = this.#now();
    let count = 0;
    for (const entry of this.#entries) {
      const theirs = entry.summary.user === user || entry.userId === user;
      if (entry.clusterUrl !== clusterUrl || !theirs || entry.summary.revokedAt !== undefined)
        continue;
      entry.summary.revokedAt = at;
      entry.token = undefined;
      count++;
    }
    return count;
  }
}

function copyOf(summary: MintedSummary): MintedSummary {
  return structuredClone(summary);
}
