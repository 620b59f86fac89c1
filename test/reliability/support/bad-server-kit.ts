// What the bad-server table is made of: the secrets a leak would show, the client operations a
// case can call, and small handlers for servers that misbehave on purpose.
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  createCookieJar,
  detectDialect,
  ThoughtSpotClient,
  type Dialect,
  type TlsOptions,
} from '../../../electron/core/thoughtspot/index.js';

/** Values that must never appear in an error: each is unlike anything else in a message. */
export const PASSWORD = 'pw-Reliab1e-7c41e0';
export const BEARER = 'tok-bearer-5b9d2a';
export const ISSUED = 'tok-issued-e83f61';
export const COOKIE = 'cookie-session-0a4c77';
export const SECRETS = [PASSWORD, BEARER, ISSUED, COOKIE] as const;

export type Handler = (request: IncomingMessage, response: ServerResponse) => void;

/** Where a case's client connects: a raw server or an emulator, with the TLS trust it needs. */
export interface Target {
  url: string;
  tls?: TlsOptions;
}

/** Every client operation a case can exercise, in each dialect that has it. */
export type Op =
  | `${Dialect} login`
  | `${Dialect} token`
  | `${Dialect} info`
  | `${Dialect} validate`
  | `${Dialect} logout`
  | `${Dialect} revoke`
  | 'C current token'
  | 'detect';

/** The operation's words in messages ("answered get a token with ..."). */
export const OPERATION_WORDS: Record<string, string> = {
  login: 'sign in',
  token: 'get a token',
  info: 'session info',
  validate: 'session info', // A and B validate by asking for session info
  logout: 'sign out',
  revoke: 'revoke the token',
  'current token': 'read the session token',
};

export function operationWords(op: Op): string {
  if (op === 'detect') return 'detect the API';
  const [dialect, ...rest] = op.split(' ');
  const verb = rest.join(' ');
  if (dialect === 'C' && verb === 'validate') return 'validate the token';
  return OPERATION_WORDS[verb] ?? verb;
}

/** Runs one operation against a target with a short deadline and no retries. */
export function call(op: Op, target: Target, timeoutMs: number): Promise<unknown> {
  const base = {
    baseUrl: target.url,
    retries: 0,
    timeoutMs,
    ...(target.tls ? { tls: target.tls } : {}),
  };
  if (op === 'detect') return detectDialect(base);
  const [dialect, ...rest] = op.split(' ') as [Dialect, ...string[]];
  const verb = rest.join(' ');
  const bearer = () => new ThoughtSpotClient({ ...base, dialect, bearer: { token: BEARER } });
  switch (verb) {
    case 'login':
      return new ThoughtSpotClient({ ...base, dialect }).login({
        username: 'tsadmin',
        password: PASSWORD,
      });
    case 'token':
      return new ThoughtSpotClient({ ...base, dialect }).getToken({
        username: 'tsadmin',
        credential: { kind: 'password', password: PASSWORD },
      });
    case 'info':
      return bearer().info();
    case 'validate':
      return bearer().validate();
    case 'logout':
      return bearer().logout();
    case 'revoke':
      return bearer().revoke();
    case 'current token': {
      const jar = createCookieJar();
      jar.setCookieSync(`JSESSIONID=${COOKIE}; Path=/`, target.url);
      return new ThoughtSpotClient({ ...base, dialect, cookies: jar }).currentToken();
    }
    default:
      throw new Error(`unknown operation ${op}`);
  }
}

export function json(status: number, body: unknown, headers: Record<string, string> = {}): Handler {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  return (_request, response) => {
    response.writeHead(status, { 'content-type': 'application/json', ...headers });
    response.end(text);
  };
}

export function bytes(
  status: number,
  body: Uint8Array,
  headers: Record<string, string> = {},
): Handler {
  return (_request, response) => {
    response.writeHead(status, { 'content-type': 'application/json', ...headers });
    response.end(body);
  };
}

/** Writes `text` straight onto the socket: for answers Node's HTTP server refuses to produce. */
export function rawSocket(text: string): Handler {
  return (request) => {
    request.socket.end(text);
  };
}

/** Reads the request body, then answers with whatever `reply` makes of it (echo servers). */
export function withBody(reply: (body: string, response: ServerResponse) => void): Handler {
  return (request, response) => {
    let body = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => (body += chunk));
    request.on('end', () => reply(body, response));
  };
}

/** A dialect A/B error body, nested as those dialects nest it. */
export function nestedError(status: number, debug: string): unknown {
  return {
    error: {
      errors: {
        message: 'Request failed with status code 500',
        extension: {
          service: 'CALLOSUM',
          code: 'UPSTREAM_FAILURE',
          exception: {
            upstreamResponse: {
              status,
              data: { code: 10002, incident_id_guid: 'inc-1', trace_id_guid: 'trace-1', debug },
            },
          },
        },
      },
    },
  };
}

/** A dialect C error body, flat. */
export function flatError(debug: string, extra: Record<string, unknown> = {}): unknown {
  return { error: { message: { code: 10097, incident_id_guid: 'inc-2', debug, ...extra } } };
}
