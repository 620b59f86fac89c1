import { isAppError } from '../errors/index.js';
import {
  nextGeneration,
  sameGeneration,
  type ChangeStamp,
  type Generation,
} from './change-stamp.js';
import type { SecretStore } from './secret-store.js';

export interface CachingStoreOptions {
  stamp: ChangeStamp;
  /** A kept answer is asked for again after this long (ms), whatever the stamp says. */
  maxAgeMs?: number;
  /** Monotonic milliseconds. */
  now?: () => number;
}

export const DEFAULT_MAX_AGE_MS = 30_000;

/** What the store answered for an account (undefined: no such entry), and when. */
interface Entry {
  value: string | undefined;
  at: number;
}

/** Writes to one account: in flight, how many begun or ended so far, whether two overlapped. */
interface Writes {
  pending: number;
  version: number;
  overlapped: boolean;
}

/**
 * The long-lived app's memory of its secrets, in front of the keychain: every keychain call is a
 * D-Bus round trip or more, and the app asks for the same few entries again and again.
 *
 * - Reads are answered from memory, and deleting an entry known to be absent costs nothing; every
 *   write still goes to the store and is awaited, so what is reported stored is stored.
 * - Other processes (`tsm`) write the same entries and bump the ChangeStamp; it is compared (one
 *   stat) before anything kept is trusted, and any foreign bump forgets everything kept.
 * - A locked keychain: what this process already read or wrote stays usable for at most
 *   `maxAgeMs`, as a secret an app already holds does; writes and reads of anything not kept reach
 *   the keychain and report LOCKED, and that (any keychain error) forgets everything kept. The
 *   same age limit bounds how long a change by a tool that does not bump the stamp goes unseen.
 */
export class CachingSecretStore implements SecretStore {
  readonly #inner: SecretStore;
  readonly #stamp: ChangeStamp;
  readonly #maxAgeMs: number;
  readonly #now: () => number;
  readonly #entries = new Map<string, Entry>();
  readonly #writes = new Map<string, Writes>();
  /** The stamp the entries agree with; undefined while it cannot be read (nothing is kept then). */
  #generation: Generation | undefined;
  /** Advances whenever everything is forgotten, so a read begun before cannot put stale data back. */
  #era = 0;

  constructor(inner: SecretStore, options: CachingStoreOptions) {
    this.#inner = inner;
    this.#stamp = options.stamp;
    this.#maxAgeMs = options.maxAgeMs ?? DEFAULT_MAX_AGE_MS;
    this.#now = options.now ?? (() => performance.now());
  }

  get kind(): SecretStore['kind'] {
    return this.#inner.kind;
  }

  describe(): string {
    return this.#inner.describe();
  }

  async get(account: string): Promise<string | undefined> {
    const kept = this.#kept(account);
    if (kept) return kept.value;
    const era = this.#era;
    const at = this.#now();
    const before = this.#writes.get(account);
    const version = before?.version ?? 0;
    const value = await this.#guard(this.#inner.get(account));
    // Kept only if no write to this account was in flight or happened meanwhile.
    const after = this.#writes.get(account);
    const unchanged = era === this.#era && this.#generation !== undefined;
    if (unchanged && !before?.pending && (after?.version ?? 0) === version) {
      this.#entries.set(account, { value, at });
    }
    return value;
  }

  async set(account: string, value: string): Promise<void> {
    await this.#write(account, value, () => this.#inner.set(account, value));
  }

  async delete(account: string): Promise<boolean> {
    const kept = this.#kept(account);
    if (kept && kept.value === undefined) return false;
    return this.#write(account, undefined, () => this.#inner.delete(account));
  }

  accounts(): Promise<string[]> {
    return this.#guard(this.#inner.accounts());
  }

  /** The kept answer for `account` if it is still to be trusted. */
  #kept(account: string): Entry | undefined {
    if (!this.#sync()) return undefined;
    const entry = this.#entries.get(account);
    if (entry && this.#now() - entry.at <= this.#maxAgeMs) return entry;
    this.#entries.delete(account);
    return undefined;
  }

  /** Writes through, then marks the change for other processes; keeps the result if it is certain. */
  async #write<T>(account: string, value: string | undefined, work: () => Promise<T>): Promise<T> {
    this.#sync();
    const era = this.#era;
    const writes = this.#writes.get(account) ?? { pending: 0, version: 0, overlapped: false };
    this.#writes.set(account, writes);
    writes.overlapped ||= writes.pending > 0;
    writes.pending++;
    writes.version++;
    this.#entries.delete(account);
    let done = false;
    try {
      const result = await this.#guard(work());
      done = true;
      return result;
    } finally {
      // Bumped even after a failure: what a failed write left behind is not known for sure.
      const onlyOurs = this.#bump();
      writes.pending--;
      writes.version++;
      // Two writes to one entry at once may land in either order: keep neither.
      if (done && onlyOurs && era === this.#era && !writes.overlapped) {
        this.#entries.set(account, { value, at: this.#now() });
      }
      if (writes.pending === 0) writes.overlapped = false;
    }
  }

  /** One stat: a write by anyone else since the entries were kept makes them all suspect. */
  #sync(): boolean {
    const now = this.#stamp.read();
    if (now === undefined || !this.#generation || !sameGeneration(now, this.#generation)) {
      this.#forgetAll();
    }
    this.#generation = now;
    return now !== undefined;
  }

  /** True when the stamp moved by this write alone since the last look. */
  #bump(): boolean {
    try {
      const after = this.#stamp.bump();
      const onlyOurs = this.#generation !== undefined && nextGeneration(this.#generation, after);
      if (!onlyOurs) this.#forgetAll();
      this.#generation = after;
      return onlyOurs;
    } catch {
      // The stamp cannot be written (a read-only or full disk): the secret itself was written or
      // its error is being reported; here nothing is kept, and other processes see the change
      // when what they keep ages out.
      this.#forgetAll();
      this.#generation = undefined;
      return false;
    }
  }

  async #guard<T>(work: Promise<T>): Promise<T> {
    try {
      return await work;
    } catch (error) {
      // Locked, gone, refused: answer nothing from memory until the keychain answers again.
      if (isAppError(error) && error.code === 'KEYCHAIN_UNAVAILABLE') this.#forgetAll();
      throw error;
    }
  }

  #forgetAll(): void {
    this.#entries.clear();
    this.#era++;
  }
}
