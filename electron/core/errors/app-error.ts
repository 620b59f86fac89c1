/**
 * The root of every error the core raises on purpose. `code` is stable and is what callers branch
 * on; class identity does not survive IPC, so guards look at `code` and `name`, never instanceof.
 */
export const ERROR_CODES = [
  'AUTH_FAILED',
  'MFA_REQUIRED',
  'ACCOUNT_LOCKED',
  'FORBIDDEN',
  'NOT_SIGNED_IN',
  'TOKEN_EXPIRED',
  'TOKEN_REVOKED',
  'SERVER_ERROR',
  'NETWORK',
  'TIMEOUT',
  'CANCELLED',
  'SIGN_IN_UNFINISHED',
  'TLS',
  'NOT_THOUGHTSPOT',
  'UNEXPECTED_RESPONSE',
  'KEYCHAIN_UNAVAILABLE',
  'STORAGE_FAILED',
  'INVALID_INPUT',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/** What the server said, dug out of its error body; never holds a secret. */
export interface ErrorDetails {
  /** HTTP status the server answered with (for A/B: the upstream status inside the 500). */
  status?: number;
  /** The server's own error code (e.g. 10002). */
  serverCode?: number;
  /** The server's named code, from a live cluster's `Error Code:` (e.g. AUTHENTICATION_FAILED). */
  errorCode?: string;
  /** The server's human-readable reason (`debug`). */
  debug?: string;
  incidentId?: string;
  traceId?: string;
  /** The low-level cause (e.g. ECONNREFUSED, DEPTH_ZERO_SELF_SIGNED_CERT). */
  cause?: string;
  url?: string;
  /** The request field a problem is in ("user", "filterRules.1.values"), so a form shows it there. */
  field?: string;
  /** The user the cluster named, when it is not the profile's (a pasted token of another user). */
  user?: string;
}

export class AppError extends Error {
  override readonly name: string = 'AppError';
  readonly code: ErrorCode;
  readonly details: ErrorDetails;

  constructor(code: ErrorCode, message: string, details: ErrorDetails = {}) {
    super(message);
    this.code = code;
    this.details = details;
  }

  toJSON(): { name: string; code: ErrorCode; message: string; details: ErrorDetails } {
    return { name: this.name, code: this.code, message: this.message, details: this.details };
  }
}

const CODES: ReadonlySet<string> = new Set<string>(ERROR_CODES);

/** True for any AppError, including one rebuilt from a plain object after crossing IPC. */
export function isAppError(value: unknown): value is AppError {
  if (typeof value !== 'object' || value === null) return false;
  const code = (value as { code?: unknown }).code;
  return (
    typeof code === 'string' && CODES.has(code) && typeof (value as Error).message === 'string'
  );
}

export function hasCode(value: unknown, code: ErrorCode): boolean {
  return isAppError(value) && value.code === code;
}
