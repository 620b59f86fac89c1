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

/** The real status and data hidden in an A/B 500 envelope. */
export function upstreamOf(answer: Answer): { status: number; data: ErrorData } {
  return (answer.json as ErrorAB).error.errors.extension.exception.upstreamResponse;
}

export function errorDataOfC(answer: Answer): ErrorData {
  return (answer.json as ErrorC).error.message;
}
