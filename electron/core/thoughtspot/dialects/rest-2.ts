import { InputError } from '../../errors/index.js';
import { cToken, cUser, cValidity, parseShape } from '../shapes.js';
import type { IssuedToken } from '../types.js';
import type { Caller, DialectAdapter } from './adapter.js';
import { rest2TokensForUsers } from './rest-2-mint.js';

const BASE = '/api/rest/2.0/auth';
const DEFAULT_VALIDITY_SECONDS = 300;

function issued(
  call: Caller,
  body: unknown,
  username: string,
  operation: 'get a token' | 'read the session token',
): IssuedToken {
  const token = parseShape(cToken, body, call.context(operation, username));
  const result: IssuedToken = {
    token: token.token,
    createdAt: token.creation_time_in_millis,
    expiresAt: token.expiration_time_in_millis,
    username: token.valid_for_username ?? username,
    dialect: 'C',
  };
  if (token.valid_for_user_id !== undefined) result.userId = token.valid_for_user_id;
  const orgId = token.scope?.org_id;
  if (typeof orgId === 'number') result.orgId = orgId;
  return result;
}

/** Dialect C (`/api/rest/2.0/auth`): real status codes, 204s, trusted auth, validate. */
export const rest2Adapter: DialectAdapter = {
  dialect: 'C',
  sessionInfoPath: `${BASE}/session/user`,
  errorShape: 'flat',
  supportsSecretKey: true,
  issuesTokens: true,
  ...rest2TokensForUsers,

  async login(call, request) {
    const body: Record<string, unknown> = {
      username: request.username,
      password: request.password,
      remember_me: request.rememberMe ?? false,
    };
    if (request.org !== undefined) body.org_identifier = String(request.org);
    await call.send('POST', `${BASE}/session/login`, {
      body,
      auth: { kind: 'none' },
      operation: 'sign in',
      username: request.username,
      credentialKind: 'password',
    });
    return { username: request.username };
  },

  async getToken(call, request) {
    const body: Record<string, unknown> = { username: request.username };
    if (request.credential.kind === 'password') body.password = request.credential.password;
    else body.secret_key = request.credential.secretKey;
    body.validity_time_in_sec = request.validitySeconds ?? DEFAULT_VALIDITY_SECONDS;
    if (request.orgId !== undefined) body.org_id = request.orgId;
    const answer = await call.send('POST', `${BASE}/token/full`, {
      body,
      auth: { kind: 'none' },
      operation: 'get a token',
      username: request.username,
      credentialKind: request.credential.kind,
    });
    return issued(call, answer.body, request.username, 'get a token');
  },

  async info(call, auth) {
    const operation = 'session info';
    const answer = await call.send('GET', `${BASE}/session/user`, { auth, operation });
    const user = parseShape(cUser, answer.body, call.context(operation));
    return {
      username: user.name,
      displayName: user.display_name,
      ...(user.email ? { email: user.email } : {}),
      userId: user.id,
      privileges: user.privileges ?? [],
      ...(user.current_org
        ? {
            currentOrg: {
              id: user.current_org.id,
              ...(user.current_org.name !== undefined ? { name: user.current_org.name } : {}),
            },
          }
        : {}),
      ...(user.account_status ? { accountState: user.account_status.toUpperCase() } : {}),
      dialect: 'C',
    };
  },

  async logout(call, auth) {
    await call.send('POST', `${BASE}/session/logout`, { auth, operation: 'sign out' });
  },

  async revoke(call, auth, token) {
    if (auth.kind === 'none' && token === undefined) {
      throw new InputError('There is no token to revoke; sign in first');
    }
    await call.send('POST', `${BASE}/token/revoke`, {
      body: token !== undefined ? { token } : {},
      auth,
      operation: 'revoke the token',
    });
  },

  async validate(call, auth, token) {
    const operation = 'validate the token';
    const answer = await call.send('POST', `${BASE}/token/validate`, {
      body: { token },
      auth,
      operation,
    });
    const body = parseShape(cValidity, answer.body, call.context(operation));
    return {
      expiresAt: body.expiration_time_in_millis,
      ...(body.creation_time_in_millis !== undefined
        ? { createdAt: body.creation_time_in_millis }
        : {}),
      ...(body.valid_for_user_id !== undefined ? { userId: body.valid_for_user_id } : {}),
    };
  },

  async currentToken(call, auth) {
    const operation = 'read the session token';
    const answer = await call.send('GET', `${BASE}/session/token`, { auth, operation });
    return issued(call, answer.body, '', operation);
  },
};
