// The identity provider's HTTP server, on its own port (its own origin). Requests are recorded as
// the cluster's are: method and path only, never the query or a form value.
import {
  createServer as createHttpServer,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { readRawBody, sendText } from '../http-io.js';
import type { RecordedRequest } from '../types.js';
import type { SsoEnv } from './context.js';
import { answerPage } from './dispatch.js';
import { idpRoutes } from './idp-routes.js';

export interface IdpServerOptions {
  /** Key and certificate chain when the cluster serves TLS: the IdP follows it. */
  tls?: { key: string; cert: string };
  requests: RecordedRequest[];
}

function pathOf(req: IncomingMessage): string {
  try {
    return new URL(req.url ?? '/', 'http://idp').pathname;
  } catch {
    return req.url ?? '/';
  }
}

export function createIdpServer(sso: SsoEnv, options: IdpServerOptions): Server {
  const listener = (req: IncomingMessage, res: ServerResponse) => {
    const path = pathOf(req);
    options.requests.push({
      method: req.method ?? 'GET',
      path,
      hasAuthorization: req.headers.authorization !== undefined,
      hasCookie: req.headers.cookie !== undefined,
      bodyKeys: [],
    });
    readRawBody(req)
      .then((raw) => {
        if (!answerPage(idpRoutes, sso, req, res, path, raw)) sendText(res, 404, 'Not Found');
      })
      .catch((err: unknown) => {
        console.error('emulator IdP: request failed:', err instanceof Error ? err.message : err);
        if (!res.headersSent) sendText(res, 500, 'Internal Server Error');
        else res.destroy();
      });
  };
  return options.tls ? createHttpsServer(options.tls, listener) : createHttpServer(listener);
}
