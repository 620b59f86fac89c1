// Servers that break HTTP, JSON, TLS or the API's conventions, each paired with the typed error
// the client must end in. The field-by-field wrong types are in field-cases.ts.
import { gzipSync } from 'node:zlib';
import type { ErrorCode } from '../../../electron/core/errors/index.js';
import type { RawServer } from '../../support/raw-server.js';
import type { EmulatorOptions, RunningEmulator } from '../../emulator/index.js';
import { BASELINES } from './field-cases.js';
import {
  BEARER,
  bytes,
  flatError,
  json,
  nestedError,
  PASSWORD,
  rawSocket,
  withBody,
  type Handler,
  type Op,
  type Target,
} from './bad-server-kit.js';

/** What a case may start; everything started is closed after the case. */
export interface Servers {
  raw(handler: Handler): Promise<RawServer>;
  emulator(options: EmulatorOptions): Promise<RunningEmulator>;
}

export interface TransportCase {
  name: string;
  op: Op;
  /** Starts the misbehaving server(s); `after` runs extra checks once the error is in. */
  start(servers: Servers): Promise<Target & { after?: () => void }>;
  code: ErrorCode;
  /** A fragment of the message; `{origin}` stands for the target's origin. */
  fragment: string;
  /** The client's whole-call deadline (ms). */
  timeoutMs?: number;
}

const tokenText = JSON.stringify(BASELINES.token);
const infoText = JSON.stringify(BASELINES.info);
const loginText = JSON.stringify(BASELINES.login);
const infoGzip = gzipSync(Buffer.from(infoText));

const serve =
  (handler: Handler) =>
  async (servers: Servers): Promise<Target> => ({ url: (await servers.raw(handler)).url });

const truncated = (text: string, share: number) =>
  text.slice(0, Math.max(1, Math.floor(text.length * share)));

/** Streams `total` bytes of spaces, stopping as soon as the client goes away. */
function flood(total: number, sent: { bytes: number; closed: boolean }): Handler {
  const chunk = Buffer.alloc(64 * 1024, 0x20);
  return (_request, response) => {
    response.writeHead(200, { 'content-type': 'application/json' });
    response.on('close', () => (sent.closed = true));
    const pump = (): void => {
      while (sent.bytes < total && !sent.closed) {
        sent.bytes += chunk.length;
        if (!response.write(chunk)) return void response.once('drain', pump);
      }
      response.end();
    };
    pump();
  };
}

/** A redirect elsewhere: the other server must never see a request, credentials or not. */
function crossOrigin(status: number, host?: string): TransportCase['start'] {
  return async (servers) => {
    const elsewhere = await servers.raw(json(200, BASELINES.token));
    const target = host ? elsewhere.url.replace('127.0.0.1', host) : elsewhere.url;
    const server = await servers.raw((_request, response) => {
      response.writeHead(status, { location: `${target}/idp/login?next=%2F` });
      response.end();
    });
    return {
      url: server.url,
      after: () => {
        if (elsewhere.seen.length > 0) throw new Error('the other origin received a request');
      },
    };
  };
}

function loop(status: number): Handler {
  return (request, response) => {
    response.writeHead(status, { location: request.url ?? '/' });
    response.end();
  };
}

/** Echoes the password it was sent into every error field it can. */
const echoPassword = withBody((body, response) => {
  const sent = (JSON.parse(body) as { password?: string }).password ?? '';
  response.writeHead(401, { 'content-type': 'application/json' });
  response.end(
    JSON.stringify(
      flatError(`Invalid password ${sent}`, {
        incident_id_guid: `inc-${sent}`,
        trace_id_guid: `trace-${sent}`,
      }),
    ),
  );
});

const wrongHost: TransportCase['start'] = async (servers) => {
  const emulator = await servers.emulator({ tls: { altNames: ['DNS:elsewhere.example'] } });
  return { url: emulator.url, tls: { caPem: emulator.caPem ?? '' } };
};

const sent50 = { bytes: 0, closed: false };
const NOT_JSON = 'with something that is not JSON';
const EMPTY = 'with an empty body';
const WEB_PAGE = 'answered with a web page instead of';
const CLOSED = 'was closed unexpectedly';
const NOT_HTTP = 'did not answer with valid HTTP';

