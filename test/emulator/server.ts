// The request pipeline: record, delay, play SSO proxy or flaky cluster if asked, route to a
// dialect, render failures in that dialect. Every request gets an answer; nothing throws out.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Env } from './auth.js';
import { routesAB } from './dialect-ab.js';
import { routesC } from './dialect-c.js';
import { csrfRefusal, routesV1 } from './dialect-v1.js';
import { clusterSsoRoutes } from './sso/cluster-routes.js';
import type { SsoEnv } from './sso/context.js';
import { answerPage } from './sso/dispatch.js';
import { bodyAB, bodyC, bodyV1, EmulatorFailure, FAILURES, type FailureSpec } from './errors.js';
import { parseBody, readRawBody, send, sendText, type ParsedBody } from './http-io.js';
import { dialectOf, routeKey, type Route, type Routes } from './routes.js';
import type { Dialect, ErrorEnvelope, RecordedRequest } from './types.js';

export interface PipelineConfig {
  env: Env;
  dialects: ReadonlySet<Dialect>;
  latencyMs: number;
  failRate: number;
  ssoHtml: boolean;
  errorEnvelope: ErrorEnvelope;
  requests: RecordedRequest[];
  random?: () => number;
  /** The browser sign-in pages (/, SAML, OIDC); without it they are not served. */
  sso?: SsoEnv;
}

const ROUTES: Readonly<Record<Dialect, Routes>> = {
  A: routesAB('A'),
  B: routesAB('B'),
  C: routesC,
  V1: routesV1,
};

export const SSO_PAGE = `<!DOCTYPE html>
<html><head><title>Sign in</title></head>
<body><form method="post" action="/sso/login"><h1>Sign in with your identity provider</h1>
<button type="submit">Continue</button></form></body></html>
`;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function bodyKeys(parsed: ParsedBody): string[] {
  if (parsed.kind === 'form') return Object.keys(parsed.value);
  if (parsed.kind !== 'json') return [];
  const v = parsed.value;
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? Object.keys(v) : [];
}

/** A cluster without the path (or without the dialect) answers like a web server, not like TS. */
function notFound(res: ServerResponse): void {
  sendText(res, 404, 'Not Found');
}

function render(
  res: ServerResponse,
  config: PipelineConfig,
  dialect: Dialect,
  route: Route,
  spec: FailureSpec,
): void {
  const envelope = config.errorEnvelope;
  if (dialect === 'C') send(res, { status: spec.status, body: bodyC(spec, envelope) });
  else if (dialect === 'V1') send(res, { status: spec.status, body: bodyV1(spec, envelope) });
  else send(res, { status: 500, body: bodyAB(spec, route.operation, envelope) });
}

function pathOf(req: IncomingMessage): string {
  try {
    return new URL(req.url ?? '/', 'http://emulator').pathname;
  } catch {
    return req.url ?? '/';
  }
}

async function handle(config: PipelineConfig, req: IncomingMessage, res: ServerResponse) {
  const path = pathOf(req);
  const dialect = dialectOf(path);
  const raw = await readRawBody(req);
  const parsed = parseBody(raw, req.headers['content-type'], dialect === 'V1');
  config.requests.push({
    method: req.method ?? 'GET',
    path,
    hasAuthorization: req.headers.authorization !== undefined,
    hasCookie: req.headers.cookie !== undefined,
    bodyKeys: bodyKeys(parsed),
  });
  if (config.latencyMs > 0) await sleep(config.latencyMs);
  if (config.ssoHtml) return sendText(res, 200, SSO_PAGE, 'text/html; charset=utf-8');
  if (config.sso && answerPage(clusterSsoRoutes, config.sso, req, res, path, raw)) return;

  if (dialect === undefined || !config.dialects.has(dialect)) return notFound(res);
  const key = routeKey(dialect, path);
  const route = ROUTES[dialect][`${req.method ?? 'GET'} ${key}`] ?? ROUTES[dialect][key];
  if (!route) return notFound(res);
  if (config.failRate > 0 && (config.random ?? Math.random)() < config.failRate) {
    return render(res, config, dialect, route, FAILURES.internal);
  }
  if (req.method !== route.method) {
    return sendText(res, 405, 'Method Not Allowed', undefined, { Allow: route.method });
  }
  const refusal = dialect === 'V1' ? csrfRefusal(req.headers) : undefined;
  if (refusal) return render(res, config, dialect, route, refusal.spec);
  if (parsed.kind === 'bad') return render(res, config, dialect, route, parsed.failure.spec);
  try {
    const body = parsed.kind === 'json' || parsed.kind === 'form' ? parsed.value : undefined;
    send(res, route.handle(config.env, { headers: req.headers, body }));
  } catch (err) {
    if (!(err instanceof EmulatorFailure)) {
      console.error(`emulator: unexpected error on ${path}:`, err);
    }
    render(
      res,
      config,
      dialect,
      route,
      err instanceof EmulatorFailure ? err.spec : FAILURES.internal,
    );
  }
}

export function createRequestListener(config: PipelineConfig) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    handle(config, req, res).catch((err: unknown) => {
      console.error('emulator: request failed:', err instanceof Error ? err.message : err);
      if (!res.headersSent) sendText(res, 500, 'Internal Server Error');
      else res.destroy();
    });
  };
}
