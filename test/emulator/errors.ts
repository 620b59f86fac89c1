// Failures and their bodies. Clients classify on `code` and `debug`, so these strings are exact.
import { randomUUID } from 'node:crypto';
import type { ErrorEnvelope } from './types.js';

export interface FailureSpec {
  status: number;
  code: number;
  /** The named code a live cluster writes before the message (`Error Code: ...`). */
  name: string;
  debug: string;
}

export const FAILURES = {
  badCredentials: {
    status: 401,
    code: 10002,
    name: 'AUTHENTICATION_FAILED',
    debug: 'Authentication failed. Verify that the username and password are correct.',
  },
  badSecretKey: {
    status: 401,
    code: 10003,
    name: 'INVALID_SECRET_KEY',
    debug: 'Authentication failed. The trusted authentication secret key is invalid.',
  },
  mfaRequired: {
    status: 401,
    code: 10150,
    name: 'MFA_REQUIRED',
    debug:
      'Multi-factor authentication is required for this user; password sign-in is not allowed.',
  },
  locked: {
    status: 401,
    code: 10101,
    name: 'USER_ACCOUNT_LOCKED',
    debug: 'The user account is locked. Contact your administrator.',
  },
  notAuthenticated: {
    status: 401,
    code: 10023,
    name: 'UNAUTHENTICATED',
    debug: 'The user is not authenticated.',
  },
  tokenExpired: {
    status: 401,
    code: 10024,
    name: 'TOKEN_EXPIRED',
    debug: 'The token has expired.',
  },
  tokenRevoked: {
    status: 401,
    code: 10025,
    name: 'TOKEN_REVOKED',
    debug: 'The token has been revoked.',
  },
  forbidden: {
    status: 403,
    code: 10040,
    name: 'ACCESS_DENIED',
    debug: 'The user does not have access to this resource.',
  },
  internal: { status: 500, code: 10500, name: 'INTERNAL_ERROR', debug: 'Internal server error.' },
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
  return new EmulatorFailure({
    status,
    code: 10001,
    name: 'INVALID_PARAMETER',
    debug: `Invalid parameter values: ${field}`,
  });
}

/**
 * The documented envelope's data, as the OpenAPI examples show it; or the live one: live 10.x
 * clusters JSON-encode `debug` as an array of `Error Code: X Incident Id: Y\nError Message: Z`.
 */
function data(spec: FailureSpec, envelope: ErrorEnvelope) {
  const incident = randomUUID();
  const debug =
    envelope === 'documented'
      ? spec.debug
      : JSON.stringify([
          `Error Code: ${spec.name} Incident Id: ${incident}\nError Message: ${spec.debug}`,
        ]);
  return { code: spec.code, incident_id_guid: incident, trace_id_guid: randomUUID(), debug };
}

/**
 * Dialects A and B answer every failure with HTTP 500 and hide the real status in a GraphQL-style
 * envelope from the gateway in front of the backend ("CALLOSUM").
 */
export function bodyAB(spec: FailureSpec, operation: string, envelope: ErrorEnvelope) {
  return {
    error: {
      errors: {
        message: 'Request failed with status code 500',
        path: [`restapiV2__${operation}`],
        extension: {
          service: 'CALLOSUM',
          code: 'UPSTREAM_FAILURE',
          exception: { upstreamResponse: { status: spec.status, data: data(spec, envelope) } },
        },
      },
    },
  };
}

/**
 * REST API v1 uses the real status and puts the incident and a JSON-array `debug` at the top
 * level, whichever envelope; live clusters write the `Error Code: ...` form inside it.
 */
export function bodyV1(spec: FailureSpec, envelope: ErrorEnvelope) {
  const { code, incident_id_guid, trace_id_guid, debug } = data(spec, envelope);
  const reason = envelope === 'documented' ? JSON.stringify([debug]) : debug;
  return {
    type: spec.status >= 500 ? 'SERVER_ERROR' : 'USER_ERROR',
    code,
    incident_id_guid,
    trace_id_guid,
    debug: reason,
  };
}

/** Dialect C uses the real status and a flat body; live clusters nest it one level deeper. */
export function bodyC(spec: FailureSpec, envelope: ErrorEnvelope) {
  const inner = data(spec, envelope);
  return { error: { message: envelope === 'documented' ? inner : { debug: inner } } };
}
