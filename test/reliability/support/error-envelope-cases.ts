// Error bodies as clusters in the field really send them (the shared reference, "What clusters in
// the field really send on errors"): the live envelope, a JSON-array `debug`, and its oddities.
// Each is refused with the code its reason calls for, that reason in words, and nothing raw.
import type { ErrorCode, ErrorDetails } from '../../../electron/core/errors/index.js';
import { PASSWORD, type Op } from './bad-server-kit.js';

export interface ErrorEnvelopeCase {
  name: string;
  op: Op;
  status: number;
  body: unknown;
  code: ErrorCode;
  /** Details that must be there, exactly. */
  details: Partial<ErrorDetails>;
  /** Details that must not be there at all. */
  absent?: (keyof ErrorDetails)[];
  /** Words the message must hold. */
  says?: string;
}

const WRONG_PASSWORD = 'Authentication failed. Verify that the username and password are correct.';
const INCIDENT = '2e38a1c4-7b5d-4e6f-8a9b-0c1d2e3f4a5b';
const TRACE = '0546f7e8-9a0b-4c1d-8e2f-3a4b5c6d7e8f';

/** One live `debug` entry: `Error Code: X Incident Id: Y\nError Message: Z`. */
const entry = (code: string, message: string, incident = INCIDENT) =>
  `Error Code: ${code} Incident Id: ${incident}\nError Message: ${message}`;

/** Dialect C's live envelope: the documented data one level deeper, `debug` JSON-encoded. */
function liveC(debug: unknown, extra: Record<string, unknown> = {}): unknown {
  const inner = { code: 10097, incident_id_guid: INCIDENT, trace_id_guid: TRACE, debug, ...extra };
  return { error: { message: { debug: inner } } };
}

/** Dialects A/B: the 500 envelope whose upstream data carries `data`. */
function upstreamAB(status: number, data: Record<string, unknown>): unknown {
  return {
    error: {
      errors: {
        message: 'Request failed with status code 500',
        extension: {
          service: 'CALLOSUM',
          code: 'UPSTREAM_FAILURE',
          exception: { upstreamResponse: { status, data } },
        },
      },
    },
  };
}

const encoded = (...entries: unknown[]) => JSON.stringify(entries);

/** As text: a value this deep is more than JSON.stringify's stack will take. */
function deeplyNested(levels: number): string {
  const innermost = JSON.stringify({ debug: encoded(entry('DEEP', 'too deep to read')) });
  const open = '{"code":1,"debug":'.repeat(levels);
  return `{"error":{"message":${open}${innermost}${'}'.repeat(levels)}}}`;
}

