// startEmulator: a ThoughtSpot cluster on loopback for the demo and every test.
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { buildAccounts } from './accounts.js';
import type { Env } from './auth.js';
import { createClock } from './clock.js';
import { checkOptions } from './options.js';
import { createRequestListener } from './server.js';
import { SessionStore } from './state.js';
import { DEFAULT_ALT_NAMES, generateTls, type TlsMaterial } from './tls.js';
import { TrustedAuthState, trustedViews } from './tokens-for-users.js';
import type { EmulatorOptions, RecordedRequest, RunningEmulator } from './types.js';

export type * from './types.js';
export { SEED_USERS } from './accounts.js';
export { FAILURES } from './errors.js';

/** The host to put in the URL: a wildcard address is reached on loopback; IPv6 gets brackets. */
function urlHost(host: string): string {
  if (host === '0.0.0.0' || host === '') return '127.0.0.1';
  if (host === '::') return '[::1]';
  return host.includes(':') ? `[${host}]` : host;
}

/** Loopback names, plus the host served on when it is a specific one. */
function defaultAltNames(host: string): string[] {
  const names = [...DEFAULT_ALT_NAMES];
  const wildcard = host === '' || host === '0.0.0.0' || host === '::';
  const known = names.some((n) => n.slice(n.indexOf(':') + 1) === host);
  if (!wildcard && !known) names.push(host);
  return names;
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const o = checkOptions(options);
  const clock = createClock(options.now);
  const store = new SessionStore(clock);
  const tls: TlsMaterial | undefined = o.tls
    ? await generateTls(o.tls.altNames ?? defaultAltNames(o.host))
    : undefined;
  const env: Env = {
    accounts: buildAccounts(o.users),
    store,
    clock,
    secretKey: o.secretKey,
    validitySeconds: o.validitySeconds,
    secure: tls !== undefined,
    trusted: new TrustedAuthState(),
  };
  const requests: RecordedRequest[] = [];
  const listener = createRequestListener({ ...o, env, requests });
  const server: Server = tls
    ? // The chain includes the CA, as self-hosted clusters usually serve it.
      createHttpsServer({ key: tls.key, cert: tls.cert + tls.caPem }, listener)
    : createHttpServer(listener);
  // Malformed HTTP gets a plain 400 instead of a silently dropped socket.
  server.on('clientError', (_err, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
    else socket.destroy();
  });

  let port: number;
  try {
    port = await listen(server, o.port, o.host);
  } catch (err) {
    await tls?.cleanup();
    throw err;
  }

  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    }).then(() => tls?.cleanup());
    return closing;
  };

  const running: RunningEmulator = {
    url: `${tls ? 'https' : 'http'}://${urlHost(o.host)}:${port}`,
    clock,
    requests,
    tokenRequests: () => store.tokenIssues,
    revokeAll: (username) => store.revokeAllOf(username),
    ...trustedViews(env),
    close,
  };
  if (tls) {
    running.caFile = tls.caFile;
    running.caPem = tls.caPem;
  }
  return running;
}
