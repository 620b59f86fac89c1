import * as v from 'valibot';
import { ResponseError } from '../errors/index.js';
import type { RequestContext } from './classify.js';

/** Response shapes exactly as the shared API reference gives them; unknown fields are ignored. */

const str = v.optional(v.string());

/** The latest time a Date can hold: a later expiry is no time at all (and breaks formatting). */
export const LATEST_TIME_MS = 8.64e15;

export const v2LoginResponse = v.object({
  userName: str,
  token: str,
  tokenCreatedTime: str,
  tokenExpiryDuration: str,
  tokenType: str,
});

export const v2SessionInfo = v.object({
  userName: v.string(),
  userDisplayName: str,
  userEmail: str,
  userGUID: str,
  privileges: v.optional(v.array(v.string())),
  expirationTime: v.optional(v.pipe(v.number(), v.maxValue(LATEST_TIME_MS))),
  state: str,
  userProperties: v.optional(v.object({ mail: v.optional(v.nullable(v.string())) })),
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
  valid_for_user_id: str,
  valid_for_username: str,
});

export const cUser = v.object({
  id: v.string(),
  name: v.string(),
  display_name: v.string(),
  visibility: v.string(),
  email: v.optional(v.nullable(v.string())),
  account_status: v.optional(v.nullable(v.string())),
  privileges: v.optional(v.nullable(v.array(v.string()))),
  current_org: v.optional(v.nullable(v.object({ id: v.number(), name: str }))),
});

export const cValidity = v.object({
  creation_time_in_millis: v.optional(millis),
  expiration_time_in_millis: millis,
  valid_for_user_id: str,
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
