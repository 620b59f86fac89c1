import { describe, expect, it } from 'vitest';
import {
  dueEvent,
  InvalidTransitionError,
  nextCheckAt,
  transition,
  type SessionEventType,
  type SessionState,
  type SessionStatus,
} from '../../../electron/core/session/session-state.js';

const E = Date.UTC(2031, 5, 1, 12, 0, 0); // a session's expiry
const F = E + 3_600_000; // a later one
const LEAD = 120_000;

/** One status per state, as the manager would hold it. */
const FROM: Record<SessionState, SessionStatus> = {
  'signed-out': { state: 'signed-out' },
  'signing-in': { state: 'signing-in' },
  'signed-in': { state: 'signed-in', kind: 'cookie', expiresAt: E },
  renewing: { state: 'renewing', kind: 'bearer', expiresAt: E },
  'expiring-soon': { state: 'expiring-soon', kind: 'bearer', expiresAt: E },
  expired: { state: 'expired', kind: 'cookie' },
  revoked: { state: 'revoked' },
  error: { state: 'error', code: 'NETWORK', message: 'offline' },
};

/** One event of each type. */
const EVENT: Record<SessionEventType['type'], SessionEventType> = {
  'begin-sign-in': { type: 'begin-sign-in' },
  'signed-in': { type: 'signed-in', kind: 'bearer', expiresAt: F },
  'begin-renew': { type: 'begin-renew' },
  'lead-reached': { type: 'lead-reached' },
  'time-up': { type: 'time-up' },
  revoked: { type: 'revoked' },
  'signed-out': { type: 'signed-out' },
  failed: { type: 'failed', code: 'AUTH_FAILED', message: 'Wrong username or password' },
};

const SIGNING_IN: SessionStatus = { state: 'signing-in' };
const SIGNED_IN_F: SessionStatus = { state: 'signed-in', kind: 'bearer', expiresAt: F };
const REVOKED: SessionStatus = { state: 'revoked' };
const SIGNED_OUT: SessionStatus = { state: 'signed-out' };
const PROBLEM = { code: 'AUTH_FAILED', message: 'Wrong username or password' } as const;
/** A failure leaves each state where it was, with the reason beside it (issue 15). */
const FAILED = (status: SessionStatus): SessionStatus =>
  ({ ...status, problem: PROBLEM }) as SessionStatus;
const FAILED_OUT: SessionStatus = { state: 'signed-out', problem: PROBLEM };

type Row = Partial<Record<SessionEventType['type'], SessionStatus>>;

/**
 * The whole table: what each state becomes on each event. A pair that is not listed must throw.
 * (What must be possible from anywhere: signing out, a successful sign-in, a failure.)
 */
const TABLE: Record<SessionState, Row> = {
  'signed-out': {
    'begin-sign-in': SIGNING_IN,
    'signed-in': SIGNED_IN_F,
    // No token cached yet, but a stored credential can get one: kind defaults to bearer.
    'begin-renew': { state: 'renewing', kind: 'bearer' },
    'signed-out': SIGNED_OUT,
    failed: FAILED_OUT,
  },
  'signing-in': {
    'signed-in': SIGNED_IN_F,
    'signed-out': SIGNED_OUT,
    failed: FAILED_OUT,
  },
  'signed-in': {
    'begin-sign-in': SIGNING_IN,
    'signed-in': SIGNED_IN_F,
    'begin-renew': { state: 'renewing', kind: 'cookie', expiresAt: E },
    'lead-reached': { state: 'expiring-soon', kind: 'cookie', expiresAt: E },
    'time-up': { state: 'expired', kind: 'cookie' },
    revoked: REVOKED,
    'signed-out': SIGNED_OUT,
    failed: FAILED(FROM['signed-in']),
  },
  renewing: {
    'signed-in': SIGNED_IN_F,
    'time-up': { state: 'expired', kind: 'bearer' },
    revoked: REVOKED,
    'signed-out': SIGNED_OUT,
    failed: { state: 'signed-in', kind: 'bearer', expiresAt: E, problem: PROBLEM },
  },
  'expiring-soon': {
    'begin-sign-in': SIGNING_IN,
    'signed-in': SIGNED_IN_F,
    'begin-renew': { state: 'renewing', kind: 'bearer', expiresAt: E },
    'time-up': { state: 'expired', kind: 'bearer' },
    revoked: REVOKED,
    'signed-out': SIGNED_OUT,
    failed: FAILED(FROM['expiring-soon']),
  },
  expired: {
    'begin-sign-in': SIGNING_IN,
    'signed-in': SIGNED_IN_F,
    'begin-renew': { state: 'renewing', kind: 'cookie' },
    revoked: REVOKED,
    'signed-out': SIGNED_OUT,
    failed: FAILED(FROM.expired),
  },
  revoked: {
    'begin-sign-in': SIGNING_IN,
    'signed-in': SIGNED_IN_F,
    'begin-renew': { state: 'renewing', kind: 'bearer' },
    'signed-out': SIGNED_OUT,
    failed: FAILED(FROM.revoked),
  },
  error: {
    'begin-sign-in': SIGNING_IN,
    'signed-in': SIGNED_IN_F,
    'begin-renew': { state: 'renewing', kind: 'bearer' },
    'time-up': { state: 'expired', kind: 'bearer' },
    revoked: REVOKED,
    'signed-out': SIGNED_OUT,
    failed: FAILED_OUT,
  },
};

