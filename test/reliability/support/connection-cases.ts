// Bad servers, part two: answers that are too big or too slow, connections that break, redirects,
// HTTP that is not quite HTTP, and TLS.
import { gzipSync } from 'node:zlib';
import { BASELINES } from './field-cases.js';
import { bytes, json, rawSocket, withBody, type Handler } from './bad-server-kit.js';
import { infoText, serve, type TransportCase } from './transport-case.js';

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

const wrongHost: TransportCase['start'] = async (servers) => {
  const emulator = await servers.emulator({ tls: { altNames: ['DNS:elsewhere.example'] } });
  return { url: emulator.url, tls: { caPem: emulator.caPem ?? '' } };
};

const sent50 = { bytes: 0, closed: false };
const CLOSED = 'was closed unexpectedly';
const NOT_HTTP = 'did not answer with valid HTTP';

export const CONNECTION_CASES: TransportCase[] = [
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
];
