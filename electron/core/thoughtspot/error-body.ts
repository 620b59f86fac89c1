import type { ErrorDetails } from '../errors/index.js';
import { cleanServerText } from './server-text.js';

/** The useful part of a ThoughtSpot error body, whichever dialect wrote it. */
export interface ServerReason {
  /** A/B put the real status inside a generic 500; C uses real status codes. */
  upstreamStatus?: number;
  serverCode?: number;
  debug?: string;
  incidentId?: string;
  traceId?: string;
}

function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

function at(value: unknown, ...path: string[]): unknown {
  let current = value;
  for (const key of path) current = record(current)?.[key];
  return current;
}

function fromData(
  data: Record<string, unknown> | undefined,
  secrets: readonly string[],
): ServerReason {
  if (!data) return {};
  const reason: ServerReason = {};
  if (typeof data.code === 'number') reason.serverCode = data.code;
  if (typeof data.debug === 'string') reason.debug = cleanServerText(data.debug, secrets);
  if (typeof data.incident_id_guid === 'string')
    reason.incidentId = cleanServerText(data.incident_id_guid, secrets, 100);
  if (typeof data.trace_id_guid === 'string')
    reason.traceId = cleanServerText(data.trace_id_guid, secrets, 100);
  return reason;
}

/**
 * Digs the server's reason out of an error body. Returns undefined when the body is not a
 * ThoughtSpot error at all (which is itself a clue: a proxy or another server answered).
 * `secrets` (what was sent) are redacted before anything is shortened.
 */
export function readServerReason(
  body: unknown,
  secrets: readonly string[] = [],
): ServerReason | undefined {
  // Dialect A/B: { error: { errors: { message, extension: { exception: { upstreamResponse } } } } }
  const errors = at(body, 'error', 'errors');
  if (record(errors)) {
    const upstream = at(errors, 'extension', 'exception', 'upstreamResponse');
    const reason = fromData(record(at(upstream, 'data')), secrets);
    const status = at(upstream, 'status');
    if (typeof status === 'number') reason.upstreamStatus = status;
    const outer = at(errors, 'message');
    if (!reason.debug && typeof outer === 'string') reason.debug = cleanServerText(outer, secrets);
    return reason;
  }
  // Dialect C: { error: { message: { code, incident_id_guid, trace_id_guid, debug } } }
  const message = at(body, 'error', 'message');
  if (record(message)) return fromData(record(message), secrets);
  if (typeof message === 'string') return { debug: cleanServerText(message, secrets) };
  return undefined;
}

export function reasonDetails(reason: ServerReason | undefined, status: number): ErrorDetails {
  const details: ErrorDetails = { status: reason?.upstreamStatus ?? status };
  if (reason?.serverCode !== undefined) details.serverCode = reason.serverCode;
  if (reason?.debug !== undefined) details.debug = reason.debug;
  if (reason?.incidentId !== undefined) details.incidentId = reason.incidentId;
  if (reason?.traceId !== undefined) details.traceId = reason.traceId;
  return details;
}

/** Which dialect family wrote an error body: A/B nest it, C keeps it flat. */
export function errorShapeOf(body: unknown): 'nested' | 'flat' | undefined {
  if (record(at(body, 'error', 'errors'))) return 'nested';
  if (record(at(body, 'error', 'message'))) return 'flat';
  return undefined;
}