const STATES = Object.keys(FROM) as SessionState[];
const EVENTS = Object.keys(EVENT) as SessionEventType['type'][];
const pairs = STATES.flatMap((state) => EVENTS.map((event) => [state, event] as const));
const allowed = pairs.filter(([state, event]) => TABLE[state][event] !== undefined);
const forbidden = pairs.filter(([state, event]) => TABLE[state][event] === undefined);

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}

describe('transition', () => {
  it.each(allowed)('%s on %s', (state, event) => {
    const from = deepFreeze(structuredClone(FROM[state]));
    expect(transition(from, EVENT[event])).toEqual(TABLE[state][event]);
    // Pure: the input is untouched (it is frozen, so a write would have thrown).
    expect(from).toEqual(FROM[state]);
  });

  it.each(forbidden)('%s on %s throws', (state, event) => {
    expect(() => transition(FROM[state], EVENT[event])).toThrow(InvalidTransitionError);
    expect(() => transition(FROM[state], EVENT[event])).toThrow(
      `a session cannot go from ${state} on ${event}`,
    );
  });

  it('covers the whole table, and forbids some pairs', () => {
    expect(allowed.length + forbidden.length).toBe(STATES.length * EVENTS.length);
    // A renewal or sign-in cannot start while one is running; a dead session cannot die again.
    expect(forbidden).toEqual(
      expect.arrayContaining([
        ['signing-in', 'begin-sign-in'],
        ['signing-in', 'begin-renew'],
        ['renewing', 'begin-renew'],
        ['renewing', 'begin-sign-in'],
        ['expired', 'time-up'],
        ['signed-out', 'time-up'],
        ['expiring-soon', 'lead-reached'],
      ]),
    );
  });

  it('signing out, a sign-in and a failure are possible from every state', () => {
    for (const state of STATES) {
      expect(transition(FROM[state], EVENT['signed-out'])).toEqual(SIGNED_OUT);
      expect(transition(FROM[state], EVENT['signed-in'])).toEqual(SIGNED_IN_F);
      expect(transition(FROM[state], EVENT.failed)).toMatchObject({ problem: PROBLEM });
    }
  });

  it('a failure with `back` returns to the status before the attempt, with the reason', () => {
    const back: SessionStatus = { state: 'expired', kind: 'cookie' };
    expect(transition(FROM['signing-in'], { ...EVENT.failed, back } as SessionEventType)).toEqual({
      ...back,
      problem: PROBLEM,
    });
  });

  it('refused input leaves the status as it was, without a problem (and clears an old one)', () => {
    const failed: SessionStatus = { ...SIGNED_IN_F, problem: PROBLEM };
    const refused = { type: 'failed', code: 'INVALID_INPUT', message: 'not yours' } as const;
    expect(transition(failed, refused)).toEqual(SIGNED_IN_F);
    expect(transition(FROM['signing-in'], { ...refused, back: REVOKED })).toEqual(REVOKED);
  });

  it('time-up keeps the reason of the last failure', () => {
    const failed: SessionStatus = { ...SIGNED_IN_F, problem: PROBLEM };
    expect(transition(failed, EVENT['time-up'])).toEqual({
      state: 'expired',
      kind: 'bearer',
      problem: PROBLEM,
    });
  });

  it('a sign-in without a known expiry has no expiresAt key at all', () => {
    const next = transition(FROM['signing-in'], { type: 'signed-in', kind: 'cookie' });
    expect(next).toEqual({ state: 'signed-in', kind: 'cookie' });
    expect('expiresAt' in next).toBe(false);
  });

  it('lead-reached on a session without an expiry changes nothing', () => {
    const open: SessionStatus = { state: 'signed-in', kind: 'cookie' };
    expect(transition(open, EVENT['lead-reached'])).toBe(open);
  });
});

