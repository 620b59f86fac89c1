import {
  type AppError,
  AuthError,
  InputError,
  ResponseError,
  type ErrorDetails,
} from '../errors/index.js';
import { readServerReason, reasonDetails } from './error-body.js';

export type Operation =
  | 'session info'
  | 'sign in'
  | 'get a token'
  | 'sign out'
  | 'revoke the token'
  | 'validate the token'
  | 'read the session token'
  | 'mint a token'
  | "revoke a user's tokens"
  | 'list orgs'
  | 'switch org'
  | 'detect the API';

/** What was being attempted, so an error can say it in a person's terms. */
export interface RequestContext {
  operation: Operation;
  /** The cluster's origin, as shown to people (never holds credentials). */
  origin: string;
  username?: string;
  credentialKind?: 'password' | 'secretKey';
  /** Values that must never appear in a message or details (they are blanked out). */
  secrets: readonly string[];
}

export function redact(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) if (secret.length > 0) out = out.split(secret).join('[redacted]');
  return out;
}

function who(context: RequestContext): string {
  return context.username ? `${context.username} at ${context.origin}` : context.origin;
}

/** Builds the error for a ThoughtSpot answer that is not a success. `body` is parsed JSON or undefined. */
export function errorFromResponse(
  status: number,
  body: unknown,
  context: RequestContext,
): AppError {
  const reason = readServerReason(body, context.secrets);
  const details: ErrorDetails = { ...reasonDetails(reason, status), url: context.origin };
  // A server may echo what it was sent into any of these: none may carry a secret onwards.
  for (const key of ['debug', 'errorCode', 'incidentId', 'traceId'] as const) {
    const value = details[key];
    if (value !== undefined) details[key] = redact(value, context.secrets);
  }
  // 502-599 without a ThoughtSpot body is a gateway in trouble; 600-999 is nobody's convention.
  if (!reason && status !== 500 && (status < 502 || status > 599)) {
    return new ResponseError(
      'NOT_THOUGHTSPOT',
      `${context.origin} answered ${context.operation} with HTTP ${status} and no ThoughtSpot error; is this the cluster's URL, and does it speak this API dialect?`,
      details,
    );
  }
  const effective = reason?.upstreamStatus ?? status;
  const debug = details.debug ?? '';
  // What the server said, in words and in its named code (USER_ACCOUNT_LOCKED reads as words).
  const said = [details.errorCode?.replace(/_/g, ' '), debug].filter(Boolean).join(' ');
  if (/multi-?factor|\bMFA\b/i.test(said)) {
    return new AuthError(
      'MFA_REQUIRED',
      `This cluster requires multi-factor sign-in for ${who(context)}; sign in through its own sign-in page in a browser instead`,
      details,
    );
  }
  if (/\blocked\b/i.test(said)) {
    return new AuthError(
      'ACCOUNT_LOCKED',
      `The account ${who(context)} is locked; ask a ThoughtSpot administrator to unlock it`,
      details,
    );
  }
  if (effective === 401 || effective === 403) {
    if (/revoked/i.test(said)) {
      return new AuthError(
        'TOKEN_REVOKED',
        `The token for ${who(context)} was revoked; sign in again`,
        details,
      );
    }
    if (/expired/i.test(said)) {
      return new AuthError(
        'TOKEN_EXPIRED',
        `The session for ${who(context)} has expired; sign in again`,
        details,
      );
    }
  }
  if (effective === 401) {
    if (context.credentialKind === 'password') {
      return new AuthError(
        'AUTH_FAILED',
        `Wrong username or password for ${who(context)}`,
        details,
      );
    }
    if (context.credentialKind === 'secretKey') {
      return new AuthError(
        'AUTH_FAILED',
        `The trusted-auth secret key was refused for ${who(context)} (wrong key, or no such user)`,
        details,
      );
    }
    return new AuthError(
      'NOT_SIGNED_IN',
      `Not signed in to ${context.origin} (the session ended or was never started); sign in again`,
      details,
    );
  }
  if (effective === 403) {
    const subject = context.username ?? 'This account';
    return new AuthError(
      'FORBIDDEN',
      `${subject} is not allowed to ${context.operation} at ${context.origin}${debug ? `: ${debug}` : ''}`,
      details,
    );
  }
  if (effective === 400 || effective === 422) {
    return new InputError(
      `${context.origin} refused the request to ${context.operation} as invalid${debug ? `: ${debug}` : ''}`,
      details,
    );
  }
  if (effective >= 500 || status >= 500) {
    const incident = details.incidentId ? ` (incident ${details.incidentId})` : '';
    return new ResponseError(
      'SERVER_ERROR',
      `${context.origin} failed to ${context.operation}: server error ${effective}${incident}; try again later`,
      details,
    );
  }
  return new ResponseError(
    'UNEXPECTED_RESPONSE',
    `${context.origin} answered ${context.operation} with HTTP ${effective}${debug ? `: ${debug}` : ''}`,
    details,
  );
}
