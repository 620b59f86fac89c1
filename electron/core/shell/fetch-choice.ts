import type { FetchFactory } from '../session/index.js';
import { createNodeFetch, type FetchLike, type TlsOptions } from '../thoughtspot/index.js';

/** Electron's net.fetch uses the system's trust store and proxies; a per-profile CA or the insecure switch needs Node's TLS instead. */
export function needsNodeTls(tls: TlsOptions): boolean {
  return tls.caPem !== undefined || tls.dangerouslyAcceptAnyCertificate === true;
}

/** The app's fetch per profile: the platform's own (so proxies apply) unless the profile brings its own TLS. */
export function fetchChoice(platformFetch: FetchLike): FetchFactory {
  return (tls = {}) => (needsNodeTls(tls) ? createNodeFetch(tls) : platformFetch);
}
