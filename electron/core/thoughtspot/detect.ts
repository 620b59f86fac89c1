import { ResponseError } from '../errors/index.js';
import { parseClusterUrl } from './cluster-url.js';
import { openHttp, type ConnectionOptions } from './connection.js';
import { createCookieJar } from './cookie-jar.js';
import { adapterFor, DETECTION_ORDER, type DialectAdapter } from './dialects/index.js';
import { errorShapeOf } from './error-body.js';
import type { RawAnswer } from './http-session.js';
import type { Dialect } from './types.js';

/**
 * Does an unauthenticated GET of the dialect's session-info path answer like that dialect? Either
 * a ThoughtSpot error of the dialect's shape (the usual "not signed in") or a success.
 */
function speaks(adapter: DialectAdapter, answer: RawAnswer): boolean {
  if (answer.isHtml()) return false;
  const { parsed, body } = answer.json();
  if (!parsed || typeof body !== 'object' || body === null) return false;
  if (answer.status >= 200 && answer.status < 300) {
    const fields = body as Record<string, unknown>;
    // A, B and v1 all name the user `userName`; v1 is probed last, so a v2 cluster stays v2.
    return adapter.dialect === 'C'
      ? typeof fields.name === 'string'
      : typeof fields.userName === 'string';
  }
  return errorShapeOf(body) === adapter.errorShape;
}

/**
 * Finds which session API dialect a cluster speaks, with harmless requests: one credential-free GET
 * per dialect, newest first. The caller remembers the answer (it is part of the profile).
 */
export async function detectDialect(
  options: ConnectionOptions & { signal?: AbortSignal },
): Promise<Dialect> {
  const address = parseClusterUrl(options.baseUrl);
  // No retries: a missing dialect answers 404 at once, and a dead host fails the same each time.
  const http = openHttp({ ...options, retries: 0 }, address, createCookieJar());
  let sawWebPage = false;
  for (const dialect of DETECTION_ORDER) {
    const adapter = adapterFor(dialect);
    const answer = await http.exchange({
      method: 'GET',
      path: address.prefix + adapter.sessionInfoPath,
      auth: { kind: 'none' },
      ...(adapter.headers ? { headers: { ...adapter.headers } } : {}),
      signal: options.signal,
      context: { operation: 'detect the API', origin: address.origin, secrets: [] },
    });
    if (speaks(adapter, answer)) return dialect;
    sawWebPage ||= answer.isHtml();
  }
  throw new ResponseError(
    'NOT_THOUGHTSPOT',
    sawWebPage
      ? `${address.origin} answered with a web page instead of ThoughtSpot's API — an SSO or proxy sign-in page may be in front of the cluster`
      : `${address.origin} does not answer like a ThoughtSpot cluster (none of the session APIs /api/rest/2.0, /tspublic/rest/v2, /api/rest/v2 or /callosum/v1/tspublic/v1 is there)`,
    { url: address.origin },
  );
}