export function errorEnvelopeCases(): ErrorEnvelopeCase[] {
  const wrong = encoded(entry('AUTHENTICATION_FAILED', WRONG_PASSWORD));
  return [
    {
      name: 'C live, as captured: the Error Message in words, the Error Code and incident in details',
      op: 'C token',
      status: 401,
      body: liveC(wrong),
      code: 'AUTH_FAILED',
      details: {
        status: 401,
        serverCode: 10097,
        debug: WRONG_PASSWORD,
        errorCode: 'AUTHENTICATION_FAILED',
        incidentId: INCIDENT,
        traceId: TRACE,
      },
    },
    {
      name: 'C live, "[null]": no reason, the rest kept',
      op: 'C token',
      status: 401,
      body: liveC('[null]'),
      code: 'AUTH_FAILED',
      details: { serverCode: 10097, incidentId: INCIDENT },
      absent: ['debug', 'errorCode'],
    },
    {
      name: 'C live, trace id "tracing-disabled": no trace id',
      op: 'C token',
      status: 401,
      body: liveC(wrong, { trace_id_guid: 'tracing-disabled' }),
      code: 'AUTH_FAILED',
      details: { debug: WRONG_PASSWORD, incidentId: INCIDENT },
      absent: ['traceId'],
    },
    {
      name: 'C live, extra "type" keys at both levels: ignored',
      op: 'C token',
      status: 401,
      body: {
        error: {
          message: {
            type: 'AUTHENTICATION',
            debug: { code: 10097, incident_id_guid: INCIDENT, type: 'ERROR', debug: wrong },
          },
        },
      },
      code: 'AUTH_FAILED',
      details: { debug: WRONG_PASSWORD, errorCode: 'AUTHENTICATION_FAILED' },
    },
    {
      name: 'C live, a reason without the Error Code prefix: the whole entry is the reason',
      op: 'C token',
      status: 403,
      body: liveC(encoded("Column 'X' is not secured")),
      code: 'FORBIDDEN',
      details: { status: 403, debug: "Column 'X' is not secured" },
      absent: ['errorCode'],
      says: ": Column 'X' is not secured",
    },
    {
      name: 'C live, MFA said only in the Error Message: MFA required, not a wrong password',
      op: 'C login',
      status: 401,
      body: liveC(encoded(entry('AUTH_FAILURE', 'Multi-factor authentication is required.'))),
      code: 'MFA_REQUIRED',
      details: { errorCode: 'AUTH_FAILURE', debug: 'Multi-factor authentication is required.' },
    },
    {
      name: 'C live, locked said only in the Error Code: the account is locked',
      op: 'C token',
      status: 401,
      body: liveC(encoded(entry('USER_ACCOUNT_LOCKED', 'Sign-in refused.'))),
      code: 'ACCOUNT_LOCKED',
      details: { errorCode: 'USER_ACCOUNT_LOCKED', debug: 'Sign-in refused.' },
    },
    {
      name: 'C live, an expired token on session info',
      op: 'C info',
      status: 401,
      body: liveC(encoded(entry('INVALID_TOKEN', 'The token has expired.'))),
      code: 'TOKEN_EXPIRED',
      details: { debug: 'The token has expired.', incidentId: INCIDENT },
    },
    {
      name: 'C live, a revoked token on session info',
      op: 'C info',
      status: 401,
      body: liveC(encoded(entry('TOKEN_REVOKED', 'This token is no longer valid.'))),
      code: 'TOKEN_REVOKED',
      details: { errorCode: 'TOKEN_REVOKED', debug: 'This token is no longer valid.' },
    },
    {
      name: 'C live, several entries with nulls among them: the messages joined, the first code',
      op: 'C token',
      status: 403,
      body: liveC(encoded(null, entry('ACCESS_DENIED', 'No access.'), null, 'Ask an admin.')),
      code: 'FORBIDDEN',
      details: { debug: 'No access.; Ask an admin.', errorCode: 'ACCESS_DENIED' },
    },
    {
      name: 'C live, a broken JSON array: no reason rather than brackets and quotes',
      op: 'C token',
      status: 403,
      body: liveC('["Error Code: ACCESS_DENIED Incident Id: 1\\nError Message: No'),
      code: 'FORBIDDEN',
      details: { status: 403, incidentId: INCIDENT },
      absent: ['debug', 'errorCode'],
    },
    {
      name: 'C live, control characters inside an entry: stripped',
      op: 'C token',
      status: 403,
      body: liveC(
        encoded(entry('ACCESS\u001b[2J_DENIED', 'No\u001b]52;c;eA==\u0007 access.\u009b')),
      ),
      code: 'FORBIDDEN',
      details: { errorCode: 'ACCESS[2J_DENIED', debug: 'No]52;c;eA== access.' },
    },
    {
      name: 'C live, the password echoed in the Error Code and the Error Message: redacted',
      op: 'C token',
      status: 401,
      body: liveC(encoded(entry(PASSWORD, `bad password ${PASSWORD}`))),
      code: 'AUTH_FAILED',
      details: { errorCode: '[redacted]', debug: 'bad password [redacted]' },
    },
    {
      name: 'C live, the incident id only in the text: taken from there',
      op: 'C token',
      status: 401,
      body: { error: { message: { debug: { code: 10097, debug: wrong } } } },
      code: 'AUTH_FAILED',
      details: { incidentId: INCIDENT, debug: WRONG_PASSWORD },
    },
    {
      name: 'C, debug as a real array instead of an encoded one: read the same',
      op: 'C token',
      status: 401,
      body: liveC([null, entry('AUTHENTICATION_FAILED', WRONG_PASSWORD)]),
      code: 'AUTH_FAILED',
      details: { debug: WRONG_PASSWORD, errorCode: 'AUTHENTICATION_FAILED' },
    },
    {
      name: 'C, error.message a string holding an encoded array: decoded',
      op: 'C token',
      status: 401,
      body: { error: { message: wrong } },
      code: 'AUTH_FAILED',
      details: { debug: WRONG_PASSWORD, errorCode: 'AUTHENTICATION_FAILED', incidentId: INCIDENT },
    },
    {
      name: 'C, debug objects nested without end: read no deeper than the live envelope',
      op: 'C token',
      status: 401,
      body: deeplyNested(2_000),
      code: 'AUTH_FAILED',
      details: { status: 401 },
      absent: ['debug'],
    },
    ...(['A', 'B'] as const).flatMap((dialect): ErrorEnvelopeCase[] => [
      {
        name: `${dialect}: upstream data with a JSON-array debug: decoded`,
        op: `${dialect} token`,
        status: 500,
        body: upstreamAB(401, { code: 10002, incident_id_guid: INCIDENT, debug: wrong }),
        code: 'AUTH_FAILED',
        details: {
          status: 401,
          serverCode: 10002,
          debug: WRONG_PASSWORD,
          errorCode: 'AUTHENTICATION_FAILED',
          incidentId: INCIDENT,
        },
      },
      {
        name: `${dialect}: upstream data one level deeper, as C's live envelope: decoded`,
        op: `${dialect} login`,
        status: 500,
        body: upstreamAB(401, {
          debug: {
            code: 10150,
            trace_id_guid: 'tracing-disabled',
            debug: encoded(entry('MFA_REQUIRED', 'Multi-factor authentication is required.')),
          },
        }),
        code: 'MFA_REQUIRED',
        details: { status: 401, serverCode: 10150, errorCode: 'MFA_REQUIRED' },
        absent: ['traceId'],
      },
      {
        name: `${dialect}: upstream "[null]": the outer message is all there is`,
        op: `${dialect} token`,
        status: 500,
        body: upstreamAB(403, { code: 10040, incident_id_guid: INCIDENT, debug: '[null]' }),
        code: 'FORBIDDEN',
        details: { status: 403, debug: 'Request failed with status code 500' },
        absent: ['errorCode'],
      },
    ]),
  ];
}
