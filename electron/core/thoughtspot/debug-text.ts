/**
 * The `debug` of a ThoughtSpot error as clusters really send it: plain text (the OpenAPI
 * examples), or a JSON-encoded array of strings (live 10.x clusters) whose entries read
 * `Error Code: X Incident Id: Y\nError Message: Z`. Only the Error Message is for a person; the
 * code and incident id are details. Each entry is redacted whole before it is split, so a
 * secret cannot be cut in two by the split; stripping and cutting are the caller's.
 */
import { redactSecrets } from './server-text.js';

export interface DebugParts {
  message?: string;
  errorCode?: string;
  incidentId?: string;
}

const HEADER = /^\s*Error Code:[^\S\n]*(?<code>\S*)(?:\s+Incident Id:[^\S\n]*(?<incident>\S*))?/i;
const MESSAGE_MARK = /Error Message:\s*/i;
// Text that means to be a JSON array (`["...`, `[null`, `[]`) but does not parse.
const BROKEN_ARRAY = /^\[\s*(?:"|null\b|\]|$)/;

const isString = (value: unknown): value is string => typeof value === 'string';

/** The strings in a debug value; nulls and anything else that is not text are skipped. */
function entriesOf(debug: unknown): string[] {
  if (Array.isArray(debug)) return debug.filter(isString);
  if (!isString(debug)) return [];
  const trimmed = debug.trim();
  if (!trimmed.startsWith('[')) return [debug];
  try {
    const parsed: unknown = JSON.parse(trimmed);
    if (Array.isArray(parsed)) return parsed.filter(isString);
  } catch {
    // A broken array is JSON, not a reason: better no reason than brackets and quotes.
    if (BROKEN_ARRAY.test(trimmed)) return [];
  }
  return [debug];
}

function parseEntry(text: string): DebugParts {
  const mark = MESSAGE_MARK.exec(text);
  const head = mark ? text.slice(0, mark.index) : text;
  const header = HEADER.exec(head);
  const parts: DebugParts = {};
  if (header?.groups?.code) parts.errorCode = header.groups.code;
  if (header?.groups?.incident) parts.incidentId = header.groups.incident;
  let message = text;
  if (mark) message = text.slice(mark.index + mark[0].length);
  else if (header) message = head.slice(header[0].length);
  if (message.trim() !== '') parts.message = message.trim();
  return parts;
}

export function decodeDebug(debug: unknown, secrets: readonly string[] = []): DebugParts {
  const parts = entriesOf(debug).map((entry) => parseEntry(redactSecrets(entry, secrets)));
  const decoded: DebugParts = {};
  const messages = parts.flatMap((p) => (p.message === undefined ? [] : [p.message]));
  if (messages.length > 0) decoded.message = messages.join('; ');
  const errorCode = parts.find((p) => p.errorCode !== undefined)?.errorCode;
  if (errorCode !== undefined) decoded.errorCode = errorCode;
  const incidentId = parts.find((p) => p.incidentId !== undefined)?.incidentId;
  if (incidentId !== undefined) decoded.incidentId = incidentId;
  return decoded;
}
