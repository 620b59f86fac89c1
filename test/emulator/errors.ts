// Failures and their bodies. Clients classify on `code` and `debug`, so these strings are exact.
import { randomUUID } from 'node:crypto';

export interface FailureSpec {
  status: number;
  code: number;
  debug: string;
}

export const FAILURES = {
  badCredentials: {
    status: 401,
    code: 10002,
    debug: 'Authentication failed. Verify that the username and password are correct.',
  },
  badSecretKey: {
    status: 401,
    code: 10003,
    debug: 'Authentication failed. The trusted authentication secret key is invalid.',
  },
  mfaRequired: {
    status: 401,
    code: 10150,
    debug:
      'Multi-factor authentication is required for this user; password sign-in is not allowed.',
  },
  locked: {
    status: 401,
    code: 10101,
    debug: 'The user account is locked. Contact your administrator.',
  },
  notAuthenticated: { status: 401, code: 10023, debug: 'The user is not authenticated.' },
  tokenExpired: { status: 401, code: 10024, debug: 'The token has expired.' },
  tokenRevoked: { status: 401, code: 10025, debug: 'The token has been revoked.' },
  forbidden: {
    status: 403,
    code: 10040,
    debug: 'The user does not have access to this resource.',
  },
  internal: { status: 500, code: 10500, debug: 'Internal server error.' },
} as const satisfies Record<string, FailureSpec>;

export type FailureKind = keyof typeof FAILURES;

/** Thrown by handlers; the server renders it in the dialect of the path. */
export class EmulatorFailure extends Error {
  override readonly name = 'EmulatorFailure';
  constructor(readonly spec: FailureSpec) {
    super(spec.debug);
  }
}

export function fail(kind: FailureKind): EmulatorFailure {
  return new EmulatorFailure(FAILURES[kind]);
}

/** 400 (or 413 for an oversized body) naming the offending field. */
export function invalid(field: string, status = 400): EmulatorFailure {
  return new EmulatorFailure({ status, code: 10001, debug: `Invalid parameter values: ${field}` });
}

function data(spec: FailureSpec) {
  return {
    code: spec.code,
    incident_id_guid: randomUUID(),
    trace_id_guid: randomUUID(),
    debug: spec.debug,
  };
}

/**
 * Dialects A and B answer every failure with HTTP 500 and hide the real status in a GraphQL-style
 * envelope from the gateway in front of the backend ("CALLOSUM").
 */
export function bodyAB(spec: FailureSpec, operation: string) {
  return {
    error: {
      errors: {
        message: 'Request failed with status code 500',
        path: [`restapiV2__${operation}`],
        extension: {
          service: 'CALLOSUM',
          code: 'UPSTREAM_FAILURE',
          exception: { upstreamResponse: { status: spec.status, data: data(spec) } },
        },
      },
    },
  };
}

/** Dialect C uses the real status and a flat body. */
export function bodyC(spec: FailureSpec) {
  return { error: { message: data(spec) } };
}
