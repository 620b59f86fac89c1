import type { CookieJar } from 'tough-cookie';
import { NetworkError, ResponseError, isAppError, type AppError } from '../errors/index.js';
import { errorFromResponse, redact, type RequestContext } from './classify.js';
import { readServerReason } from './error-body.js';
import type { FetchLike, FetchResponse } from './fetch-like.js';
import { BodyTooLargeError, decodeUtf8, readBounded } from './read-body.js';
import { networkErrorFrom } from './transport-errors.js';

export type Auth = { kind: 'none' } | { kind: 'cookie' } | { kind: 'bearer'; token: string };

export interface HttpOptions {
  baseUrl: URL;
  fetch: FetchLike;
  jar: CookieJar;
  timeoutMs: number;
  maxBodyBytes: number;
  /** Extra attempts for idempotent GETs after a network failure or a 502/503/504. */
  retries: number;
}

export interface SendSpec {
  method: 'GET' | 'POST' | 'PUT';
  path: string;
  /** A JSON body. */
  body?: unknown;
  /** An `application/x-www-form-urlencoded` body (REST API v1). */
  form?: Record<string, string>;
  /** Headers a dialect sends on top of Accept/Content-Type/auth (they may override Accept). */
  headers?: Record<string, string>;
  /** What a 2xx carries: JSON (the default), or text taken as is (v1's one-time token). */
  expect?: 'json' | 'text';
  auth: Auth;
  context: RequestContext;
  signal?: AbortSignal | undefined;
}

/** A successful answer: the status and the parsed JSON body (undefined when empty), or text. */
export interface Answer {
  status: number;
  body: unknown;
}

const MAX_SAME_ORIGIN_REDIRECTS = 3;
const RETRYABLE_STATUS = new Set([502, 503, 504]);

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true });
  });
}

/** Sends requests to one cluster: auth headers, cookies, timeout, bounded reads, redirect policy. */
export class HttpSession {
  constructor(private readonly options: HttpOptions) {}

  /** Sends and judges: parsed JSON for a 2xx, else the AppError the answer stands for. */
  async send(spec: SendSpec): Promise<Answer> {
    return this.accept(await this.exchange(spec), spec);
  }

  /**
   * Sends and reads the whole answer without judging its status (detection needs that). Network
   * failures, timeouts, oversized or non-UTF-8 bodies and foreign redirects still throw.
   */
  async exchange(spec: SendSpec): Promise<RawAnswer> {
    const timeout = AbortSignal.timeout(this.options.timeoutMs);
    const signal = spec.signal ? AbortSignal.any([spec.signal, timeout]) : timeout;
    const attempts = spec.method === 'GET' ? 1 + this.options.retries : 1;
    for (let attempt = 1; ; attempt++) {
      let raw: RawAnswer;
      try {
        raw = await this.sendOnce(spec, signal);
      } catch (error) {
        const failure = this.explain(error, spec, timeout);
        if (attempt >= attempts || failure.code !== 'NETWORK' || signal.aborted) throw failure;
        await sleep(200 * 2 ** (attempt - 1), signal);
        continue;
      }
      if (attempt < attempts && RETRYABLE_STATUS.has(raw.status)) {
        await sleep(200 * 2 ** (attempt - 1), signal);
        continue;
      }
      return raw;
    }
  }

  /** Maps whatever a request threw to an AppError. */
  private explain(error: unknown, spec: SendSpec, timeout: AbortSignal): AppError {
    if (isAppError(error)) return error;
    const origin = spec.context.origin;
    if (spec.signal?.aborted) {
      return new NetworkError('CANCELLED', `The request to ${origin} was cancelled`, {
        url: origin,
      });
    }
    if (timeout.aborted) {
      const seconds = Math.round(this.options.timeoutMs / 100) / 10;
      return new NetworkError(
        'TIMEOUT',
        `${origin} did not answer within ${seconds} s; check the network or try again`,
        { url: origin },
      );
    }
    return networkErrorFrom(error, this.options.baseUrl);
  }

  private async sendOnce(spec: SendSpec, signal: AbortSignal): Promise<RawAnswer> {
    let url = new URL(spec.path, this.options.baseUrl);
    for (let hop = 0; ; hop++) {
      const response = await this.options.fetch(url.href, {
        method: spec.method,
        headers: await this.headers(spec, url),
        ...bodyOf(spec),
        redirect: 'manual',
        signal,
      });
      await this.keepCookies(response, url);
      if (response.status < 300 || response.status >= 400) {
        return this.read(response, spec.context);
      }
      await response.body
        ?.getReader()
        .cancel()
        .catch(() => undefined);
      url = this.nextHop(response, url, spec, hop);
    }
  }

  private async headers(spec: SendSpec, url: URL): Promise<Record<string, string>> {
    const headers: Record<string, string> = { Accept: 'application/json', ...spec.headers };
    if (spec.body !== undefined) headers['Content-Type'] = 'application/json';
    if (spec.form !== undefined) headers['Content-Type'] = 'application/x-www-form-urlencoded';
    if (spec.auth.kind === 'bearer') headers.Authorization = `Bearer ${spec.auth.token}`;
    if (spec.auth.kind === 'cookie') {
      const cookie = await this.options.jar.getCookieString(url.href);
      if (cookie) headers.Cookie = cookie;
    }
    return headers;
  }

