// Helpers for the emulator's own tests: raw HTTP calls with global fetch, and typed views of the
// error bodies of each dialect.

export interface Answer {
  status: number;
  headers: Headers;
  text: string;
  /** Parsed JSON body, or undefined when the body is empty or not JSON. */
  json: unknown;
}

export interface CallOptions {
  body?: unknown;
  token?: string;
  cookie?: string;
  headers?: Record<string, string>;
}

export async function call(
  base: string,
  method: 'GET' | 'POST',
  path: string,
  options: CallOptions = {},
): Promise<Answer> {
  const headers: Record<string, string> = { Accept: 'application/json', ...options.headers };
  if (options.token !== undefined) headers.Authorization = `Bearer ${options.token}`;
  if (options.cookie !== undefined) headers.Cookie = options.cookie;
  const init: RequestInit = { method, headers };
  if (options.body !== undefined) {
    headers['Content-Type'] ??= 'application/json';
    init.body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
  }
  const res = await fetch(`${base}${path}`, init);
  const text = await res.text();
  let json: unknown;
  try {
    json = text === '' ? undefined : (JSON.parse(text) as unknown);
  } catch {
    json = undefined;
  }
  return { status: res.status, headers: res.headers, text, json };
}

/** `JSESSIONID=<value>` from a login answer, ready to send back as a Cookie header. */
export function sessionCookieOf(answer: Answer): string {
  const line = answer.headers.getSetCookie().find((c) => c.startsWith('JSESSIONID='));
  if (line === undefined) throw new Error('no JSESSIONID cookie was set');
  return line.split(';')[0] ?? '';
}

export interface ErrorData {
  code: number;
  incident_id_guid: string;
  trace_id_guid: string;
  debug: string;
}

export interface ErrorAB {
  error: {
    errors: {
      message: string;
      path: string[];
      extension: {
        service: string;
        code: string;
        exception: { upstreamResponse: { status: number; data: ErrorData } };
      };
    };
  };
}

export interface ErrorC {
  error: { message: ErrorData };
}

export interface ErrorCLive {
  error: { message: { debug: ErrorData } };
}

const LIVE_DEBUG =
  /^Error Code: (?<name>\S+) Incident Id: (?<incident>\S+)\nError Message: (?<text>.*)$/s;

/**
 * The live envelope's debug (a JSON array of one `Error Code: ... Incident Id: ...\nError
 * Message: ...` string) read back to the documented plain text, after checking its exact form.
 */
export function liveDebugOf(data: ErrorData): { name: string; incident: string; text: string } {
  const entries = JSON.parse(data.debug) as unknown;
  const entry =
    Array.isArray(entries) && entries.length === 1 ? (entries[0] as unknown) : undefined;
  const match = typeof entry === 'string' ? LIVE_DEBUG.exec(entry) : null;
  if (!match?.groups) throw new Error(`not a live debug: ${data.debug}`);
  const { name = '', incident = '', text = '' } = match.groups;
  if (incident !== data.incident_id_guid) throw new Error('the debug names another incident');
  return { name, incident, text };
}

/** Documented data as is; live data with its debug read back to the documented text. */
function plain(data: ErrorData): ErrorData {
  if (!data.debug.startsWith('[')) return data;
  return { ...data, debug: liveDebugOf(data).text };
}

/** The real status and data hidden in an A/B 500 envelope, in the documented form. */
export function upstreamOfBody(body: unknown): { status: number; data: ErrorData } {
  const upstream = (body as ErrorAB).error.errors.extension.exception.upstreamResponse;
  return { ...upstream, data: plain(upstream.data) };
}

/** A dialect C error's data, in the documented form, whichever envelope carried it. */
export function errorDataOfBodyC(body: unknown): ErrorData {
  const message = (body as ErrorC | ErrorCLive).error.message;
  return plain(typeof message.debug === 'object' ? message.debug : (message as ErrorData));
}

export const upstreamOf = (answer: Answer) => upstreamOfBody(answer.json);
export const errorDataOfC = (answer: Answer) => errorDataOfBodyC(answer.json);
