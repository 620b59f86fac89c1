import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { AppServices } from '../core/app/app-services.js';
import type { MemoryClipboard } from '../core/clipboard/token-clipboard.js';
import { CONTENT_SECURITY_POLICY } from '../core/shell/trusted-sender.js';
import { EVENT_CHANNEL } from '../ipc/contract.js';
import { dispatch, type Handlers } from '../ipc/dispatch.js';
import { loadBridgeScript } from './bridge-script.js';
import type { FirstScreen } from './first-screen.js';
import { checkHost, checkRequest, KEY_COOKIE, keyMatches } from './guard.js';
import { injectBridge, readStatic } from './static-files.js';

const MAX_BODY = 256 * 1024;

export interface WebBridgeOptions {
  services: AppServices;
  handlers: Handlers;
  clipboard: MemoryClipboard;
  rendererDir: string;
  /** Fills in the first screen of the page (see first-screen.ts); without it, the page as built. */
  firstScreen?: FirstScreen;
  port?: number;
}

export interface WebBridge {
  /** Open this once: it carries the per-launch key, which becomes an HttpOnly cookie. */
  url: string;
  origin: string;
  close(): Promise<void>;
}

const SECURITY_HEADERS = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-store',
};

function send(response: ServerResponse, status: number, type: string, body: string | Buffer): void {
  response.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': type });
  response.end(body);
}

/** The request body as text, or undefined past MAX_BODY (the rest is read and dropped, not kept). */
function readBody(request: IncomingMessage): Promise<string | undefined> {
  return new Promise((resolve) => {
    let size = 0;
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY) chunks.push(chunk);
    });
    request.on('end', () =>
      resolve(size > MAX_BODY ? undefined : Buffer.concat(chunks).toString('utf8')),
    );
    request.on('error', () => resolve(undefined));
  });
}

/**
 * The browser mode: the built renderer and the same handler table over HTTP on 127.0.0.1 only.
 * For development and tests on machines without the Electron binary; never packaged.
 */
export async function startWebBridge(options: WebBridgeOptions): Promise<WebBridge> {
  const bridgeScript = await loadBridgeScript();
  const secret = randomBytes(24).toString('base64url');
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
    const refused = checkRequest(
      {
        host: request.headers.host,
        origin: request.headers.origin,
        cookie: request.headers.cookie,
      },
      port,
      secret,
    );
    if (refused) return send(response, 403, 'application/json', JSON.stringify({ refused }));
    if (path === '/api/events' && request.method === 'GET') {
      response.writeHead(200, { ...SECURITY_HEADERS, 'Content-Type': 'text/event-stream' });
      response.write(': connected\n\n');
      streams.add(response);
      request.on('close', () => streams.delete(response));
      return;
    }
    if (path === '/api/clipboard' && request.method === 'GET') {
      return send(
        response,
        200,
        'application/json',
        JSON.stringify({ text: options.clipboard.text }),
      );
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
      if (!keyMatches(key, secret)) return send(response, 403, 'text/plain', 'Wrong key');
      response.writeHead(303, {
        ...SECURITY_HEADERS,
        Location: '/',
        'Set-Cookie': `${KEY_COOKIE}=${secret}; HttpOnly; SameSite=Strict; Path=/`,
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
      if (options.firstScreen) body = await options.firstScreen(body);
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
    url: `${origin}/?key=${secret}`,
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
