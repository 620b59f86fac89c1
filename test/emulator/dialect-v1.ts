// REST API v1 (/callosum/v1/tspublic/v1): form-encoded bodies, the CSRF header on every call,
// cookie sessions only; trusted auth is a one-time token exchanged for a session.
import type { IncomingHttpHeaders } from 'node:http';
import { randomBytes } from 'node:crypto';
import { isAdmin } from './accounts.js';
import { pickOrg, resolveCaller, signIn, type Env } from './auth.js';
import { EmulatorFailure, fail, invalid, type FailureSpec } from './errors.js';
import { clearSessionCookie, sessionCookie, setSessionCookie, type Reply } from './http-io.js';
import type { HandlerRequest, Routes } from './routes.js';
import { REMEMBER_ME_SECONDS } from './state.js';

/** How long a one-time login token from session/auth/token may wait to be used. */
export const LOGIN_TOKEN_SECONDS = 300;

const badLoginToken: FailureSpec = {
  status: 401,
  code: 10002,
  name: 'INVALID_LOGIN_TOKEN',
  debug: 'The login token is invalid, expired, already used, or for another user.',
};

interface LoginToken {
  username: string;
  orgId: number;
  expiresAt: number;
}

// One-time tokens by emulator: each is deleted when used.
const loginTokens = new WeakMap<Env, Map<string, LoginToken>>();

function tokensOf(env: Env): Map<string, LoginToken> {
  let tokens = loginTokens.get(env);
  if (!tokens) loginTokens.set(env, (tokens = new Map<string, LoginToken>()));
  return tokens;
}

/**
 * A real cluster's CSRF filter refuses API calls without `X-Requested-By` (the v1 docs call the
 * header necessary on every call): so does the emulator, so a client that forgets it fails here.
 */
export function csrfRefusal(headers: IncomingHttpHeaders): EmulatorFailure | undefined {
  const value = headers['x-requested-by'];
  return typeof value === 'string' && value.trim() !== ''
    ? undefined
    : invalid('X-Requested-By header is missing');
}

type Form = Record<string, string>;

function form(req: HandlerRequest): Form {
  return (req.body ?? {}) as Form;
}

function required(body: Form, name: string): string {
  const value = body[name];
  if (value === undefined || value === '') throw invalid(name);
  return value;
}

function orgIdOf(body: Form): number | undefined {
  const value = body.orgid;
  if (value === undefined || value === '') return undefined;
  if (!/^\d+$/.test(value)) throw invalid('orgid');
  return Number(value);
}

function flag(body: Form, name: string): boolean {
  const value = body[name];
  if (value === undefined || value === '' || value === 'false') return false;
  if (value === 'true') return true;
  throw invalid(name);
}

function startSession(
  env: Env,
  req: HandlerRequest,
  username: string,
  orgId: number,
  remember = false,
) {
  const previous = sessionCookie(req.headers);
  if (previous !== undefined) env.store.endSession(previous);
  const session = env.store.createSession(username, orgId, remember);
  const maxAge = remember ? REMEMBER_ME_SECONDS : undefined;
  return [
    setSessionCookie(session.id, env.secure, maxAge),
    `clientId=${randomBytes(8).toString('hex')}; Path=/; HttpOnly${env.secure ? '; Secure' : ''}`,
  ];
}

function login(env: Env, req: HandlerRequest): Reply {
  const body = form(req);
  const username = required(body, 'username');
  const password = required(body, 'password');
  const account = signIn(env, { username, password });
  const org = pickOrg(account, orgIdOf(body));
  return {
    status: 204,
    cookies: startSession(env, req, account.username, org.id, flag(body, 'rememberme')),
  };
}

