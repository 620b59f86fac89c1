import * as v from 'valibot';
import { ResponseError } from '../errors/index.js';
import type { RequestContext } from './classify.js';
import { stripControls } from './server-text.js';

/** Response shapes exactly as the shared API reference gives them; unknown fields are ignored. */

const str = v.optional(v.string());

/**
 * A string the app shows (names, e-mail, org, privileges): a hostile server's ESC/CSI/OSC 52
 * sequences go here, before any terminal, window or log sees them. Never for tokens.
 */
const shown = v.pipe(v.string(), v.transform(stripControls));
const shownOpt = v.optional(shown);

/** The latest time a Date can hold: a later expiry is no time at all (and breaks formatting). */
export const LATEST_TIME_MS = 8.64e15;

export const v2LoginResponse = v.object({
  userName: shownOpt,
  token: str,
  tokenCreatedTime: str,
  tokenExpiryDuration: str,
  tokenType: str,
});

export const v2SessionInfo = v.object({
  userName: shown,
  userDisplayName: shownOpt,
  userEmail: shownOpt,
  userGUID: shownOpt,
  privileges: v.optional(v.array(shown)),
  expirationTime: v.optional(v.pipe(v.number(), v.maxValue(LATEST_TIME_MS))),
  state: str,
  userProperties: v.optional(v.object({ mail: v.optional(v.nullable(shown)) })),
});

/** REST API v1's `session/info`: the fields the app shows (the many UI preferences ignored). */
export const v1SessionInfo = v.object({
  userName: shown,
  userDisplayName: shownOpt,
  userEmail: v.optional(v.nullable(shown)),
  userGUID: shownOpt,
  privileges: v.optional(v.nullable(v.array(shown))),
  expirationTime: v.optional(v.pipe(v.number(), v.minValue(0), v.maxValue(LATEST_TIME_MS))),
  currentOrgId: v.optional(v.nullable(v.pipe(v.number(), v.integer(), v.minValue(0)))),
});

/** A/B logout and revoketoken answer `true`; an empty body is tolerated. */
export const v2Done = v.optional(v.literal(true));

const millis = v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(LATEST_TIME_MS));

export const cToken = v.object({
  token: v.pipe(v.string(), v.minLength(1)),
  creation_time_in_millis: millis,
  expiration_time_in_millis: millis,
  scope: v.optional(
    v.nullable(v.object({ access_type: str, org_id: v.optional(v.nullable(v.number())) })),
  ),
  valid_for_user_id: shownOpt,
  valid_for_username: shownOpt,
});

/** token/object: a Token whose scope names the one object it is limited to. */
export const cObjectToken = v.object({
  ...cToken.entries,
  scope: v.optional(
    v.nullable(
      v.object({
        access_type: str,
        org_id: v.optional(v.nullable(v.number())),
        metadata_id: v.optional(v.nullable(shown)),
      }),
    ),
  ),
});

/** token/custom answers in a shape of its own. */
export const cCustomToken = v.object({
  id: v.optional(v.nullable(shown)),
  token: v.pipe(v.string(), v.minLength(1)),
  org: v.object({ id: v.number(), name: v.optional(v.nullable(shown)) }),
  user: v.object({ id: shown, name: v.optional(v.nullable(shown)) }),
  creation_time_in_millis: millis,
  expiration_time_in_millis: millis,
});

export const cUser = v.object({
  id: shown,
  name: shown,
  display_name: shown,
  visibility: v.string(),
  email: v.optional(v.nullable(shown)),
  account_status: v.optional(v.nullable(shown)),
  privileges: v.optional(v.nullable(v.array(shown))),
  current_org: v.optional(v.nullable(v.object({ id: v.number(), name: shownOpt }))),
});

export const cValidity = v.object({
  creation_time_in_millis: v.optional(millis),
  expiration_time_in_millis: millis,
  valid_for_user_id: shownOpt,
});

/** Checks a body against a shape; a mismatch names the field, never the value (it may be a secret). */
export function parseShape<S extends v.GenericSchema>(
  schema: S,
  body: unknown,
  context: RequestContext,
): v.InferOutput<S> {
  const result = v.safeParse(schema, body);
  if (result.success) return result.output;
  const issue = result.issues[0];
  const path = issue.path?.map((item) => String(item.key)).join('.');
  const what =
    body === undefined
      ? 'an empty body'
      : !path
        ? `a response that is not ${issue.expected ?? 'the expected object'}`
        : issue.received === 'undefined'
          ? `a response whose field "${path}" is missing`
          : `a response whose field "${path}" is not ${
              // A failed check (range, length) has an `expected` like "<=8640000000000000".
              issue.kind === 'validation' ? 'a usable value' : (issue.expected ?? 'valid')
            }`;
  throw new ResponseError(
    'UNEXPECTED_RESPONSE',
    `${context.origin} answered ${context.operation} with ${what}; it may not be a ThoughtSpot cluster, or its version is not supported`,
    { url: context.origin },
  );
}
