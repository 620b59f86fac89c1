/** Headings for error codes; the message under them is the core's own. Pure. */

const TITLES: Record<string, string> = {
  AUTH_FAILED: 'Sign-in refused',
  MFA_REQUIRED: 'Multi-factor authentication required',
  ACCOUNT_LOCKED: 'Account locked',
  FORBIDDEN: 'Not allowed',
  NOT_SIGNED_IN: 'Not signed in',
  TOKEN_EXPIRED: 'Token expired',
  TOKEN_REVOKED: 'Token revoked',
  SERVER_ERROR: 'The cluster reported an error',
  NETWORK: 'Cannot reach the cluster',
  TIMEOUT: 'The cluster did not answer in time',
  CANCELLED: 'Cancelled',
  SIGN_IN_UNFINISHED: 'Sign-in not finished',
  TLS: 'Secure connection failed',
  NOT_THOUGHTSPOT: 'Not a ThoughtSpot cluster',
  UNEXPECTED_RESPONSE: 'Unexpected answer from the cluster',
  KEYCHAIN_UNAVAILABLE: 'Keychain unavailable',
  STORAGE_FAILED: 'Could not save',
  INVALID_INPUT: 'Check what was entered',
  CLIPBOARD_REFUSED: 'Not copied',
};

export function errorTitle(code: string): string {
  return TITLES[code] ?? 'Something went wrong';
}

/** Details worth showing under the disclosure, in a fixed order, skipping empty ones. */
export function detailRows(details: Record<string, unknown>): [string, string][] {
  const labels: [string, string][] = [
    ['incidentId', 'Incident id'],
    ['traceId', 'Trace id'],
    ['status', 'HTTP status'],
    ['serverCode', 'Server code'],
    ['errorCode', 'Error code'],
    ['debug', 'Server reason'],
    ['cause', 'Cause'],
    ['url', 'URL'],
  ];
  const rows: [string, string][] = [];
  for (const [key, label] of labels) {
    const value = details[key];
    if (typeof value === 'string' || typeof value === 'number') rows.push([label, String(value)]);
  }
  return rows;
}

/** A browser sign-in the person (or an edit of the profile) called off: news, not a fault. */
export function isCancelledSignIn(error: { code: string; details: { cause?: string } }): boolean {
  return error.code === 'SIGN_IN_UNFINISHED' && error.details.cause === 'cancelled';
}
