// net.request and net.fetch, recorded, over Node's real HTTP, behaving the way Electron's do where
// it matters to the app (lib/browser/api/net-fetch.ts, net-client-request.ts in Electron 45):
// - the session's cookie store is read and written unless credentials are 'omit' (net.request
//   without credentials uses it only with useSessionCookies);
// - with redirect 'manual', net.request emits 'redirect' and dies with "Redirect was cancelled"
//   unless followRedirect() or abort() is called in the listener; net.fetch has no such listener,
//   so a manual redirect rejects instead of answering;
// - net.fetch joins several Set-Cookie headers into one with ", ".
import { EventEmitter } from 'node:events';
import { request as httpRequest, type IncomingMessage, type OutgoingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { Readable } from 'node:stream';

export interface NetRequestOptions {
  method?: string;
  url: string;
  redirect?: 'follow' | 'error' | 'manual';
  credentials?: 'include' | 'omit' | 'same-origin';
  useSessionCookies?: boolean;
  origin?: string;
}

/** One request as it went out: what the app asked of Chromium's stack. */
export interface NetSent {
  api: 'request' | 'fetch';
  method: string;
  url: string;
  credentials: NetRequestOptions['credentials'];
  useSessionCookies: boolean;
  redirect: NonNullable<NetRequestOptions['redirect']>;
  cookie: string | undefined;
}

/** A session's cookie jar, as crude as the tests need: name=value per origin, never expiring. */
export class DoubleCookieStore {
  readonly cookies: { origin: string; name: string; value: string }[] = [];

  store(url: string, lines: string[]): void {
    const origin = new URL(url).origin;
    for (const line of lines) {
      const [pair = ''] = line.split(';');
      const at = pair.indexOf('=');
      if (at <= 0) continue;
      const name = pair.slice(0, at).trim();
      const index = this.cookies.findIndex((c) => c.origin === origin && c.name === name);
      if (index >= 0) this.cookies.splice(index, 1);
      this.cookies.push({ origin, name, value: pair.slice(at + 1).trim() });
    }
  }

  header(url: string): string | undefined {
    const origin = new URL(url).origin;
    const pairs = this.cookies
      .filter((c) => c.origin === origin)
      .map((c) => `${c.name}=${c.value}`);
    return pairs.length > 0 ? pairs.join('; ') : undefined;
  }
}

function usesSessionCookies(options: NetRequestOptions): boolean {
  if (options.credentials === undefined) return options.useSessionCookies === true;
  return options.credentials !== 'omit';
}

/** Chromium's errors reach JavaScript as "net::ERR_..." messages. */
function chromiumError(error: NodeJS.ErrnoException): Error {
  const names: Record<string, string> = {
    ECONNREFUSED: 'ERR_CONNECTION_REFUSED',
    ECONNRESET: 'ERR_CONNECTION_RESET',
    ENOTFOUND: 'ERR_NAME_NOT_RESOLVED',
  };
  return new Error(`net::${names[error.code ?? ''] ?? 'ERR_FAILED'}`);
}

const MAX_FOLLOWED = 20;

export class DoubleClientRequest extends EventEmitter {
  readonly #headers: OutgoingHttpHeaders = {};
  #body = '';
  #aborted = false;
  #followed = 0;
  #current: ReturnType<typeof httpRequest> | undefined;
  #followRedirect: (() => void) | undefined;

  constructor(
    readonly options: NetRequestOptions,
    private readonly jar: DoubleCookieStore,
    private readonly sent: NetSent[],
    private readonly api: NetSent['api'] = 'request',
  ) {
    super();
  }

  setHeader(name: string, value: string): void {
    this.#headers[name.toLowerCase()] = value;
  }

  write(chunk: string | Uint8Array): boolean {
    this.#body += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
    return true;
  }

  end(chunk?: string | Uint8Array): this {
    if (chunk !== undefined) this.write(chunk);
    this.#start(this.options.url, this.options.method ?? 'GET');
    return this;
  }

  followRedirect(): void {
    if (!this.#followRedirect)
      throw new Error('followRedirect() called, but was not waiting for a redirect');
    this.#followRedirect();
  }

  abort(): void {
    if (this.#aborted) return;
    this.#aborted = true;
    this.#current?.destroy();
    process.nextTick(() => this.emit('abort'));
  }

  #start(url: string, method: string): void {
    const cookies = usesSessionCookies(this.options);
    const headers: OutgoingHttpHeaders = { ...this.#headers };
    const fromSession = cookies ? this.jar.header(url) : undefined;
    if (fromSession) headers.cookie = fromSession;
    this.sent.push({
      api: this.api,
      method,
      url,
      credentials: this.options.credentials,
      useSessionCookies: this.options.useSessionCookies === true,
      redirect: this.options.redirect ?? 'follow',
      cookie: typeof headers.cookie === 'string' ? headers.cookie : undefined,
    });
    const send = url.startsWith('https:') ? httpsRequest : httpRequest;
    const outgoing = send(url, { method, headers });
    this.#current = outgoing;
    outgoing.on('error', (error: NodeJS.ErrnoException) => {
      if (!this.#aborted) this.emit('error', chromiumError(error));
    });
    outgoing.on('response', (response) => this.#answer(url, method, response));
    outgoing.end(this.#body === '' ? undefined : this.#body);
  }

  #answer(url: string, method: string, response: IncomingMessage): void {
    if (this.#aborted) return void response.destroy();
    const setCookie = response.headers['set-cookie'] ?? [];
    if (usesSessionCookies(this.options)) this.jar.store(url, setCookie);
    const status = response.statusCode ?? 0;
    const location = response.headers.location;
    if (status >= 300 && status < 400 && location) {
      response.resume();
      this.#redirect(status, method, new URL(location, url).href, response);
      return;
    }
    this.emit('response', response);
  }

  #redirect(status: number, method: string, target: string, response: IncomingMessage): void {
    const policy = this.options.redirect ?? 'follow';
    if (policy === 'error' || this.#followed >= MAX_FOLLOWED) {
      this.emit('error', new Error("Attempted to redirect, but redirect policy was 'error'"));
      return;
    }
    let follow = policy === 'follow';
    this.#followRedirect = () => (follow = true);
    try {
      this.emit('redirect', status, method, target, response.headers);
    } finally {
      this.#followRedirect = undefined;
    }
    if (this.#aborted) return;
    if (!follow) {
      this.emit('error', new Error('Redirect was cancelled'));
      return;
    }
    this.#followed++;
    this.#start(target, status === 303 ? 'GET' : method);
  }
}

/** Electron's net.fetch: a Request's defaults, then net.request with no 'redirect' listener. */
export function doubleNetFetch(
  jar: DoubleCookieStore,
  sent: NetSent[],
  url: string,
  init: RequestInit = {},
): Promise<Response> {
  const req = new Request(url, init);
  // A Request's credentials default to 'same-origin'; without an origin net.fetch makes that 'include'.
  const credentials = req.credentials === 'same-origin' ? 'include' : req.credentials;
  const redirect = req.redirect;
  const request = new DoubleClientRequest(
    { method: req.method, url: req.url, credentials, redirect },
    jar,
    sent,
    'fetch',
  );
  for (const [name, value] of req.headers) request.setHeader(name, value);
  return new Promise((resolve, reject) => {
    const signal = init.signal;
    signal?.addEventListener(
      'abort',
      () => {
        request.abort();
        const reason: unknown = signal.reason;
        reject(reason instanceof Error ? reason : new Error('aborted'));
      },
      { once: true },
    );
    request.on('response', (response: IncomingMessage) => {
      const headers = new Headers();
      for (const [name, value] of Object.entries(response.headers)) {
        if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
      }
      const status = response.statusCode ?? 0;
      const empty = [101, 204, 205, 304].includes(status) || req.method === 'HEAD';
      const body = empty ? null : (Readable.toWeb(response) as ReadableStream<Uint8Array>);
      resolve(new Response(body, { status, headers }));
    });
    request.on('error', reject);
    void req.text().then((text) => request.end(text === '' ? undefined : text), reject);
  });
}
