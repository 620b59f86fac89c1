// Dialects A (/api/rest/v2) and B (/tspublic/rest/v2): camelCase bodies, numbers as strings in
// SessionLoginResponse, and every failure as HTTP 500 (rendered by the server).
import { pickOrg, resolveCaller, signIn, type Env } from './auth.js';
import type { Account } from './accounts.js';
import {
  fields,
  optionalBoolean,
  optionalInteger,
  optionalString,
  requiredString,
  type Fields,
} from './body-fields.js';
import { fail, invalid } from './errors.js';
import {
  bearerToken,
  clearSessionCookie,
  sessionCookie,
  setSessionCookie,
  type Reply,
} from './http-io.js';
import type { HandlerRequest, Routes } from './routes.js';
import { REMEMBER_ME_SECONDS, SESSION_SECONDS } from './state.js';

function loginResponse(userName: string, token: string, createdAt: number, seconds: number) {
  return {
    userName,
    token,
    tokenCreatedTime: String(createdAt),
    tokenExpiryDuration: String(seconds),
    tokenType: token === '' ? 'Cookie' : 'Bearer',
  };
}

/** Dialect B can turn a bearer token into a cookie session when no credentials are given. */
function loginAccount(env: Env, req: HandlerRequest, body: Fields, bearerLogin: boolean) {
  const noCredentials = body.userName == null && body.password == null;
  if (bearerLogin && noCredentials && bearerToken(req.headers) !== undefined) {
    const caller = resolveCaller(env, req.headers);
    return { account: caller.account, orgId: caller.orgId };
  }
  const username = requiredString(body, 'userName');
  const password = requiredString(body, 'password');
  const account = signIn(env, { username, password });
  return { account, orgId: pickOrg(account).id };
}

function login(env: Env, req: HandlerRequest, bearerLogin: boolean): Reply {
  const body = fields(req.body);
  const rememberMe = optionalBoolean(body, 'rememberMe') ?? false;
  const { account, orgId } = loginAccount(env, req, body, bearerLogin);
  const previous = sessionCookie(req.headers);
  if (previous !== undefined) env.store.endSession(previous);
  const session = env.store.createSession(account.username, orgId, rememberMe);
  const seconds = rememberMe ? REMEMBER_ME_SECONDS : SESSION_SECONDS;
  return {
    status: 200,
    body: loginResponse(account.username, '', session.createdAt, seconds),
    cookies: [setSessionCookie(session.id, env.secure, rememberMe ? seconds : undefined)],
  };
}

/** tokenExpiryDuration is a string of seconds; anything but a positive integer means default. */
function validity(env: Env, body: Fields): number {
  const asked = optionalString(body, 'tokenExpiryDuration');
  const seconds = asked !== undefined && /^\d+$/.test(asked) ? Number(asked) : 0;
  return seconds > 0 && Number.isSafeInteger(seconds) ? seconds : env.validitySeconds;
}

function getToken(env: Env, req: HandlerRequest, dialectB: boolean): Reply {
  const body = fields(req.body);
  const username = requiredString(body, 'userName');
  const seconds = validity(env, body);
  let account: Account;
  let orgId: number | undefined;
  if (dialectB) {
    const accessLevel = optionalString(body, 'accessLevel') ?? 'FULL';
    if (accessLevel !== 'FULL' && accessLevel !== 'REPORT_BOOK_VIEW') throw invalid('accessLevel');
    const objectId = optionalString(body, 'tsObjectId');
    if (accessLevel === 'REPORT_BOOK_VIEW' && !objectId) throw invalid('tsObjectId');
    orgId = optionalInteger(body, 'orgId');
    const password = optionalString(body, 'password');
    const secretKey = optionalString(body, 'secretKey');
    account = signIn(env, { username, password, secretKey });
  } else {
    account = signIn(env, { username, password: requiredString(body, 'password') });
  }
  const org = pickOrg(account, orgId);
  const token = env.store.issueToken(account.username, org.id, seconds, true);
  return {
    status: 200,
    body: loginResponse(account.username, token.value, token.createdAt, seconds),
  };
}

function sessionInfo(env: Env, req: HandlerRequest): Reply {
  const caller = resolveCaller(env, req.headers);
  const a = caller.account;
  const expiresAt = caller.token?.expiresAt ?? caller.session?.expiresAt ?? 0;
  return {
    status: 200,
    body: {
      userName: a.username,
      userDisplayName: a.displayName,
      userEmail: a.email,
      userCreatedTime: a.createdAt,
      userGUID: a.id,
      canChangePassword: a.accountType === 'LOCAL_USER',
      isSystemUser: false,
      userGroupMask: 4,
      privileges: a.privileges,
      expirationTime: expiresAt,
      locale: 'en-US',
      timezone: 'UTC',
      dateFormat: { formatPattern: 'MM/dd/yyyy' },
      timeFormat: { formatPattern: 'HH:mm:ss' },
      dateTimeFormat: { formatPattern: 'MM/dd/yyyy HH:mm:ss' },
      isFirstLogin: false,
      firstLoginDate: a.createdAt,
      userProperties: { persona: 'ANALYST', mail: a.email },
      state: 'ACTIVE',
    },
  };
}

/** Login and logout need no prior authentication; logout never revokes a bearer token. */
function logout(env: Env, req: HandlerRequest): Reply {
  const id = sessionCookie(req.headers);
  if (id !== undefined) env.store.endSession(id);
  return { status: 200, body: true, cookies: [clearSessionCookie(env.secure)] };
}

function revokeToken(env: Env, req: HandlerRequest): Reply {
  const value = bearerToken(req.headers);
  if (value === undefined) throw fail('notAuthenticated');
  resolveCaller(env, req.headers); // fails for an unknown, expired or revoked token
  env.store.revoke(value);
  return { status: 200, body: true };
}

export function routesAB(dialect: 'A' | 'B'): Routes {
  const b = dialect === 'B';
  return {
    '/session': { method: 'GET', operation: 'getSessionInfo', handle: sessionInfo },
    '/session/login': {
      method: 'POST',
      operation: 'login',
      handle: (env, req) => login(env, req, b),
    },
    '/session/gettoken': {
      method: 'POST',
      operation: 'getToken',
      handle: (env, req) => getToken(env, req, b),
    },
    '/session/logout': { method: 'POST', operation: 'logout', handle: logout },
    '/session/revoketoken': { method: 'POST', operation: 'revokeToken', handle: revokeToken },
  };
}
