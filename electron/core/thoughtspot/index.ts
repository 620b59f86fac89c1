/** The ThoughtSpot session client: five operations in four dialects, normalized results. */
export { ThoughtSpotClient, type ClientOptions, type CallSignal } from './client.js';
export { DEFAULT_TIMEOUT_MS, type ConnectionOptions } from './connection.js';
export { detectDialect } from './detect.js';
export { createNodeFetch, type TlsOptions } from './node-fetch.js';
export {
  cookieHeader,
  createCookieJar,
  restoreCookieJar,
  serializeCookieJar,
} from './cookie-jar.js';
export { parseClusterUrl } from './cluster-url.js';
export type { FetchLike, FetchInit, FetchResponse } from './fetch-like.js';
export type { LoginResult } from './dialects/index.js';
export type { OrgEntry, OrgList } from './dialects/orgs.js';
export * from './types.js';
export * from './mint-types.js';
