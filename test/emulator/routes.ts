// What a dialect module provides: handlers by path under the dialect's prefix.
import type { IncomingHttpHeaders } from 'node:http';
import type { Env } from './auth.js';
import type { Dialect } from './types.js';
import type { Reply } from './http-io.js';

export interface HandlerRequest {
  headers: IncomingHttpHeaders;
  /** Parsed JSON body (v1: the form's fields), or undefined when there was none. */
  body: unknown;
}

export interface Route {
  method: 'GET' | 'POST' | 'PUT';
  /** Operation name, shown in dialect A/B error envelopes. */
  operation: string;
  handle(env: Env, req: HandlerRequest): Reply;
}

/** By path; a path with a second method has a `METHOD /path` entry too (v1's PUT /session/orgs). */
export type Routes = Readonly<Record<string, Route>>;

export const PREFIXES: Readonly<Record<Dialect, string>> = {
  A: '/api/rest/v2',
  B: '/tspublic/rest/v2',
  C: '/api/rest/2.0',
  V1: '/callosum/v1/tspublic/v1',
};

/** Paths of a dialect outside its prefix, routed by the whole path (v1's private keep-alive). */
const OUTSIDE: Readonly<Record<string, Dialect>> = { '/callosum/v1/session/isactive': 'V1' };

/** The dialect whose prefix the path is under, if any. */
export function dialectOf(path: string): Dialect | undefined {
  const outside = OUTSIDE[path];
  if (outside !== undefined) return outside;
  for (const [dialect, prefix] of Object.entries(PREFIXES) as [Dialect, string][]) {
    if (path === prefix || path.startsWith(`${prefix}/`)) return dialect;
  }
  return undefined;
}

/** The key of the path in its dialect's routes: under the prefix, or the whole path outside it. */
export function routeKey(dialect: Dialect, path: string): string {
  return OUTSIDE[path] === dialect ? path : path.slice(PREFIXES[dialect].length);
}
