import { rootCertificates } from 'node:tls';
import { EnvHttpProxyAgent, fetch as undiciFetch } from 'undici';
import type { FetchLike } from './fetch-like.js';

/** Per-profile TLS settings. */
export interface TlsOptions {
  /** Extra CA certificates (PEM) trusted on top of the system's roots. */
  caPem?: string;
  /**
   * Accept any certificate, even a forged one. Named loudly on purpose: it turns off the one
   * thing that stops a stranger on the network from reading the password.
   */
  dangerouslyAcceptAnyCertificate?: boolean;
}

/**
 * The client's fetch in plain Node: undici with the profile's TLS settings, and proxies from the
 * standard HTTP_PROXY / HTTPS_PROXY / NO_PROXY variables.
 */
export function createNodeFetch(tls: TlsOptions = {}): FetchLike {
  // One connection pool per TLS setting, so keep-alive connections serve every client alike.
  const key = `${tls.dangerouslyAcceptAnyCertificate === true}:${tls.caPem ?? ''}`;
  const known = POOLS.get(key);
  if (known) return known;
  const connect = {
    ...(tls.caPem ? { ca: [...rootCertificates, tls.caPem] } : {}),
    rejectUnauthorized: tls.dangerouslyAcceptAnyCertificate !== true,
  };
  const dispatcher = new EnvHttpProxyAgent({ connect, requestTls: connect });
  const fetch: FetchLike = (url, init) => undiciFetch(url, { ...init, dispatcher });
  POOLS.set(key, fetch);
  return fetch;
}

const POOLS = new Map<string, FetchLike>();
