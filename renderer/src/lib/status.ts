/** What a session status looks like in the window. Pure: tested beside this file. */
import type { SessionStatus } from './api.js';
import { errorTitle } from './errors.js';
import { formatValidity } from './time.js';

export type Tone = 'neutral' | 'busy' | 'ok' | 'warn' | 'bad';

const LABELS: Record<SessionStatus['state'], string> = {
  'signed-out': 'Signed out',
  'signing-in': 'Signing in…',
  'signed-in': 'Signed in',
  renewing: 'Renewing…',
  'expiring-soon': 'Expiring soon',
  expired: 'Expired',
  revoked: 'Revoked',
  // Only `tsm status` makes this one (a keychain it could not read): the state is not known.
  error: 'Unknown',
};

const TONES: Record<SessionStatus['state'], Tone> = {
  'signed-out': 'neutral',
  'signing-in': 'busy',
  'signed-in': 'ok',
  renewing: 'busy',
  'expiring-soon': 'warn',
  expired: 'bad',
  revoked: 'bad',
  error: 'warn',
};

export function statusLabel(status: SessionStatus): string {
  return LABELS[status.state];
}

export function statusTone(status: SessionStatus): Tone {
  return TONES[status.state];
}

/**
 * Why the last sign-in, renewal or revoke failed, if it did. It stands beside the state (a wrong
 * password leaves a profile signed out), never in the badge.
 */
export function problemOf(status: SessionStatus): { code: string; message: string } | undefined {
  if (status.state === 'error') return { code: status.code, message: status.message };
  return 'problem' in status ? status.problem : undefined;
}

/** The few words the profiles list shows beside the badge ("Sign-in refused"). */
export function shortReason(status: SessionStatus): string | undefined {
  const problem = problemOf(status);
  return problem && errorTitle(problem.code);
}

/** When the session ends, if it is live and the cluster said. */
export function expiresAtOf(status: SessionStatus): number | undefined {
  return 'expiresAt' in status ? status.expiresAt : undefined;
}

/** A session that can answer questions now (or is being renewed). */
export function isLive(status: SessionStatus): boolean {
  return (
    status.state === 'signed-in' || status.state === 'renewing' || status.state === 'expiring-soon'
  );
}

export function kindOf(status: SessionStatus): 'cookie' | 'bearer' | undefined {
  return 'kind' in status ? status.kind : undefined;
}

export function kindLabel(kind: 'cookie' | 'bearer'): string {
  return kind === 'cookie' ? 'Cookie session' : 'Bearer token';
}

/** The panel a profile opens on: sign-in when there is no live session, else the session. */
export function defaultTab(status: SessionStatus): 'sign-in' | 'session' {
  return isLive(status) ? 'session' : 'sign-in';
}

/**
 * What to say when a token's lifetime is not the profile's: a cookie session's token is the one
 * the cluster hands out for that session (no call asks it for a lifetime). Nothing when they agree.
 */
export function lifetimeNote(
  token: { createdAt: number; expiresAt: number },
  validitySeconds: number,
  /** What can ask the cluster for the profile's lifetime instead, if anything. */
  askWith?: 'password' | 'secret key',
): string | undefined {
  const seconds = Math.round((token.expiresAt - token.createdAt) / 1000);
  // A minute either way is the cluster rounding, not another lifetime.
  if (Math.abs(seconds - validitySeconds) < 60) return undefined;
  const said = `The cluster gave this token ${formatValidity(seconds)}, not the profile's ${formatValidity(validitySeconds)}: a cookie session's token lives as long as the cluster decides.`;
  return askWith
    ? `${said} For ${formatValidity(validitySeconds)}, use “Get token” on the Sign-in tab with your ${askWith}.`
    : said;
}
