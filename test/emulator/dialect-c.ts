// Dialect C (/api/rest/2.0): snake_case bodies, numbers as numbers, real HTTP status codes.
import { isAdmin, type Account } from './accounts.js';
import { orgOf, pickOrg, resolveCaller, signIn, type Caller, type Env } from './auth.js';
import {
  fields,
  optionalBoolean,
  optionalString,
  requiredString,
  type Fields,
} from './body-fields.js';
import { fail, invalid } from './errors.js';
import { clearSessionCookie, sessionCookie, setSessionCookie, type Reply } from './http-io.js';
import type { HandlerRequest, Routes } from './routes.js';
import { REMEMBER_ME_SECONDS, type TokenRecord } from './state.js';
import { customToken, fullToken, objectToken } from './tokens-for-users.js';

const tokenTimes = (t: TokenRecord) => ({
  creation_time_in_millis: t.createdAt,
  expiration_time_in_millis: t.expiresAt,
});
const scope = (t: TokenRecord) => ({
  access_type: t.objectId === undefined ? 'FULL' : 'REPORT_BOOK_VIEW',
  org_id: t.orgId,
  metadata_id: t.objectId ?? null,
});

function userIdOf(env: Env, username: string): string {
  return env.accounts.get(username)?.id ?? '';
}

/** org_identifier is an org id (number or numeric string) or an org name. */
function orgIdentifier(body: Fields): number | string | undefined {
  const v = body.org_identifier;
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'string' || (typeof v === 'number' && Number.isSafeInteger(v))) return v;
  throw invalid('org_identifier');
}

function login(env: Env, req: HandlerRequest): Reply {
  const body = fields(req.body);
  const username = requiredString(body, 'username');
  const password = requiredString(body, 'password');
  const requestedOrg = orgIdentifier(body);
  const rememberMe = optionalBoolean(body, 'remember_me') ?? false;
  const account = signIn(env, { username, password });
  const org = pickOrg(account, requestedOrg);
  const previous = sessionCookie(req.headers);
  if (previous !== undefined) env.store.endSession(previous);
  const session = env.store.createSession(account.username, org.id, rememberMe);
  const maxAge = rememberMe ? REMEMBER_ME_SECONDS : undefined;
  return { status: 204, cookies: [setSessionCookie(session.id, env.secure, maxAge)] };
}

function currentUser(env: Env, req: HandlerRequest): Reply {
  const { account: a, orgId } = resolveCaller(env, req.headers);
  return {
    status: 200,
    body: {
      id: a.id,
      name: a.username,
      display_name: a.displayName,
      visibility: 'SHARABLE',
      email: a.email,
      account_type: a.accountType,
      account_status: 'ACTIVE',
      privileges: a.privileges,
      current_org: orgOf(a, orgId),
      orgs: a.orgs,
      can_change_password: a.accountType === 'LOCAL_USER',
      is_first_login: false,
      creation_time_in_millis: a.createdAt,
      preferred_locale: 'en-US',
    },
  };
}

/** The caller's token; for a cookie session, one bound to the session (issued on first ask). */
function sessionToken(env: Env, caller: Caller): TokenRecord {
  if (caller.token) return caller.token;
  const session = caller.session;
  if (!session) throw fail('notAuthenticated');
  const bound = session.token === undefined ? undefined : env.store.checkToken(session.token);
  if (bound?.kind === 'live') return bound.token;
  const t = env.store.issueToken(
    session.username,
    session.orgId,
    env.validitySeconds,
    false,
    session.id,
  );
  session.token = t.value;
  return t;
}

function currentToken(env: Env, req: HandlerRequest): Reply {
  const caller = resolveCaller(env, req.headers);
  const t = sessionToken(env, caller);
  return {
    status: 200,
    body: {
      token: t.value,
      ...tokenTimes(t),
      valid_for_user_id: caller.account.id,
      valid_for_username: caller.account.username,
    },
  };
}

function validate(env: Env, req: HandlerRequest): Reply {
  resolveCaller(env, req.headers);
  const value = requiredString(fields(req.body), 'token');
  const check = env.store.checkToken(value);
  if (check.kind === 'expired') throw fail('tokenExpired');
  if (check.kind === 'revoked') throw fail('tokenRevoked');
  if (check.kind !== 'live') throw fail('notAuthenticated');
  const t = check.token;
  return {
    status: 200,
    body: {
      ...tokenTimes(t),
      scope: scope(t),
      valid_for_user_id: userIdOf(env, t.username),
      token_type: 'Bearer',
    },
  };
}

function findAccount(env: Env, identifier: string): Account | undefined {
  return (
    env.accounts.get(identifier) ?? [...env.accounts.values()].find((a) => a.id === identifier)
  );
}

/** Without arguments revokes the caller's own token; other users' tokens need ADMINISTRATION. */
function revoke(env: Env, req: HandlerRequest): Reply {
  const caller = resolveCaller(env, req.headers);
  const body = fields(req.body);
  const userIdentifier = optionalString(body, 'user_identifier');
  const value = optionalString(body, 'token');
  const mayTouch = (username: string) =>
    username === caller.account.username || isAdmin(caller.account);

  const target = userIdentifier === undefined ? undefined : findAccount(env, userIdentifier);
  if (userIdentifier !== undefined && !target) throw invalid('user_identifier');
  const record = value === undefined ? undefined : env.store.findToken(value);
  if (value !== undefined && !record) throw invalid('token');
  if ((target && !mayTouch(target.username)) || (record && !mayTouch(record.username))) {
    throw fail('forbidden');
  }

  // Both named: that one token, which must be the user's; the user alone: all of theirs.
  if (target && record && record.username !== target.username) throw invalid('token');
  if (record) env.store.revoke(record.value);
  else if (target) env.store.revokeAllOf(target.username);
  if (!target && !record) {
    const own = caller.token?.value ?? caller.session?.token;
    if (own !== undefined) env.store.revoke(own);
  }
  return { status: 204 };
}

function logout(env: Env, req: HandlerRequest): Reply {
  const id = sessionCookie(req.headers);
  if (id !== undefined) env.store.endSession(id);
  return { status: 204, cookies: [clearSessionCookie(env.secure)] };
}

export const routesC: Routes = {
  '/auth/session/user': { method: 'GET', operation: 'getCurrentUserInfo', handle: currentUser },
  '/auth/session/login': { method: 'POST', operation: 'login', handle: login },
  '/auth/session/token': { method: 'GET', operation: 'getCurrentUserToken', handle: currentToken },
  '/auth/session/logout': { method: 'POST', operation: 'logout', handle: logout },
  '/auth/token/full': { method: 'POST', operation: 'getFullAccessToken', handle: fullToken },
  '/auth/token/object': { method: 'POST', operation: 'getObjectAccessToken', handle: objectToken },
  '/auth/token/custom': { method: 'POST', operation: 'getCustomAccessToken', handle: customToken },
  '/auth/token/revoke': { method: 'POST', operation: 'revokeToken', handle: revoke },
  '/auth/token/validate': { method: 'POST', operation: 'validateToken', handle: validate },
};
