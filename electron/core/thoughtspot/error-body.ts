import type { ErrorDetails } from '../errors/index.js';
import { decodeDebug } from './debug-text.js';
import { cleanServerText } from './server-text.js';

/** The useful part of a ThoughtSpot error body, whichever dialect wrote it. */
export interface ServerReason {
  /** A/B put the real status inside a generic 500; C uses real status codes. */
  upstreamStatus?: number;
  serverCode?: number;
  /** The named code a live cluster puts before its message (`Error Code: AUTHENTICATION_FAILED`). */
  errorCode?: string;
  /** For a person: the `Error Message:` part of a live cluster's debug, or the plain debug. */
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

// A hostile body may nest `debug` objects without end; live clusters use one extra level.
const MAX_DEPTH = 3;
// Clusters without tracing send this where a trace id would be: it identifies nothing.
const NO_TRACE = 'tracing-disabled';

function idText(value: unknown, secrets: readonly string[]): string | undefined {
  if (typeof value !== 'string') return undefined;
  const id = cleanServerText(value, secrets, 100).trim();
  return id === '' ? undefined : id;
}

/**
 * `{ code, incident_id_guid, trace_id_guid, debug }` as the OpenAPI examples show it, or with
 * `debug` one level deeper holding the same keys (live clusters); `debug` itself may be a
 * JSON-encoded array (debug-text.ts). The innermost values win.
 */
function fromData(
  data: Record<string, unknown> | undefined,
  secrets: readonly string[],
  depth = 0,
): ServerReason {
  if (!data) return {};
  const reason: ServerReason = {};
  if (typeof data.code === 'number') reason.serverCode = data.code;
  const incidentId = idText(data.incident_id_guid, secrets);
  if (incidentId !== undefined) reason.incidentId = incidentId;
  const traceId = idText(data.trace_id_guid, secrets);
  if (traceId !== undefined && traceId !== NO_TRACE) reason.traceId = traceId;
  const nested = record(data.debug);
  if (nested)
    return depth < MAX_DEPTH ? { ...reason, ...fromData(nested, secrets, depth + 1) } : reason;
  return { ...reason, ...fromDebug(data.debug, secrets, reason.incidentId) };
}

function fromDebug(
  debug: unknown,
  secrets: readonly string[],
  incidentId: string | undefined,
): ServerReason {
  const parts = decodeDebug(debug, secrets);
  const reason: ServerReason = {};
  if (parts.message !== undefined) {
    const text = cleanServerText(parts.message, secrets).trim();
    if (text !== '') reason.debug = text;
  }
  const errorCode = idText(parts.errorCode, secrets);
  if (errorCode !== undefined) reason.errorCode = errorCode;
  const textIncident = idText(parts.incidentId, secrets);
  if (incidentId === undefined && textIncident !== undefined) reason.incidentId = textIncident;
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
    if (!reason.debug && typeof outer === 'string') {
      const fallback = fromDebug(outer, secrets, reason.incidentId).debug;
      if (fallback !== undefined) reason.debug = fallback;
    }
    return reason;
  }
  // Dialect C: { error: { message: { code, incident_id_guid, trace_id_guid, debug } } }, or live:
  // { error: { message: { debug: { code, incident_id_guid, trace_id_guid, debug } } } }
  const message = at(body, 'error', 'message');
  if (record(message)) return fromData(record(message), secrets);
  if (typeof message === 'string') return fromDebug(message, secrets, undefined);
  // REST API v1: { code, incident_id_guid, debug: "[\"reason\"]", ... } at the top level.
  const top = v1Body(body);
  if (top) return fromData(top, secrets);
  return undefined;
}

/** A v1 error names its incident and carries a debug, with no `error` wrapper around them. */
function v1Body(body: unknown): Record<string, unknown> | undefined {
  const top = record(body);
  return top && typeof top.incident_id_guid === 'string' && 'debug' in top ? top : undefined;
}

export function reasonDetails(reason: ServerReason | undefined, status: number): ErrorDetails {
  const details: ErrorDetails = { status: reason?.upstreamStatus ?? status };
  if (reason?.serverCode !== undefined) details.serverCode = reason.serverCode;
  if (reason?.errorCode !== undefined) details.errorCode = reason.errorCode;
  if (reason?.debug !== undefined) details.debug = reason.debug;
  if (reason?.incidentId !== undefined) details.incidentId = reason.incidentId;
  if (reason?.traceId !== undefined) details.traceId = reason.traceId;
  return details;
}

/** Which dialect family wrote an error body: A/B nest it, C keeps it flat, v1 has no wrapper. */
export function errorShapeOf(body: unknown): 'nested' | 'flat' | 'top-level' | undefined {
  if (record(at(body, 'error', 'errors'))) return 'nested';
  if (record(at(body, 'error', 'message'))) return 'flat';
  if (v1Body(body)) return 'top-level';
  return undefined;
}