describe('dueEvent and nextCheckAt', () => {
  const signedIn: SessionStatus = { state: 'signed-in', kind: 'bearer', expiresAt: E };
  const soon: SessionStatus = { state: 'expiring-soon', kind: 'bearer', expiresAt: E };

  it('a signed-in session: nothing before the lead, lead-reached from it, time-up from expiry', () => {
    expect(dueEvent(signedIn, E - LEAD - 1, LEAD)).toBeUndefined();
    expect(dueEvent(signedIn, E - LEAD, LEAD)).toEqual({ type: 'lead-reached' });
    expect(dueEvent(signedIn, E - 1, LEAD)).toEqual({ type: 'lead-reached' });
    expect(dueEvent(signedIn, E, LEAD)).toEqual({ type: 'time-up' });
    expect(dueEvent(signedIn, E + 86_400_000, LEAD)).toEqual({ type: 'time-up' });
    expect(nextCheckAt(signedIn, LEAD)).toBe(E - LEAD);
  });

  it('an expiring-soon session: nothing until expiry, then time-up', () => {
    expect(dueEvent(soon, E - LEAD, LEAD)).toBeUndefined();
    expect(dueEvent(soon, E - 1, LEAD)).toBeUndefined();
    expect(dueEvent(soon, E, LEAD)).toEqual({ type: 'time-up' });
    expect(nextCheckAt(soon, LEAD)).toBe(E);
  });

  it('a lead of 0 goes straight from signed-in to time-up', () => {
    expect(dueEvent(signedIn, E - 1, 0)).toBeUndefined();
    expect(dueEvent(signedIn, E, 0)).toEqual({ type: 'time-up' });
    expect(nextCheckAt(signedIn, 0)).toBe(E);
  });

  it('a lead longer than the whole validity is reached at once', () => {
    const young: SessionStatus = { state: 'signed-in', kind: 'bearer', expiresAt: E };
    expect(dueEvent(young, E - 60_000, 10 * 60_000)).toEqual({ type: 'lead-reached' });
    expect(nextCheckAt(young, 10 * 60_000)).toBe(E - 10 * 60_000);
  });

  it('at nextCheckAt something is due, a millisecond before nothing is', () => {
    for (const status of [signedIn, soon]) {
      for (const lead of [0, 1, LEAD, 30_000]) {
        const at = nextCheckAt(status, lead);
        expect(at).toBeDefined();
        expect(dueEvent(status, at ?? 0, lead)).toBeDefined();
        expect(dueEvent(status, (at ?? 0) - 1, lead)).toBeUndefined();
      }
    }
  });

  it('nothing is due or pending for states without a running clock', () => {
    const idle: SessionStatus[] = [
      { state: 'signed-out' },
      { state: 'signing-in' },
      { state: 'signed-in', kind: 'cookie' }, // no known expiry
      { state: 'renewing', kind: 'bearer', expiresAt: E },
      { state: 'expired', kind: 'bearer' },
      { state: 'revoked' },
      { state: 'error', code: 'NETWORK', message: 'offline' },
    ];
    for (const status of idle) {
      expect(dueEvent(status, E + 86_400_000, LEAD)).toBeUndefined();
      expect(nextCheckAt(status, LEAD)).toBeUndefined();
    }
  });

  it('following due events from sign-in reaches expired through expiring-soon', () => {
    let status: SessionStatus = transition(FROM['signing-in'], {
      type: 'signed-in',
      kind: 'bearer',
      expiresAt: E,
    });
    const seen: SessionState[] = [status.state];
    for (let now = E - 5 * LEAD; now <= E + LEAD; now += 1000) {
      const due = dueEvent(status, now, LEAD);
      if (due) {
        status = transition(status, due);
        seen.push(status.state);
      }
    }
    expect(seen).toEqual(['signed-in', 'expiring-soon', 'expired']);
  });
});
