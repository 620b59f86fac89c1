import * as v from 'valibot';
import { InputError, isAppError } from '../core/errors/index.js';
import {
  CONTRACT,
  type ChannelName,
  type Envelope,
  type ResponseOf,
  type ValidRequestOf,
} from './contract.js';
import { internalError, type WireError } from './wire-error.js';

/** The main-side handler table: one function per channel, demanded by the compiler. */
export type Handlers = {
  [C in ChannelName]: (request: ValidRequestOf<C>) => Promise<ResponseOf<C>>;
};

function isChannel(name: unknown): name is ChannelName {
  return typeof name === 'string' && Object.hasOwn(CONTRACT, name);
}

/** Names the field and what was expected, never the value (it may be a secret). */
function describeIssue(issue: v.BaseIssue<unknown>): string {
  const field = issue.path?.map((item) => String(item.key)).join('.');
  if (issue.expected === 'never' && field) return `"${field}" is not allowed`;
  // Our own messages ("is empty") read well; valibot's defaults can quote the value, so not those.
  if (!issue.message.startsWith('Invalid') && field) return `"${field}" ${issue.message}`;
  const expected = issue.expected ? ` (expected ${issue.expected})` : '';
  return field
    ? `"${field}" is missing or invalid${expected}`
    : `the request is invalid${expected}`;
}

export function toWire(error: unknown): WireError {
  if (isAppError(error))
    return { code: error.code, message: error.message, details: error.details };
  // Not ours: say little (its text may hold anything) and keep the app running.
  return internalError();
}

/**
 * The one way a request reaches a handler, over IPC or the web bridge: the channel must exist,
 * the request must match its validator, and the answer is an envelope — never a thrown error.
 */
export async function dispatch(
  handlers: Handlers,
  channel: unknown,
  request: unknown,
): Promise<Envelope<unknown>> {
  try {
    if (!isChannel(channel))
      throw new InputError(`Unknown channel ${JSON.stringify(String(channel).slice(0, 60))}`);
    // Valibot takes an array for an object; no request of ours is one.
    if (Array.isArray(request))
      throw new InputError(`Invalid request to ${channel}: a list is not a request`);
    const parsed = v.safeParse(CONTRACT[channel].request, request);
    if (!parsed.success)
      throw new InputError(`Invalid request to ${channel}: ${describeIssue(parsed.issues[0])}`);
    const handler = handlers[channel] as (request: unknown) => Promise<unknown>;
    return { ok: true, data: await handler(parsed.output) };
  } catch (error) {
    return { ok: false, error: toWire(error) };
  }
}
