import { ExpiryTimers } from './expiry-timers.js';
import {
  dueEvent,
  nextCheckAt,
  transition,
  type SessionEventType,
  type SessionStatus,
} from './session-state.js';

export interface SessionChange {
  profileId: string;
  status: SessionStatus;
  previous: SessionStatus;
}

/**
 * Every profile's status, changed only through `apply` (a transition, then whatever the clock
 * already says is due), with expiry timers and subscribers told of each change.
 */
export class SessionStates {
  readonly #statuses = new Map<string, SessionStatus>();
  readonly #listeners = new Set<(change: SessionChange) => void>();
  readonly #timers: ExpiryTimers | undefined;

  constructor(
    private readonly now: () => number,
    private readonly leadMs: number,
    timers: boolean,
  ) {
    this.#timers = timers ? new ExpiryTimers(now, (id) => this.tick(id)) : undefined;
  }

  status(profileId: string): SessionStatus {
    return this.#statuses.get(profileId) ?? { state: 'signed-out' };
  }

  known(profileId: string): boolean {
    return this.#statuses.has(profileId);
  }

  entries(): [string, SessionStatus][] {
    return [...this.#statuses];
  }

  subscribe(listener: (change: SessionChange) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** The only place a status changes. `lenient` ignores a transition the machine does not allow. */
  apply(profileId: string, event: SessionEventType, lenient = false): SessionStatus {
    const previous = this.status(profileId);
    let next: SessionStatus;
    try {
      next = transition(previous, event);
    } catch (error) {
      if (lenient) return previous;
      throw error;
    }
    for (let due = this.#due(next); due; due = this.#due(next)) next = transition(next, due);
    this.#statuses.set(profileId, next);
    this.#timers?.schedule(profileId, nextCheckAt(next, this.leadMs));
    if (JSON.stringify(next) !== JSON.stringify(previous)) {
      for (const listener of this.#listeners) listener({ profileId, status: next, previous });
    }
    return next;
  }

  /** Looks at the clock for one profile: applies what is due, or sets the next look. */
  tick(profileId: string): void {
    const status = this.status(profileId);
    const due = this.#due(status);
    if (due) this.apply(profileId, due);
    else this.#timers?.schedule(profileId, nextCheckAt(status, this.leadMs));
  }

  forget(profileId: string): void {
    this.#timers?.cancel(profileId);
    this.#statuses.delete(profileId);
  }

  dispose(): void {
    this.#timers?.dispose();
    this.#listeners.clear();
  }

  #due(status: SessionStatus): SessionEventType | undefined {
    return dueEvent(status, this.now(), this.leadMs);
  }
}
