// Bad servers, part one: answers whose body is wrong (cut short, empty, an error inside a 200,
// HTML, bytes that are not text, secrets echoed back, JSON of the wrong shape).
import { gzipSync } from 'node:zlib';
import { BASELINES } from './field-cases.js';
import {
  BEARER,
  bytes,
  flatError,
  json,
  nestedError,
  PASSWORD,
  withBody,
} from './bad-server-kit.js';
import { infoText, serve, type TransportCase } from './transport-case.js';

const tokenText = JSON.stringify(BASELINES.token);
const loginText = JSON.stringify(BASELINES.login);
const infoGzip = gzipSync(Buffer.from(infoText));
const NOT_JSON = 'with something that is not JSON';
const EMPTY = 'with an empty body';
const WEB_PAGE = 'answered with a web page instead of';
const truncated = (text: string, share: number) =>
  text.slice(0, Math.max(1, Math.floor(text.length * share)));

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

export const BODY_CASES: TransportCase[] = [
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
