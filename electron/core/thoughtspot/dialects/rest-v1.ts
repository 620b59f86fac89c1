import { InputError, ResponseError, isAppError } from '../../errors/index.js';
import { hasControlCharacters } from '../../text-checks.js';
import { parseShape, v1SessionInfo } from '../shapes.js';
import type { Caller, DialectAdapter } from './adapter.js';
import { toEpochMs } from './v2-family.js';

const BASE = '/callosum/v1/tspublic/v1/session';
/** Private, but what the Visual Embed SDK and cs_tools use as a keep-alive. */
const IS_ACTIVE = '/callosum/v1/session/isactive';

/** v1 issues no bearer tokens: said the same way wherever one is asked for. */
export const V1_NO_TOKENS =
  'REST API v1 issues no bearer tokens; use tsm exec, which passes the session as TS_COOKIE';

/** The one-time token must go back in a form field as is: anything odd is the cluster's fault. */
function oneTimeToken(call: Caller, body: unknown, username: string): string {
  const token = typeof body === 'string' ? body.trim() : '';
  if (token === '' || /\s/.test(token) || hasControlCharacters(token)) {
    const { origin } = call.context('sign in', username);
    throw new ResponseError(
      'UNEXPECTED_RESPONSE',
      `${origin} answered the trusted-auth request for ${username} without a usable one-time token`,
      { url: origin },
    );
  }
  return token;
}

/**
 * REST API v1 (`/callosum/v1/tspublic/v1/session`, 7.x/8.x clusters and every later one): form
 * bodies, the CSRF header on every call, cookie sessions only; trusted authentication is a
 * one-time token exchanged for a session.
 */
export const restV1Adapter: DialectAdapter = {
  dialect: 'V1',
  sessionInfoPath: `${BASE}/info`,
  errorShape: 'top-level',
  // The docs call it necessary on every call; clusters' CSRF filter refuses requests without it.
  headers: { 'X-Requested-By': 'ThoughtSpot' },
  supportsSecretKey: true,
  issuesTokens: false,

  async login(call, request) {
    const form: Record<string, string> = {
      username: request.username,
      password: request.password,
      rememberme: String(request.rememberMe ?? false),
    };
    if (request.org !== undefined) form.orgid = String(request.org);
    // 204, or 200 with a body some builds send: either way the cookies are the session.
    await call.send('POST', `${BASE}/login`, {
      form,
      expect: 'text',
      auth: { kind: 'none' },
      operation: 'sign in',
      username: request.username,
      credentialKind: 'password',
    });
    return { username: request.username };
  },

  async loginWithSecretKey(call, request) {
    const form: Record<string, string> = {
      secret_key: request.secretKey,
      username: request.username,
      access_level: 'FULL',
    };
    if (request.org !== undefined) form.orgid = String(request.org);
    const answer = await call.send('POST', `${BASE}/auth/token`, {
      form,
      headers: { Accept: 'text/plain' },
      expect: 'text',
      auth: { kind: 'none' },
      operation: 'sign in',
      username: request.username,
      credentialKind: 'secretKey',
    });
    const token = oneTimeToken(call, answer.body, request.username);
    // no_url_redirection: a 204 with the cookies instead of a 302 to the cluster's home page.
    await call.send('POST', `${BASE}/login/token`, {
      form: { username: request.username, auth_token: token, no_url_redirection: 'true' },
      expect: 'text',
      secrets: [token],
      auth: { kind: 'none' },
      operation: 'sign in',
      username: request.username,
      credentialKind: 'secretKey',
    });
    return { username: request.username };
  },

  getToken() {
    return Promise.reject(new InputError(V1_NO_TOKENS));
  },

  async info(call, auth) {
    const operation = 'session info';
    const answer = await call.send('GET', `${BASE}/info`, { auth, operation });
    const body = parseShape(v1SessionInfo, answer.body, call.context(operation));
    return {
      username: body.userName,
      ...(body.userDisplayName !== undefined ? { displayName: body.userDisplayName } : {}),
      ...(body.userEmail ? { email: body.userEmail } : {}),
      ...(body.userGUID !== undefined ? { userId: body.userGUID } : {}),
      privileges: body.privileges ?? [],
      ...(typeof body.currentOrgId === 'number' ? { currentOrg: { id: body.currentOrgId } } : {}),
      ...(body.expirationTime !== undefined ? { expiresAt: toEpochMs(body.expirationTime) } : {}),
      dialect: 'V1',
    };
  },

  async logout(call, auth) {
    await call.send('POST', `${BASE}/logout`, {
      form: {},
      expect: 'text',
      auth,
      operation: 'sign out',
    });
  },

  revoke() {
    return Promise.reject(
      new InputError('REST API v1 issues no bearer tokens to revoke; sign out to end the session'),
    );
  },

  validate() {
    return Promise.reject(new InputError(V1_NO_TOKENS));
  },

  async isActive(call, auth) {
    try {
      await call.send('GET', IS_ACTIVE, { auth, expect: 'text', operation: 'session info' });
      return true;
    } catch (error) {
      if (isAppError(error) && error.code === 'NOT_SIGNED_IN') return false;
      throw error;
    }
  },
};