function info(env: Env, req: HandlerRequest): Reply {
  const { account: a, orgId, session } = resolveCaller(env, req.headers);
  return {
    status: 200,
    body: {
      userName: a.username,
      userDisplayName: a.displayName,
      userEmail: a.email,
      userGUID: a.id,
      userCreatedTime: a.createdAt,
      privileges: a.privileges,
      ...(session ? { expirationTime: session.expiresAt } : {}),
      currentOrgId: orgId,
      releaseVersion: '8.10.0.sw',
      configInfo: { selfClusterName: 'emulator', isSaas: false },
    },
  };
}

function logout(env: Env, req: HandlerRequest): Reply {
  const id = sessionCookie(req.headers);
  if (id !== undefined) env.store.endSession(id);
  return { status: 204, cookies: [clearSessionCookie(env.secure)] };
}

/** Trusted authentication, step one: a one-time token for the user, as text/plain. */
function authToken(env: Env, req: HandlerRequest): Reply {
  const body = form(req);
  const secretKey = required(body, 'secret_key');
  const username = required(body, 'username');
  const level = body.access_level ?? 'FULL';
  if (level !== 'FULL' && level !== 'REPORT_BOOK_VIEW') throw invalid('access_level');
  const account = signIn(env, { username, secretKey });
  const org = pickOrg(account, orgIdOf(body));
  const value = randomBytes(24).toString('base64url');
  const expiresAt = env.clock.now() + LOGIN_TOKEN_SECONDS * 1000;
  tokensOf(env).set(value, { username: account.username, orgId: org.id, expiresAt });
  return { status: 200, text: value };
}

/** Step two: the one-time token becomes a session (a 302 home unless no_url_redirection). */
function loginToken(env: Env, req: HandlerRequest): Reply {
  const body = form(req);
  const username = required(body, 'username');
  const value = required(body, 'auth_token');
  const tokens = tokensOf(env);
  const token = tokens.get(value);
  tokens.delete(value);
  if (!token || token.username !== username || token.expiresAt <= env.clock.now()) {
    throw new EmulatorFailure(badLoginToken);
  }
  const cookies = startSession(env, req, token.username, token.orgId);
  if (flag(body, 'no_url_redirection')) return { status: 204, cookies };
  return { status: 302, cookies, location: body.redirect_url ?? '/' };
}

function isActive(env: Env, req: HandlerRequest): Reply {
  resolveCaller(env, req.headers);
  return { status: 200 };
}

function orgs(env: Env, req: HandlerRequest): Reply {
  const { account, orgId } = resolveCaller(env, req.headers);
  if (account.orgs.length === 0) throw fail('forbidden');
  return {
    status: 200,
    body: {
      orgs: account.orgs.map((o) => ({
        orgId: o.id,
        orgName: o.name,
        description: '',
        isActive: true,
      })),
      canAdministerAllOrgs: isAdmin(account),
      currentOrgId: orgId,
    },
  };
}

/** Moves a cookie session to another of the user's orgs (400 when not a member). */
function switchOrg(env: Env, req: HandlerRequest): Reply {
  const { account, session } = resolveCaller(env, req.headers);
  if (!session) throw fail('notAuthenticated');
  const orgId = orgIdOf(form(req));
  if (orgId === undefined || !account.orgs.some((o) => o.id === orgId)) throw invalid('orgid');
  session.orgId = orgId;
  // A token is for one org: C's session/token issues a new one for the new org when asked.
  delete session.token;
  return { status: 204 };
}

export const routesV1: Routes = {
  '/session/login': { method: 'POST', operation: 'login', handle: login },
  '/session/info': { method: 'GET', operation: 'info', handle: info },
  '/session/logout': { method: 'POST', operation: 'logout', handle: logout },
  '/session/auth/token': { method: 'POST', operation: 'authToken', handle: authToken },
  '/session/login/token': { method: 'POST', operation: 'loginToken', handle: loginToken },
  '/session/orgs': { method: 'GET', operation: 'orgs', handle: orgs },
  'PUT /session/orgs': { method: 'PUT', operation: 'switchOrg', handle: switchOrg },
  '/callosum/v1/session/isactive': { method: 'GET', operation: 'isactive', handle: isActive },
};
