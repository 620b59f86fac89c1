// What a sign-in page handler gets and gives, on the cluster and at the IdP alike.
import type { IncomingHttpHeaders } from 'node:http';
import type { SsoEnv } from './context.js';
import type { HtmlReply } from './html.js';

export interface PageRequest {
  headers: IncomingHttpHeaders;
  query: URLSearchParams;
  /** The submitted form; empty for GET. */
  form: URLSearchParams;
}

export type PageHandler = (sso: SsoEnv, req: PageRequest) => HtmlReply;

/** Handlers of one path by method. */
export type PageRoute = Readonly<Partial<Record<'GET' | 'POST', PageHandler>>>;

export type PageRoutes = Readonly<Record<string, PageRoute>>;
