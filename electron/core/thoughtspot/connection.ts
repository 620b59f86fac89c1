import type { CookieJar } from 'tough-cookie';
import type { ClusterAddress } from './cluster-url.js';
import type { FetchLike } from './fetch-like.js';
import { HttpSession } from './http-session.js';
import { createNodeFetch, type TlsOptions } from './node-fetch.js';
import { DEFAULT_MAX_BODY_BYTES } from './read-body.js';

export const DEFAULT_TIMEOUT_MS = 15_000;
const DEFAULT_GET_RETRIES = 2;

/** How to reach a cluster: shared by the client and dialect detection. */
export interface ConnectionOptions {
  baseUrl: string;
  /** The transport; defaults to undici with `tls` and the environment's proxy settings. */
  fetch?: FetchLike;
  tls?: TlsOptions;
  /** Whole-call deadline in ms (default 15 s); the caller's AbortSignal can end it sooner. */
  timeoutMs?: number;
  maxBodyBytes?: number;
  /** Extra attempts for idempotent GETs; POSTs are never retried. */
  retries?: number;
}

export function openHttp(
  options: ConnectionOptions,
  address: ClusterAddress,
  jar: CookieJar,
): HttpSession {
  return new HttpSession({
    baseUrl: address.url,
    fetch: options.fetch ?? createNodeFetch(options.tls),
    jar,
    timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    maxBodyBytes: options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES,
    retries: options.retries ?? DEFAULT_GET_RETRIES,
  });
}