  private async keepCookies(response: FetchResponse, url: URL): Promise<void> {
    for (const line of response.headers.getSetCookie?.() ?? []) {
      await this.options.jar.setCookie(line, url.href, { ignoreError: true });
    }
  }

  /**
   * Follows a redirect only within the cluster's own origin and only for GET or a 307/308 that
   * keeps the method; anything else is an SSO or proxy in the way, and credentials stay here.
   */
  private nextHop(response: FetchResponse, url: URL, spec: SendSpec, hop: number): URL {
    const origin = spec.context.origin;
    const location = response.headers.get('location');
    const target = location ? parseUrl(location, url) : undefined;
    const keepsMethod = spec.method === 'GET' || [307, 308].includes(response.status);
    if (target && target.origin === url.origin && keepsMethod) {
      if (hop < MAX_SAME_ORIGIN_REDIRECTS) return target;
      throw new ResponseError(
        'NOT_THOUGHTSPOT',
        `${origin} redirected ${spec.context.operation} more than ${MAX_SAME_ORIGIN_REDIRECTS} times (a redirect loop); check the cluster URL`,
        { status: response.status, url: origin },
      );
    }
    // The path may echo what was sent (a reflecting server): never let a secret into the message.
    const where = target
      ? ` to ${redact(`${target.origin}${target.pathname}`, spec.context.secrets)}`
      : '';
    throw new ResponseError(
      'NOT_THOUGHTSPOT',
      `${origin} redirected the request to ${spec.context.operation}${where} — an SSO or proxy sign-in may be in front of the cluster; credentials were not sent there`,
      { status: response.status, url: origin },
    );
  }

  private async read(response: FetchResponse, context: RequestContext): Promise<RawAnswer> {
    let bytes: Uint8Array;
    try {
      bytes = await readBounded(response.body, this.options.maxBodyBytes);
    } catch (error) {
      if (!(error instanceof BodyTooLargeError)) throw error;
      const mib = Math.round((error.limit / 1024 / 1024) * 10) / 10;
      throw new ResponseError(
        'UNEXPECTED_RESPONSE',
        `${context.origin} answered ${context.operation} with more than ${mib} MiB; that is not a ThoughtSpot session response`,
        { status: response.status, url: context.origin },
      );
    }
    const text = decodeUtf8(bytes);
    if (text === undefined) {
      throw new ResponseError(
        'UNEXPECTED_RESPONSE',
        `${context.origin} answered ${context.operation} with bytes that are not valid UTF-8 text`,
        { status: response.status, url: context.origin },
      );
    }
    return new RawAnswer(response.status, response.headers.get('content-type') ?? '', text);
  }

  /** Turns a raw answer into parsed JSON, or the error it stands for. */
  private accept(raw: RawAnswer, spec: SendSpec): Answer {
    const { context } = spec;
    if (raw.isHtml()) {
      throw new ResponseError(
        'NOT_THOUGHTSPOT',
        `${context.origin} answered with a web page instead of ThoughtSpot's API — an SSO or proxy sign-in page may be in front of the cluster`,
        { status: raw.status, url: context.origin },
      );
    }
    const { parsed, body } = raw.json();
    if (raw.status >= 200 && raw.status < 300) {
      if (spec.expect === 'text' && !(parsed && readServerReason(body))) {
        return { status: raw.status, body: raw.text };
      }
      if (!parsed) {
        throw new ResponseError(
          'UNEXPECTED_RESPONSE',
          `${context.origin} answered ${context.operation} with something that is not JSON`,
          { status: raw.status, url: context.origin },
        );
      }
      // A ThoughtSpot error body is an error whatever the status (a proxy may rewrite it to 200).
      if (readServerReason(body)) throw errorFromResponse(raw.status, body, context);
      return { status: raw.status, body };
    }
    throw errorFromResponse(raw.status, parsed ? body : undefined, context);
  }
}

function bodyOf(spec: SendSpec): { body?: string } {
  if (spec.form !== undefined) return { body: new URLSearchParams(spec.form).toString() };
  return spec.body !== undefined ? { body: JSON.stringify(spec.body) } : {};
}

function parseUrl(text: string, base: URL): URL | undefined {
  try {
    return new URL(text, base);
  } catch {
    return undefined;
  }
}

/** A response read in full but not yet judged. */
export class RawAnswer {
  constructor(
    readonly status: number,
    readonly contentType: string,
    readonly text: string,
  ) {}

  /** A web page (an SSO or proxy sign-in) rather than an API answer. */
  isHtml(): boolean {
    return /html/i.test(this.contentType) || this.text.trimStart().startsWith('<');
  }

  /** The body as JSON; an empty body parses as undefined. */
  json(): { parsed: boolean; body: unknown } {
    const trimmed = this.text.trim();
    if (trimmed === '') return { parsed: true, body: undefined };
    try {
      return { parsed: true, body: JSON.parse(trimmed) as unknown };
    } catch {
      return { parsed: false, body: undefined };
    }
  }
}
