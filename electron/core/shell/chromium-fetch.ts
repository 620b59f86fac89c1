import type { BodyReader, FetchLike, FetchResponse } from '../thoughtspot/fetch-like.js';

/**
 * The app's fetch over Chromium's network stack (Electron's `net.request`), so system proxies
 * apply. Not `net.fetch`: it rejects a `redirect: 'manual'` answer ("Redirect was cancelled")
 * instead of returning it, joins several Set-Cookie headers into one, and by default stores
 * cookies in the session's on-disk jar and sends them to every profile on that host. Here
 * credentials are omitted: the profile's own jar (kept in the keychain) decides what is sent.
 */
export interface ChromiumRequestOptions {
  method: string;
  url: string;
  redirect: 'manual';
  credentials: 'omit';
  useSessionCookies: false;
}

export type HeaderMap = Record<string, string | string[] | undefined>;

/** Electron's IncomingMessage, as far as it is read here: a stream of body chunks. */
export interface ChromiumResponse extends AsyncIterable<Uint8Array | string> {
  statusCode: number;
  headers: HeaderMap;
}

/**
 * Electron's ClientRequest, as far as it is used here. Its listeners take: 'response' a
 * ChromiumResponse; 'redirect' (statusCode, method, redirectUrl, headers); 'error' an Error.
 * One loose `on`, because Electron's own overloads cannot be matched one by one.
 */
export interface ChromiumRequest {
  setHeader(name: string, value: string): void;
  on(event: string, listener: (...args: never[]) => void): unknown;
  abort(): void;
  end(chunk?: string): unknown;
}

export type ChromiumRequestFn = (options: ChromiumRequestOptions) => ChromiumRequest;

export const CLUSTER_REQUEST_OPTIONS = {
  redirect: 'manual',
  credentials: 'omit',
  useSessionCookies: false,
} as const;

/** Header lookup by any case; Set-Cookie lines stay apart (net gives them as an array). */
function headersOf(map: HeaderMap): FetchResponse['headers'] {
  const lower = new Map(Object.entries(map).map(([name, value]) => [name.toLowerCase(), value]));
  return {
    get(name) {
      const value = lower.get(name.toLowerCase());
      if (value === undefined) return null;
      return Array.isArray(value) ? value.join(', ') : value;
    },
    getSetCookie() {
      const value = lower.get('set-cookie');
      if (value === undefined) return [];
      return Array.isArray(value) ? value : [value];
    },
  };
}

function bodyOf(response: ChromiumResponse): FetchResponse['body'] {
  return {
    getReader(): BodyReader {
      const chunks = response[Symbol.asyncIterator]();
      return {
        async read() {
          const next = await chunks.next();
          if (next.done === true) return { done: true };
          const value = next.value;
          return { done: false, value: typeof value === 'string' ? Buffer.from(value) : value };
        },
        async cancel() {
          await chunks.return?.();
        },
      };
    },
  };
}

/** What an aborted request rejects with: the signal's reason (a timeout's TimeoutError). */
function abortReason(signal: AbortSignal): Error {
  const reason: unknown = signal.reason;
  return reason instanceof Error
    ? reason
    : new DOMException('The request was aborted', 'AbortError');
}

export function chromiumFetch(request: ChromiumRequestFn): FetchLike {
  return (url, init) =>
    new Promise<FetchResponse>((resolve, reject) => {
      const { signal } = init;
      if (signal.aborted) {
        reject(abortReason(signal));
        return;
      }
      const sent = request({ method: init.method, url, ...CLUSTER_REQUEST_OPTIONS });
      const onAbort = (): void => {
        sent.abort();
        reject(abortReason(signal));
      };
      signal.addEventListener('abort', onAbort, { once: true });
      for (const [name, value] of Object.entries(init.headers)) sent.setHeader(name, value);
      sent.on('response', (response: ChromiumResponse) => {
        resolve({
          status: response.statusCode,
          headers: headersOf(response.headers),
          body: bodyOf(response),
        });
      });
      // A redirect is answered as it came, for the client to judge; not following it ends it.
      sent.on(
        'redirect',
        (statusCode: number, _method: string, redirectUrl: string, headers: HeaderMap) => {
          signal.removeEventListener('abort', onAbort);
          sent.abort();
          resolve({
            status: statusCode,
            headers: headersOf({ ...headers, location: redirectUrl }),
            body: null,
          });
        },
      );
      sent.on('error', (error: Error) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      });
      sent.end(init.body);
    });
}