export const TRANSPORT_CASES: TransportCase[] = [
  // Truncated JSON, cut at several points.
  ...[0.01, 0.25, 0.5, 0.75, 0.99].map((share): TransportCase => ({
    name: `truncated JSON: a token answer cut at ${Math.round(share * 100)} %`,
    op: 'C token',
    start: serve(json(200, truncated(tokenText, share))),
    code: 'UNEXPECTED_RESPONSE',
    fragment: NOT_JSON,
  })),
  {
    name: 'truncated JSON: session info cut in half (A)',
    op: 'A info',
    start: serve(json(200, truncated(infoText, 0.5))),
    code: 'UNEXPECTED_RESPONSE',
    fragment: NOT_JSON,
  },
  {
    name: 'truncated JSON: a login answer missing its last brace (B)',
    op: 'B login',
    start: serve(json(200, loginText.slice(0, -1))),
    code: 'UNEXPECTED_RESPONSE',
    fragment: NOT_JSON,
  },
  {
    name: 'truncated JSON: an error body cut in half is still a server error (A)',
    op: 'A token',
    start: serve(json(500, truncated(JSON.stringify(nestedError(500, 'boom')), 0.5))),
    code: 'SERVER_ERROR',
    fragment: 'failed to get a token: server error 500',
  },
  // Empty answers and 204s where a body is needed.
  ...(
    [
      ['A login', 200],
      ['B token', 200],
      ['C info', 200],
      ['C validate', 200],
      ['C token', 204],
      ['A token', 204],
      ['B info', 204],
      ['C current token', 204],
    ] as const
  ).map(([op, status]): TransportCase => ({
    name: `${status === 204 ? 'a 204 where a body is needed' : 'an empty 200'}: ${op}`,
    op,
    start: serve((_request, response) => {
      response.writeHead(status, status === 204 ? {} : { 'content-type': 'application/json' });
      response.end();
    }),
    code: 'UNEXPECTED_RESPONSE',
    fragment: EMPTY,
  })),
  // A 200 whose body is a ThoughtSpot error.
  {
    name: '200 with a nested error body on sign-in (A) is not a sign-in',
    op: 'A login',
    start: serve(json(200, nestedError(401, 'Invalid credentials'))),
    code: 'AUTH_FAILED',
    fragment: 'Wrong username or password for tsadmin',
  },
  {
    name: '200 with a nested error body on gettoken (B)',
    op: 'B token',
    start: serve(json(200, nestedError(500, 'Internal error'))),
    code: 'SERVER_ERROR',
    fragment: 'failed to get a token',
  },
  {
    name: '200 with a flat error body on validate (C)',
    op: 'C validate',
    start: serve(json(200, flatError('Token is not valid'))),
    code: 'UNEXPECTED_RESPONSE',
    fragment: 'answered validate the token with HTTP 200: Token is not valid',
  },
  {
    name: '200 with an error body whose message is plain text (C info)',
    op: 'C info',
    start: serve(json(200, { error: { message: 'Session expired' } })),
    code: 'UNEXPECTED_RESPONSE',
    fragment: 'answered session info with HTTP 200: Session expired',
  },
  // Bodies too big, never ending, or slow.
  {
    name: 'a 50 MB body is cut off after 1 MiB, not read into memory (A info)',
    op: 'A info',
    start: async (servers) => {
      const server = await servers.raw(flood(50 * 1024 * 1024, sent50));
      const buffersBefore = process.memoryUsage().arrayBuffers;
      return {
        url: server.url,
        after: () => {
          // What got through is socket buffers (a few MB), not the 50 MB; memory shows the same.
          if (sent50.bytes >= 16 * 1024 * 1024)
            throw new Error(`the client kept reading: ${sent50.bytes} bytes were sent`);
          const grown = process.memoryUsage().arrayBuffers - buffersBefore;
          if (grown >= 32 * 1024 * 1024)
            throw new Error(`buffers grew by ${grown} bytes while reading a bounded body`);
        },
      };
    },
    code: 'UNEXPECTED_RESPONSE',
    fragment: 'answered session info with more than 1 MiB',
  },
  {
    name: 'a gzip bomb (50 MB of spaces in 50 KB) is cut off after 1 MiB (C token)',
    op: 'C token',
    start: serve(
      bytes(200, gzipSync(Buffer.alloc(50 * 1024 * 1024, 0x20)), { 'content-encoding': 'gzip' }),
    ),
    code: 'UNEXPECTED_RESPONSE',
    fragment: 'answered get a token with more than 1 MiB',
  },
  {
    name: 'a body that never ends times out (A gettoken)',
    op: 'A token',
    start: serve((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.write('{"userName":"tsadmin","token":"');
    }),
    code: 'TIMEOUT',
    fragment: 'did not answer within 0.3 s',
    timeoutMs: 300,
  },
  {
    name: 'a body that trickles one byte every 50 ms times out (C info)',
    op: 'C info',
    start: serve((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      const timer = setInterval(() => response.write(' '), 50);
      response.on('close', () => clearInterval(timer));
    }),
    code: 'TIMEOUT',
    fragment: 'did not answer within 0.3 s',
    timeoutMs: 300,
  },
  {
    name: 'slow headers (2 s, beyond the 0.3 s deadline) time out (C token)',
    op: 'C token',
    start: serve((_request, response) => {
      const timer = setTimeout(() => json(200, BASELINES.token)(_request, response), 2000);
      response.on('close', () => clearTimeout(timer));
    }),
    code: 'TIMEOUT',
    fragment: 'did not answer within 0.3 s',
    timeoutMs: 300,
  },
  {
    name: 'slow headers time out dialect detection too',
    op: 'detect',
    start: serve(() => undefined),
    code: 'TIMEOUT',
    fragment: 'did not answer within 0.3 s',
    timeoutMs: 300,
  },
  // Connections that break.
  {
    name: 'reset in the middle of the body (B info)',
    op: 'B info',
    start: serve((request, response) => {
      response.writeHead(200, { 'content-type': 'application/json', 'content-length': '4000' });
      response.write(infoText.slice(0, 40), () => request.socket.destroy());
    }),
    code: 'NETWORK',
    fragment: CLOSED,
  },
  {
    name: 'reset right after the headers (A login)',
    op: 'A login',
    start: serve((request, response) => {
      response.writeHead(200, { 'content-type': 'application/json', 'content-length': '100' });
      response.flushHeaders();
      setTimeout(() => request.socket.destroy(), 10);
    }),
    code: 'NETWORK',
    fragment: CLOSED,
  },
  {
    name: 'a body shorter than its Content-Length, then the connection closes (C validate)',
    op: 'C validate',
    start: serve(
      rawSocket(
        'HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 500\r\n\r\n{}',
      ),
    ),
    code: 'NETWORK',
    fragment: CLOSED,
  },
  // Redirects.
  {
    name: 'a 302 to another origin on session info: the bearer token goes nowhere',
    op: 'C info',
    start: crossOrigin(302),
    code: 'NOT_THOUGHTSPOT',
    fragment: 'credentials were not sent there',
  },
  {
    name: 'a 307 to another origin on sign-in: the password goes nowhere (A)',
    op: 'A login',
    start: crossOrigin(307),
    code: 'NOT_THOUGHTSPOT',
    fragment: 'credentials were not sent there',
  },
  {
    name: 'a 308 to another origin on get token: the password goes nowhere (C)',
    op: 'C token',
    start: crossOrigin(308),
    code: 'NOT_THOUGHTSPOT',
    fragment: 'credentials were not sent there',
  },
  {
    name: 'a redirect to "localhost" is another origin than 127.0.0.1 (B info)',
    op: 'B info',
    start: crossOrigin(301, 'localhost'),
    code: 'NOT_THOUGHTSPOT',
    fragment: 'credentials were not sent there',
  },
  {
    name: 'a redirect loop on the same origin (GET, C info)',
    op: 'C info',
    start: serve(loop(302)),
    code: 'NOT_THOUGHTSPOT',
    fragment: 'redirected session info more than 3 times',
  },
  {
    name: 'a redirect loop on the same origin (POST 307, B gettoken)',
    op: 'B token',
    start: serve(loop(307)),
    code: 'NOT_THOUGHTSPOT',
    fragment: 'redirected get a token more than 3 times',
  },
  {
    name: 'a 302 of a POST on the same origin is not followed (it would turn into a GET)',
    op: 'C token',
    start: serve((_request, response) => {
      response.writeHead(302, { location: '/login' });
      response.end();
    }),
    code: 'NOT_THOUGHTSPOT',
    fragment: 'credentials were not sent there',
  },
  {
    name: 'a redirect without a Location (A info)',
    op: 'A info',
    start: serve((_request, response) => {
      response.writeHead(301);
      response.end();
    }),
    code: 'NOT_THOUGHTSPOT',
    fragment: 'redirected the request to session info —',
  },
  {
    name: 'a redirect whose Location echoes the password back does not put it in the message',
    op: 'C token',
    start: serve(
      withBody((body, response) => {
        const sent = (JSON.parse(body) as { password?: string }).password ?? '';
        response.writeHead(307, { location: `http://sso.invalid/u/${sent}/login` });
        response.end();
      }),
    ),
    code: 'NOT_THOUGHTSPOT',
    fragment: 'to http://sso.invalid/u/[redacted]/login',
  },
  // HTML instead of JSON.
  {
    name: 'HTML sign-in page with a 200 (A login)',
    op: 'A login',
    start: serve((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      response.end('<!DOCTYPE html><html><body><form>SSO</form></body></html>');
    }),
    code: 'NOT_THOUGHTSPOT',
    fragment: WEB_PAGE,
  },
  {
    name: 'HTML labelled as JSON (C validate)',
    op: 'C validate',
    start: serve(json(200, '<!DOCTYPE html><html><body>Proxy</body></html>')),
    code: 'NOT_THOUGHTSPOT',
    fragment: WEB_PAGE,
  },
  {
    name: 'HTML with a 401 (B info)',
    op: 'B info',
    start: serve((_request, response) => {
      response.writeHead(401, { 'content-type': 'text/html' });
      response.end('<html><body>Please sign in</body></html>');
    }),
    code: 'NOT_THOUGHTSPOT',
    fragment: WEB_PAGE,
  },
  {
    name: 'HTML everywhere: detection says a web page is in front',
    op: 'detect',
    start: serve((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/html' });
      response.end('<html><body>Welcome</body></html>');
    }),
    code: 'NOT_THOUGHTSPOT',
    fragment: WEB_PAGE,
  },
  {
    name: 'JSON that is no ThoughtSpot API anywhere: detection says so',
    op: 'detect',
    start: serve(json(200, { status: 'ok' })),
    code: 'NOT_THOUGHTSPOT',
    fragment: 'does not answer like a ThoughtSpot cluster',
  },
  // Bytes that are not text, compression that is not compression.
  {
    name: 'invalid UTF-8 in an error body (A gettoken)',
    op: 'A token',
    start: serve(bytes(500, Buffer.from([0x7b, 0x22, 0xc3, 0x28, 0x22, 0x7d]))),
    code: 'UNEXPECTED_RESPONSE',
    fragment: 'with bytes that are not valid UTF-8 text',
  },
  {
    name: 'invalid UTF-8: an overlong slash and a lone surrogate (C info)',
    op: 'C info',
    start: serve(bytes(200, Buffer.from([0x7b, 0x22, 0xc0, 0xaf, 0xed, 0xa0, 0x80, 0x22, 0x7d]))),
    code: 'UNEXPECTED_RESPONSE',
    fragment: 'with bytes that are not valid UTF-8 text',
  },
  {
    name: 'gzip declared, garbage sent (C token)',
    op: 'C token',
    start: serve(bytes(200, Buffer.from('this is not gzip'), { 'content-encoding': 'gzip' })),
    code: 'NETWORK',
    fragment: 'a compressed answer that could not be decompressed',
  },
  {
    // zlib hands over what it could inflate and stops: the JSON is then cut short.
    name: 'gzip declared, the stream cut at 60 % (A info)',
    op: 'A info',
    start: serve(
      bytes(200, infoGzip.subarray(0, Math.floor(infoGzip.length * 0.6)), {
        'content-encoding': 'gzip',
      }),
    ),
    code: 'UNEXPECTED_RESPONSE',
    fragment: NOT_JSON,
  },
  // Not quite HTTP.
  {
    name: 'status 999 with no ThoughtSpot error (C token)',
    op: 'C token',
    start: serve(json(999, '{}')),
    code: 'NOT_THOUGHTSPOT',
    fragment: 'answered get a token with HTTP 999 and no ThoughtSpot error',
  },
  {
    name: 'status 1000 (not a valid status line)',
    op: 'C info',
    start: serve(rawSocket('HTTP/1.1 1000 Odd\r\nContent-Length: 2\r\n\r\n{}')),
    code: 'NETWORK',
    fragment: NOT_HTTP,
  },
  {
    name: 'no HTTP at all (a greeting from some other protocol)',
    op: 'B login',
    start: serve(rawSocket('220 mail.example.com ESMTP ready\r\n')),
    code: 'NETWORK',
    fragment: NOT_HTTP,
  },
  {
    name: 'a broken chunked encoding (A gettoken)',
    op: 'A token',
    start: serve(
      rawSocket('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n'),
    ),
    code: 'NETWORK',
    fragment: NOT_HTTP,
  },
  {
    name: 'a Content-Length that is not a number (C validate)',
    op: 'C validate',
    start: serve(rawSocket('HTTP/1.1 200 OK\r\nContent-Length: lots\r\n\r\n{}')),
    code: 'NETWORK',
    fragment: NOT_HTTP,
  },
  {
    name: 'a huge header (100 KB)',
    op: 'C token',
    start: serve(json(200, BASELINES.token, { 'x-padding': 'a'.repeat(100_000) })),
    code: 'NETWORK',
    fragment: 'answered with headers too large',
  },
  // TLS.
  {
    name: 'a certificate for the wrong host, with its CA trusted (C info)',
    op: 'C info',
    start: wrongHost,
    code: 'TLS',
    fragment: 'was issued for a different host name',
  },
  {
    name: 'a certificate for the wrong host stops detection before any request',
    op: 'detect',
    start: wrongHost,
    code: 'TLS',
    fragment: 'was issued for a different host name',
  },
  // Servers that echo secrets, or hand out tokens and times nobody can use.
  {
    name: 'a server that echoes the password into every error field (C token)',
    op: 'C token',
    start: serve(echoPassword),
    code: 'AUTH_FAILED',
    fragment: 'Wrong username or password for tsadmin',
  },
  {
    name: 'a 403 that quotes the bearer token back (C info)',
    op: 'C info',
    start: serve(json(403, flatError(`Token ${BEARER} lacks a privilege`))),
    code: 'FORBIDDEN',
    fragment: 'is not allowed to session info',
  },
  {
    name: 'a 500 that quotes the password back (A login)',
    op: 'A login',
    start: serve(json(500, nestedError(500, `could not check ${PASSWORD}`))),
    code: 'SERVER_ERROR',
    fragment: 'failed to sign in: server error 500 (incident inc-1)',
  },
  {
    name: 'an issued token with a line break in it (header injection) (C token)',
    op: 'C token',
    start: serve(json(200, { ...BASELINES.token, token: 'abc\r\nX-Injected: 1' })),
    code: 'UNEXPECTED_RESPONSE',
    fragment: 'issued a token with spaces or control characters',
  },
  {
    name: 'an issued token with spaces in it (A gettoken)',
    op: 'A token',
    start: serve(json(200, { ...BASELINES.gettoken, token: 'two words' })),
    code: 'UNEXPECTED_RESPONSE',
    fragment: 'issued a token with spaces or control characters',
  },
  {
    name: 'an expiry time beyond any date (C token)',
    op: 'C token',
    start: serve(json(200, { ...BASELINES.token, expiration_time_in_millis: 1e300 })),
    code: 'UNEXPECTED_RESPONSE',
    fragment: 'whose field "expiration_time_in_millis" is not a usable value',
  },
  {
    name: 'an empty issued token (C token)',
    op: 'C token',
    start: serve(json(200, { ...BASELINES.token, token: '' })),
    code: 'UNEXPECTED_RESPONSE',
    fragment: 'whose field "token" is not a usable value',
  },
  {
    name: 'a token lifetime beyond any date (A gettoken)',
    op: 'A token',
    start: serve(json(200, { ...BASELINES.gettoken, tokenExpiryDuration: '1e300' })),
    code: 'UNEXPECTED_RESPONSE',
    fragment: '"tokenExpiryDuration" that is not a valid number',
  },
  {
    name: 'a session expiry beyond any date (B info)',
    op: 'B info',
    start: serve(json(200, { ...BASELINES.info, expirationTime: 1e300 })),
    code: 'UNEXPECTED_RESPONSE',
    fragment: 'whose field "expirationTime" is not a usable value',
  },
  // Valid JSON of the wrong shape entirely.
  {
    name: 'JSON nested half a million levels deep (C token)',
    op: 'C token',
    start: serve(json(200, '['.repeat(500_000) + ']'.repeat(500_000))),
    code: 'UNEXPECTED_RESPONSE',
    fragment: 'whose field "token" is missing',
  },
  {
    name: 'a bare number for session info (A)',
    op: 'A info',
    start: serve(json(200, '42')),
    code: 'UNEXPECTED_RESPONSE',
    fragment: 'with a response that is not Object',
  },
  {
    name: 'null for validate (C)',
    op: 'C validate',
    start: serve(json(200, 'null')),
    code: 'UNEXPECTED_RESPONSE',
    fragment: 'with a response that is not Object',
  },
  {
    name: 'sign-out answers "yes" instead of true (A)',
    op: 'A logout',
    start: serve(json(200, '"yes"')),
    code: 'UNEXPECTED_RESPONSE',
    fragment: 'answered sign out with a response that is not true',
  },
  {
    name: 'revoke answers false (B)',
    op: 'B revoke',
    start: serve(json(200, 'false')),
    code: 'UNEXPECTED_RESPONSE',
    fragment: 'answered revoke the token with a response that is not true',
  },
  {
    name: 'revoke meets an HTML error page (C)',
    op: 'C revoke',
    start: serve((_request, response) => {
      response.writeHead(502, { 'content-type': 'text/html' });
      response.end('<html><body>Bad gateway</body></html>');
    }),
    code: 'NOT_THOUGHTSPOT',
    fragment: WEB_PAGE,
  },
];
