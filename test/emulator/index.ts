// startEmulator: a ThoughtSpot cluster on loopback for the demo and every test.
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { buildAccounts } from './accounts.js';
import type { Env } from './auth.js';
import { createClock } from './clock.js';
import { checkOptions } from './options.js';
import { createRequestListener } from './server.js';
import { createSsoEnv } from './sso/context.js';
import { createIdpServer } from './sso/idp-server.js';
import { SessionStore } from './state.js';
import { DEFAULT_ALT_NAMES, generateTls, type TlsMaterial } from './tls.js';
import { TrustedAuthState, trustedViews } from './tokens-for-users.js';
import type { EmulatorOptions, RecordedRequest, RunningEmulator } from './types.js';

export type * from './types.js';
export { SEED_USERS } from './accounts.js';
export { FAILURES } from './errors.js';
export { MFA_CODE, OIDC_CLIENT_ID } from './sso/context.js';
export { SSO_USERS, type SsoUser } from './sso/sso-users.js';

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
  const idpRequests: RecordedRequest[] = [];
  const sso = createSsoEnv(env);
  const listener = createRequestListener({ ...o, env, requests, sso });
  // The chain includes the CA, as self-hosted clusters usually serve it; the IdP follows --tls.
  const pair = tls ? { key: tls.key, cert: tls.cert + tls.caPem } : undefined;
  const server: Server = pair ? createHttpsServer(pair, listener) : createHttpServer(listener);
  const idp = createIdpServer(
    sso,
    pair ? { tls: pair, requests: idpRequests } : { requests: idpRequests },
  );
  for (const s of [server, idp]) {
    // Malformed HTTP gets a plain 400 instead of a silently dropped socket.
    s.on('clientError', (_err, socket) => {
      if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
      else socket.destroy();
    });
  }

  const scheme = tls ? 'https' : 'http';
  let port: number;
  try {
    port = await listen(server, o.port, o.host);
    // Its own origin: the same host, any free port.
    sso.urls.idp = `${scheme}://${urlHost(o.host)}:${await listen(idp, 0, o.host)}`;
  } catch (err) {
    if (server.listening) server.close();
    await tls?.cleanup();
    throw err;
  }
  sso.urls.cluster = `${scheme}://${urlHost(o.host)}:${port}`;

  let closing: Promise<void> | undefined;
  const close = () => {
    const stop = (s: Server) =>
      new Promise<void>((resolve) => {
        s.close(() => resolve());
        s.closeAllConnections();
      });
    closing ??= Promise.all([stop(server), stop(idp)]).then(() => tls?.cleanup());
    return closing;
  };

  const running: RunningEmulator = {
    url: sso.urls.cluster,
    idpUrl: sso.urls.idp,
    clock,
    requests,
    idpRequests,
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
