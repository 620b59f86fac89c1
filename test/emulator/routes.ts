// What a dialect module provides: handlers by path under the dialect's prefix.
import type { IncomingHttpHeaders } from 'node:http';
import type { Env } from './auth.js';
import type { Dialect } from './types.js';
import type { Reply } from './http-io.js';

export interface HandlerRequest {
  headers: IncomingHttpHeaders;
  /** Parsed JSON body, or undefined when there was none. */
  body: unknown;
}

export interface Route {
  method: 'GET' | 'POST';
  /** Operation name, shown in dialect A/B error envelopes. */
  operation: string;
  handle(env: Env, req: HandlerRequest): Reply;
}

export type Routes = Readonly<Record<string, Route>>;

export const PREFIXES: Readonly<Record<Dialect, string>> = {
  A: '/api/rest/v2',
  B: '/tspublic/rest/v2',
  C: '/api/rest/2.0',
};

/** The dialect whose prefix the path is under, if any. */
export function dialectOf(path: string): Dialect | undefined {
  for (const [dialect, prefix] of Object.entries(PREFIXES) as [Dialect, string][]) {
    if (path === prefix || path.startsWith(`${prefix}/`)) return dialect;
  }
  return undefined;
}
