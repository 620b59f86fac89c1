// Reading requests and writing responses with node:http, kept apart from what the answers mean.
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import { EmulatorFailure, invalid } from './errors.js';

export const MAX_BODY_BYTES = 64 * 1024;
// Past this a client is not making a mistake but flooding us: drop the connection.
const DROP_BYTES = 8 * 1024 * 1024;

export const SESSION_COOKIE = 'JSESSIONID';

export interface RawBody {
  bytes: Buffer;
  tooLarge: boolean;
}

/** Reads the whole body, keeping at most MAX_BODY_BYTES; the rest is drained so we can answer. */
export function readRawBody(req: IncomingMessage): Promise<RawBody> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
      else if (size > DROP_BYTES) req.destroy();
    });
    const done = () => resolve({ bytes: Buffer.concat(chunks), tooLarge: size > MAX_BODY_BYTES });
    req.on('end', done);
    // A destroyed request never ends; settle anyway (the answer then goes nowhere).
    req.on('close', done);
    req.on('error', reject);
  });
}

export type ParsedBody =
  | { kind: 'none' }
  | { kind: 'json'; value: unknown }
  | { kind: 'form'; value: Record<string, string> }
  | { kind: 'bad'; failure: EmulatorFailure };

const FORM = 'application/x-www-form-urlencoded';

export function mediaType(header: string | undefined): string {
  return (header ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}

/**
 * A body is optional; when present it must be declared and be valid JSON, or (REST API v1's
 * paths, `form`) a form-encoded one.
 */
export function parseBody(raw: RawBody, contentType: string | undefined, form = false): ParsedBody {
  if (raw.tooLarge) return { kind: 'bad', failure: invalid('body', 413) };
  const text = raw.bytes.toString('utf8');
  if (text.trim() === '') return { kind: 'none' };
  if (form) {
    if (mediaType(contentType) !== FORM) return { kind: 'bad', failure: invalid('Content-Type') };
    return { kind: 'form', value: Object.fromEntries(new URLSearchParams(text)) };
  }
  if (mediaType(contentType) !== 'application/json') {
    return { kind: 'bad', failure: invalid('Content-Type') };
  }
  try {
    return { kind: 'json', value: JSON.parse(text) as unknown };
  } catch {
    return { kind: 'bad', failure: invalid('body') };
  }
}

/** The bearer token of an `Authorization: Bearer <token>` header; an empty one counts as none. */
export function bearerToken(headers: IncomingHttpHeaders): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(headers.authorization ?? '');
  return match?.[1];
}

export function sessionCookie(headers: IncomingHttpHeaders): string | undefined {
  for (const part of (headers.cookie ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === SESSION_COOKIE) {
      const value = part.slice(eq + 1).trim();
      return value === '' ? undefined : value;
    }
  }
  return undefined;
}

export function setSessionCookie(id: string, secure: boolean, maxAgeSeconds?: number): string {
  const parts = [`${SESSION_COOKIE}=${id}`, 'Path=/', 'HttpOnly'];
  if (secure) parts.push('Secure');
  if (maxAgeSeconds !== undefined) parts.push(`Max-Age=${maxAgeSeconds}`);
  return parts.join('; ');
}

export function clearSessionCookie(secure: boolean): string {
  return setSessionCookie('', secure, 0);
}

export interface Reply {
  status: number;
  /** JSON body; undefined means no body (204). */
  body?: unknown;
  /** A text/plain body instead (REST API v1's one-time token). */
  text?: string;
  cookies?: string[];
  /** A redirect's Location. */
  location?: string;
}

export function send(res: ServerResponse, reply: Reply): void {
  if (reply.cookies && reply.cookies.length > 0) res.setHeader('Set-Cookie', reply.cookies);
  res.setHeader('Cache-Control', 'no-store');
  if (reply.location !== undefined) res.setHeader('Location', reply.location);
  if (reply.text !== undefined) return sendText(res, reply.status, reply.text);
  if (reply.body === undefined) {
    res.writeHead(reply.status).end();
    return;
  }
  const text = JSON.stringify(reply.body);
  res
    .writeHead(reply.status, {
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Length': Buffer.byteLength(text),
    })
    .end(text);
}

export function sendText(
  res: ServerResponse,
  status: number,
  text: string,
  contentType = 'text/plain; charset=utf-8',
  extra: Record<string, string> = {},
): void {
  res
    .writeHead(status, {
      ...extra,
      'Content-Type': contentType,
      'Content-Length': Buffer.byteLength(text),
    })
    .end(text);
}
