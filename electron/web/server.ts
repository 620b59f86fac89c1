import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { AppServices } from '../core/app/app-services.js';
import { EVENT_CHANNEL } from '../ipc/contract.js';
import { dispatch, type Handlers } from '../ipc/dispatch.js';
import { loadBridgeScript } from './bridge-script.js';
import type { FirstScreen } from './first-screen.js';
import {
  checkHost,
  checkPageKeyRequest,
  checkRequest,
  hasKeyCookie,
  KEY_COOKIE,
  type RequestFacts,
} from './guard.js';
import { PAGE_KEY_HEADER, PAGE_KEY_PATH } from './bridge/protocol.js';
import { readBody, SECURITY_HEADERS, send } from './http-reply.js';
import { LaunchLink } from './launch-link.js';
import { injectBridge, readStatic } from './static-files.js';

export interface WebBridgeOptions {
  services: AppServices;
  handlers: Handlers;
  rendererDir: string;
  /** Fills in the first screen of the page (see first-screen.ts); without it, the page as built. */
  firstScreen?: FirstScreen;
  port?: number;
}

export interface WebBridge {
  /** Open this once: its key works once, and becomes an HttpOnly cookie in that browser. */
  url: string;
  origin: string;
  close(): Promise<void>;
}

function factsOf(request: IncomingMessage): RequestFacts {
  const header = (name: string) => {
    const value = request.headers[name];
    return Array.isArray(value) ? value.join(',') : value;
  };
  return {
    host: header('host'),
    origin: header('origin'),
    cookie: header('cookie'),
    pageKey: header(PAGE_KEY_HEADER),
    fetchSite: header('sec-fetch-site'),
  };
}

/**
 * The browser mode: the built renderer and the same handler table over HTTP on 127.0.0.1 only.
 * For development and tests on machines without the Electron binary; never packaged.
 */
export async function startWebBridge(options: WebBridgeOptions): Promise<WebBridge> {
  const bridgeScript = await loadBridgeScript();
  const link = new LaunchLink();
  const secrets = { cookie: link.cookie, pageKey: randomBytes(24).toString('base64url') };
  const streams = new Set<ServerResponse>();
  let port = 0;

  const unsubscribe = options.services.onEvent((event) => {
    const frame = `event: ${EVENT_CHANNEL}\ndata: ${JSON.stringify(event)}\n\n`;
    for (const stream of streams) stream.write(frame);
  });

  const api = async (
    request: IncomingMessage,
    response: ServerResponse,
    path: string,
  ): Promise<void> => {
    const facts = factsOf(request);
    // The one /api/ path the cookie alone opens: what the bridge script needs for all the others.
    if (path === PAGE_KEY_PATH && request.method === 'GET') {
      const refused = checkPageKeyRequest(facts, port, secrets.cookie);
      if (refused) return send(response, 403, 'application/json', JSON.stringify({ refused }));
      return send(response, 200, 'application/json', JSON.stringify({ key: secrets.pageKey }));
    }
    const refused = checkRequest(facts, port, secrets);
    if (refused) return send(response, 403, 'application/json', JSON.stringify({ refused }));
    if (path === '/api/events' && request.method === 'GET') {
      response.writeHead(200, { ...SECURITY_HEADERS, 'Content-Type': 'text/event-stream' });
      response.write(': connected\n\n');
      streams.add(response);
      request.on('close', () => streams.delete(response));
      return;
    }
    const channel = /^\/api\/invoke\/([\w:%]+)$/.exec(path)?.[1];
    if (!channel || request.method !== 'POST') return send(response, 404, 'application/json', '{}');
    if (!/^application\/json\b/.test(request.headers['content-type'] ?? '')) {
      return send(response, 415, 'application/json', JSON.stringify({ refused: 'not JSON' }));
    }
    const text = await readBody(request);
    let body: unknown;
    try {
      body = text === undefined ? Symbol('too large') : JSON.parse(text);
    } catch {
      body = Symbol('not JSON');
    }
    const envelope = await dispatch(
      options.handlers,
      decodeURIComponent(channel),
      body === null ? undefined : body,
    );
    send(response, 200, 'application/json', JSON.stringify(envelope));
  };

  const page = async (
    request: IncomingMessage,
    response: ServerResponse,
    url: URL,
  ): Promise<void> => {
    if (request.method !== 'GET') return send(response, 405, 'text/plain', 'Method not allowed');
    const key = url.searchParams.get('key');
    if (key !== null) {
      const exchange = link.exchange(key);
      if (!exchange.ok) return send(response, 403, 'text/plain; charset=utf-8', exchange.refused);
      response.writeHead(303, {
        ...SECURITY_HEADERS,
        Location: '/',
        'Set-Cookie': `${KEY_COOKIE}=${exchange.cookie}; HttpOnly; SameSite=Strict; Path=/`,
      });
      return void response.end();
    }
    if (url.pathname === '/bridge.js')
      return send(response, 200, 'text/javascript; charset=utf-8', bridgeScript);
    const file = await readStatic(options.rendererDir, url.pathname);
    if (!file) {
      const missing = url.pathname === '/' || url.pathname === '/index.html';
      return send(
        response,
        404,
        'text/plain; charset=utf-8',
        missing ? 'The renderer is not built; run `npm run build`' : 'Not found',
      );
    }
    let body: string | Buffer = file.body;
    if (file.type.startsWith('text/html')) {
      body = injectBridge(file.body.toString('utf8'));
      // Profile names only for the browser that holds the key; others get the page as built.
      if (options.firstScreen && hasKeyCookie(request.headers.cookie, secrets.cookie))
        body = await options.firstScreen(body);
    }
    send(response, 200, file.type, body);
  };

  const server: Server = createServer((request, response) => {
    if (!checkHost(request.headers.host, port))
      return send(response, 403, 'text/plain', 'Wrong Host');
    const url = new URL(request.url ?? '/', `http://${request.headers.host}`);
    const work = url.pathname.startsWith('/api/')
      ? api(request, response, url.pathname)
      : page(request, response, url);
    work.catch(() => {
      if (!response.headersSent) send(response, 500, 'text/plain', 'Internal error');
      else response.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
  const origin = `http://127.0.0.1:${port}`;
  return {
    url: `${origin}/?key=${link.key}`,
    origin,
    close: () =>
      new Promise<void>((resolve) => {
        unsubscribe();
        for (const stream of streams) stream.end();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
