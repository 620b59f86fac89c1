// Short-lived, single-use handles (SAML request ids, OIDC states and codes, MFA challenges),
// timed by the emulator clock so tests can let them expire.
import { randomBytes } from 'node:crypto';
import type { EmulatorClock } from '../types.js';

interface Entry<T> {
  value: T;
  expiresAt: number;
}

export class OneTimeStore<T> {
  private readonly entries = new Map<string, Entry<T>>();

  constructor(
    private readonly clock: EmulatorClock,
    private readonly ttlMs: number,
  ) {}

  /** A fresh unguessable handle for the value. */
  issue(value: T): string {
    this.prune();
    const id = randomBytes(24).toString('base64url');
    this.entries.set(id, { value, expiresAt: this.clock.now() + this.ttlMs });
    return id;
  }

  /** The live value, left in place (an MFA challenge survives a wrong code). */
  peek(id: string): T | undefined {
    const entry = this.entries.get(id);
    if (entry === undefined) return undefined;
    if (entry.expiresAt <= this.clock.now()) {
      this.entries.delete(id);
      return undefined;
    }
    return entry.value;
  }

  /** The live value, used up: a second take of the same handle gets nothing. */
  take(id: string): T | undefined {
    const value = this.peek(id);
    this.entries.delete(id);
    return value;
  }

  private prune(): void {
    const now = this.clock.now();
    for (const [id, entry] of this.entries) if (entry.expiresAt <= now) this.entries.delete(id);
  }
}
