/** What a session status looks like in the window. Pure: tested beside this file. */
import type { SessionStatus } from './api.js';

export type Tone = 'neutral' | 'busy' | 'ok' | 'warn' | 'bad';

const LABELS: Record<SessionStatus['state'], string> = {
  'signed-out': 'Signed out',
  'signing-in': 'Signing in…',
  'signed-in': 'Signed in',
  renewing: 'Renewing…',
  'expiring-soon': 'Expiring soon',
  expired: 'Expired',
  revoked: 'Revoked',
  error: 'Error',
};

const TONES: Record<SessionStatus['state'], Tone> = {
  'signed-out': 'neutral',
  'signing-in': 'busy',
  'signed-in': 'ok',
  renewing: 'busy',
  'expiring-soon': 'warn',
  expired: 'bad',
  revoked: 'bad',
  error: 'bad',
};

export function statusLabel(status: SessionStatus): string {
  return LABELS[status.state];
}

export function statusTone(status: SessionStatus): Tone {
  return TONES[status.state];
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
