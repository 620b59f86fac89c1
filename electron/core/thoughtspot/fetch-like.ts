/**
 * The smallest fetch the client needs, so Node (undici) and Electron (net.fetch) both fit.
 * Redirects are always 'manual': the client decides whether to follow, never the transport.
 */
export interface FetchInit {
  method: 'GET' | 'POST' | 'PUT';
  headers: Record<string, string>;
  body?: string;
  redirect: 'manual';
  signal: AbortSignal;
}

export interface BodyReader {
  read(): Promise<{ done: boolean; value?: Uint8Array | undefined }>;
  cancel(reason?: unknown): Promise<void>;
}

export interface FetchResponse {
  status: number;
  headers: { get(name: string): string | null; getSetCookie?(): string[] };
  body: { getReader(): BodyReader } | null;
}

export type FetchLike = (url: string, init: FetchInit) => Promise<FetchResponse>;
