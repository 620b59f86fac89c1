import { NetworkError } from '../errors/index.js';

/** Walks `cause` links to the lowest error that has a `code` (undici wraps Node's socket errors). */
function lowLevelCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && typeof current === 'object' && current !== null; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    // undici refuses the ports of other protocols (1, 6000, ...) before connecting, without a code.
    if ((current as { message?: unknown }).message === 'bad port') return 'BAD_PORT';
    // undici's parser errors often carry no code: the answer was not HTTP/1.1.
    if ((current as { name?: unknown }).name === 'HTTPParserError') return 'HPE_INVALID';
    current = (current as { cause?: unknown }).cause;
  }
  // Electron's net.fetch reports Chromium's net errors only in the message.
  const message = error instanceof Error ? error.message : '';
  return /net::(ERR_[A-Z_]+)/.exec(message)?.[1];
}

const SELF_SIGNED = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'ERR_CERT_AUTHORITY_INVALID',
]);
const UNTRUSTED = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'UNABLE_TO_GET_ISSUER_CERT',
]);
const EXPIRED = new Set(['CERT_HAS_EXPIRED', 'CERT_NOT_YET_VALID', 'ERR_CERT_DATE_INVALID']);
const WRONG_HOST = new Set(['ERR_TLS_CERT_ALTNAME_INVALID', 'ERR_CERT_COMMON_NAME_INVALID']);
const REFUSED = new Set(['ECONNREFUSED', 'ERR_CONNECTION_REFUSED']);
const DNS = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_FAIL', 'ERR_NAME_NOT_RESOLVED']);
const RESET = new Set([
  'ECONNRESET',
  'EPIPE',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
  'ERR_CONNECTION_RESET',
  'ERR_CONNECTION_CLOSED',
  'ERR_EMPTY_RESPONSE',
]);
const UNREACHABLE = new Set([
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ERR_ADDRESS_UNREACHABLE',
  'ERR_INTERNET_DISCONNECTED',
]);

/** Turns whatever a transport threw into a NetworkError whose message says what to do. */
export function networkErrorFrom(error: unknown, url: URL): NetworkError {
  const cause = lowLevelCode(error) ?? 'UNKNOWN';
  const origin = url.origin;
  const details = { cause, url: origin };
  if (SELF_SIGNED.has(cause)) {
    return new NetworkError(
      'TLS',
      `The certificate of ${origin} is self-signed; add its CA in the profile's TLS settings`,
      details,
    );
  }
  if (UNTRUSTED.has(cause)) {
    return new NetworkError(
      'TLS',
      `The certificate of ${origin} is signed by a CA this computer does not trust; add that CA in the profile's TLS settings`,
      details,
    );
  }
  if (EXPIRED.has(cause)) {
    return new NetworkError(
      'TLS',
      `The certificate of ${origin} has expired or is not yet valid`,
      details,
    );
  }
  if (WRONG_HOST.has(cause)) {
    return new NetworkError(
      'TLS',
      `The certificate of ${origin} was issued for a different host name; check the cluster URL`,
      details,
    );
  }
  if (cause === 'EPROTO' || cause.startsWith('ERR_SSL') || cause.startsWith('ERR_TLS')) {
    return new NetworkError(
      'TLS',
      `A secure connection to ${origin} could not be made (${cause}); is it really HTTPS on that port?`,
      details,
    );
  }
  if (cause === 'BAD_PORT' || cause === 'ERR_UNSAFE_PORT') {
    return new NetworkError(
      'NETWORK',
      `${origin} uses port ${url.port}, one that browsers and Node refuse to use (it belongs to another protocol); check the port in the cluster URL`,
      details,
    );
  }
  if (REFUSED.has(cause)) {
    return new NetworkError(
      'NETWORK',
      `Could not connect to ${origin}: connection refused (is the cluster running, and is the port right?)`,
      details,
    );
  }
  if (DNS.has(cause)) {
    return new NetworkError(
      'NETWORK',
      `Could not find the host ${url.hostname} (DNS lookup failed); check the cluster URL and your network`,
      details,
    );
  }
  if (RESET.has(cause)) {
    return new NetworkError(
      'NETWORK',
      `The connection to ${origin} was closed unexpectedly`,
      details,
    );
  }
  if (UNREACHABLE.has(cause)) {
    return new NetworkError('NETWORK', `${origin} cannot be reached from this network`, details);
  }
  if (cause.startsWith('HPE_') || cause === 'ERR_INVALID_HTTP_RESPONSE') {
    return new NetworkError(
      'NETWORK',
      `${origin} did not answer with valid HTTP (${cause}); check the cluster URL and port`,
      details,
    );
  }
  if (cause.startsWith('Z_') || cause === 'ERR_CONTENT_DECODING_FAILED') {
    return new NetworkError(
      'NETWORK',
      `${origin} sent a compressed answer that could not be decompressed (${cause})`,
      details,
    );
  }
  if (cause === 'UND_ERR_HEADERS_OVERFLOW' || cause === 'ERR_RESPONSE_HEADERS_TOO_BIG') {
    return new NetworkError(
      'NETWORK',
      `${origin} answered with headers too large for a ThoughtSpot response (${cause})`,
      details,
    );
  }
  return new NetworkError('NETWORK', `Could not talk to ${origin} (${cause})`, details);
}
