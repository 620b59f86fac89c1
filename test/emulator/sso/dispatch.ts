// Answers a request from a table of page routes: method check, form parsing, HTML reply.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RawBody } from '../http-io.js';
import type { SsoEnv } from './context.js';
import { badForm, errorPage, formOf, queryOf, sendHtml } from './html.js';
import type { PageRoutes } from './page-route.js';

/** Answers and returns true when the path is one of the routes; false leaves it to the caller. */
export function answerPage(
  routes: PageRoutes,
  sso: SsoEnv,
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
  raw: RawBody,
): boolean {
  const route = Object.hasOwn(routes, path) ? routes[path] : undefined;
  if (route === undefined) return false;
  const method = req.method === 'POST' ? 'POST' : req.method === 'GET' ? 'GET' : undefined;
  const handle = method === undefined ? undefined : route[method];
  if (handle === undefined) {
    const allowed = Object.keys(route).join(', ');
    res.setHeader('Allow', allowed);
    sendHtml(res, errorPage(405, 'Method not allowed', `Use ${allowed} here.`));
    return true;
  }
  let form = new URLSearchParams();
  if (method === 'POST') {
    const parsed = formOf(raw, req.headers['content-type']);
    if (parsed === undefined) {
      sendHtml(res, badForm());
      return true;
    }
    form = parsed;
  }
  sendHtml(res, handle(sso, { headers: req.headers, query: queryOf(req), form }));
  return true;
}
