import type { ErrorCode } from '../errors/index.js';
import type { SessionKind } from '../thoughtspot/types.js';

/** Why the last sign-in, renewal or revoke failed; the session's state stays what it is. */
export interface SessionProblem {
  code: ErrorCode;
  message: string;
}

/**
 * Where one profile's session stands. The window, the tray and the CLI all read this. A failure
 * leaves the state as it was (a wrong password is still "signed out") and says why in `problem`;
 * `error` is only for a status nobody could read (`tsm status` with the keychain locked).
 */
export type SessionStatus =
  | { state: 'signed-out'; problem?: SessionProblem }
  | { state: 'signing-in' }
  | { state: 'signed-in'; kind: SessionKind; expiresAt?: number; problem?: SessionProblem }
  | { state: 'renewing'; kind: SessionKind; expiresAt?: number }
  | { state: 'expiring-soon'; kind: SessionKind; expiresAt: number; problem?: SessionProblem }
  | { state: 'expired'; kind: SessionKind; problem?: SessionProblem }
  | { state: 'revoked'; problem?: SessionProblem }
  | { state: 'error'; code: ErrorCode; message: string };

export type SessionState = SessionStatus['state'];

/** What can happen to a session. */
export type SessionEventType =
  | { type: 'begin-sign-in' }
  | { type: 'signed-in'; kind: SessionKind; expiresAt?: number }
  | { type: 'begin-renew' }
  | { type: 'lead-reached' }
  | { type: 'time-up' }
  | { type: 'revoked' }
  | { type: 'signed-out' }
  /** `back`: the status before the attempt, which the session returns to (default: the current). */
  | { type: 'failed'; code: ErrorCode; message: string; back?: SessionStatus };

/** From each state, the events that may move it; anything else is a bug and throws. */
const ALLOWED: Record<SessionState, readonly SessionEventType['type'][]> = {
  'signed-out': ['begin-sign-in', 'signed-in', 'begin-renew', 'signed-out', 'failed'],
  'signing-in': ['signed-in', 'failed', 'signed-out'],
  'signed-in': [
    'begin-sign-in',
    'signed-in',
    'begin-renew',
    'lead-reached',
    'time-up',
    'revoked',
    'signed-out',
    'failed',
  ],
  renewing: ['signed-in', 'failed', 'revoked', 'signed-out', 'time-up'],
  'expiring-soon': [
    'begin-sign-in',
    'signed-in',
    'begin-renew',
    'time-up',
    'revoked',
    'signed-out',
    'failed',
  ],
  expired: ['begin-sign-in', 'signed-in', 'begin-renew', 'revoked', 'signed-out', 'failed'],
  revoked: ['begin-sign-in', 'signed-in', 'begin-renew', 'signed-out', 'failed'],
  error: [
    'begin-sign-in',
    'signed-in',
    'begin-renew',
    'signed-out',
    'revoked',
    'time-up',
    'failed',
  ],
};

export class InvalidTransitionError extends Error {
  constructor(from: SessionState, event: SessionEventType['type']) {
    super(`a session cannot go from ${from} on ${event}`);
  }
}

function kindOf(status: SessionStatus): SessionKind {
  return 'kind' in status ? status.kind : 'bearer';
}

export function problemOf(status: SessionStatus): SessionProblem | undefined {
  return 'problem' in status ? status.problem : undefined;
}

/**
 * What a status rests at once an attempt failed: a busy or unreadable one is no session. Without
 * a problem (input refused before it said anything about the session) it is as it was.
 */
function atRest(status: SessionStatus, problem?: SessionProblem): SessionStatus {
  const why = problem ? { problem } : {};
  switch (status.state) {
    case 'signing-in':
    case 'error':
      return { state: 'signed-out', ...why };
    case 'renewing':
      // The clock (SessionStates) turns a past expiry into "expired" right after.
      return status.expiresAt === undefined
        ? { state: 'signed-out', ...why }
        : { state: 'signed-in', kind: status.kind, expiresAt: status.expiresAt, ...why };
    default: {
      const { problem: _old, ...rest } = status;
      return { ...rest, ...why };
    }
  }
}

/** The one way a session's status changes. Pure: same input, same output. */
export function transition(from: SessionStatus, event: SessionEventType): SessionStatus {
  if (!ALLOWED[from.state].includes(event.type))
    throw new InvalidTransitionError(from.state, event.type);
  switch (event.type) {
    case 'begin-sign-in':
      return { state: 'signing-in' };
    case 'signed-in':
      return event.expiresAt === undefined
        ? { state: 'signed-in', kind: event.kind }
        : { state: 'signed-in', kind: event.kind, expiresAt: event.expiresAt };
    case 'begin-renew': {
      const expiresAt = 'expiresAt' in from ? from.expiresAt : undefined;
      return expiresAt === undefined
        ? { state: 'renewing', kind: kindOf(from) }
        : { state: 'renewing', kind: kindOf(from), expiresAt };
    }
    case 'lead-reached':
      return from.state === 'signed-in' && from.expiresAt !== undefined
        ? { state: 'expiring-soon', kind: from.kind, expiresAt: from.expiresAt }
        : from;
    case 'time-up': {
      // A failure's reason outlives the clock running out (it is still why there is no session).
      const problem = problemOf(from);
      return problem
        ? { state: 'expired', kind: kindOf(from), problem }
        : { state: 'expired', kind: kindOf(from) };
    }
    case 'revoked':
      return { state: 'revoked' };
    case 'signed-out':
      return { state: 'signed-out' };
    case 'failed':
      // Refused input (a pasted token of another user) is the input's fault, not the session's.
      return atRest(
        event.back ?? from,
        event.code === 'INVALID_INPUT' ? undefined : { code: event.code, message: event.message },
      );
  }
}

/**
 * What the clock says about a live session: the event due now, if any. Timers call this at
 * absolute times, so a sleep or a clock jump is caught at the next look.
 */
export function dueEvent(
  status: SessionStatus,
  now: number,
  leadMs: number,
): SessionEventType | undefined {
  if (status.state !== 'signed-in' && status.state !== 'expiring-soon') return undefined;
  if (status.expiresAt === undefined) return undefined;
  if (now >= status.expiresAt) return { type: 'time-up' };
  if (status.state === 'signed-in' && status.expiresAt - now <= leadMs)
    return { type: 'lead-reached' };
  return undefined;
}

/** When to look again: the next boundary (lead or expiry), or undefined when nothing is pending. */
export function nextCheckAt(status: SessionStatus, leadMs: number): number | undefined {
  if (status.state === 'signed-in' && status.expiresAt !== undefined)
    return status.expiresAt - leadMs;
  if (status.state === 'expiring-soon') return status.expiresAt;
  return undefined;
}
