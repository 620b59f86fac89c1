import { InputError, ResponseError } from '../../errors/index.js';
import { parseShape, v2Done, v2LoginResponse, v2SessionInfo } from '../shapes.js';
import type { Dialect, IssuedToken, TokenRequest } from '../types.js';
import type { Caller, DialectAdapter } from './adapter.js';

const DEFAULT_VALIDITY_SECONDS = 300;

/** A/B (and v1) report times as epoch ms; tolerate seconds from older builds. */
export function toEpochMs(value: number): number {
  return value < 1e12 ? value * 1000 : value;
}

/** Bounds that keep creation time plus lifetime within what a Date can hold. */
const LIMITS = { tokenCreatedTime: 8e15, tokenExpiryDuration: 1e11 };

function numericString(
  call: Caller,
  value: string | undefined,
  field: keyof typeof LIMITS,
): number | undefined {
  if (value === undefined || value === '') return undefined;
  const parsed = Number(value);
  if (!Number.isFinite(parsed) || parsed < 0 || parsed > LIMITS[field]) {
    throw new ResponseError(
      'UNEXPECTED_RESPONSE',
      `${call.context('get a token').origin} answered with a "${field}" that is not a valid number`,
    );
  }
  return parsed;
}

/**
 * Dialects A (`/api/rest/v2`) and B (`/tspublic/rest/v2`): the same five operations and the same
 * 500-for-every-failure convention; B adds trusted authentication and orgs to gettoken.
 */
export function v2FamilyAdapter(dialect: 'A' | 'B', base: string): DialectAdapter {
  const trusted = dialect === 'B';
  const path = (suffix: string): string => `${base}/session${suffix}`;

  function tokenBody(request: TokenRequest): Record<string, unknown> {
    const body: Record<string, unknown> = { userName: request.username };
    if (request.credential.kind === 'password') body.password = request.credential.password;
    else if (trusted) body.secretKey = request.credential.secretKey;
    else {
      throw new InputError(
        `Dialect ${dialect} has no trusted authentication; use a password, or a cluster dialect (B or C) that has it`,
      );
    }
    body.tokenExpiryDuration = String(request.validitySeconds ?? DEFAULT_VALIDITY_SECONDS);
    if (request.orgId !== undefined) {
      if (!trusted) throw new InputError(`Dialect ${dialect} cannot choose an org for a token`);
      body.orgId = request.orgId;
    }
    if (trusted) body.accessLevel = 'FULL';
    return body;
  }

  return {
    dialect: dialect satisfies Dialect,
    sessionInfoPath: path(''),
    errorShape: 'nested',
    supportsSecretKey: trusted,
    issuesTokens: true,

    async login(call, request) {
      const operation = 'sign in';
      const answer = await call.send('POST', path('/login'), {
        body: {
          userName: request.username,
          password: request.password,
          rememberMe: request.rememberMe ?? false,
        },
        auth: { kind: 'none' },
        operation,
        username: request.username,
        credentialKind: 'password',
      });
      const body = parseShape(
        v2LoginResponse,
        answer.body,
        call.context(operation, request.username),
      );
      const created = numericString(call, body.tokenCreatedTime, 'tokenCreatedTime');
      const seconds = numericString(call, body.tokenExpiryDuration, 'tokenExpiryDuration');
      const username = body.userName || request.username;
      return created !== undefined && seconds !== undefined
        ? { username, expiresAt: toEpochMs(created) + seconds * 1000 }
        : { username };
    },

    async getToken(call, request): Promise<IssuedToken> {
      const operation = 'get a token';
      const answer = await call.send('POST', path('/gettoken'), {
        body: tokenBody(request),
        auth: { kind: 'none' },
        operation,
        username: request.username,
        credentialKind: request.credential.kind,
      });
      const context = call.context(operation, request.username);
      const body = parseShape(v2LoginResponse, answer.body, context);
      if (!body.token) {
        throw new ResponseError(
          'UNEXPECTED_RESPONSE',
          `${context.origin} issued no token for ${request.username}`,
          {
            url: context.origin,
          },
        );
      }
      const createdRaw = numericString(call, body.tokenCreatedTime, 'tokenCreatedTime');
      const createdAt = createdRaw === undefined ? call.now() : toEpochMs(createdRaw);
      const seconds =
        numericString(call, body.tokenExpiryDuration, 'tokenExpiryDuration') ??
        request.validitySeconds ??
        DEFAULT_VALIDITY_SECONDS;
      const token: IssuedToken = {
        token: body.token,
        createdAt,
        expiresAt: createdAt + seconds * 1000,
        username: body.userName || request.username,
        dialect,
      };
      if (request.orgId !== undefined) token.orgId = request.orgId;
      return token;
    },

    async info(call, auth) {
      const operation = 'session info';
      const answer = await call.send('GET', path(''), { auth, operation });
      const body = parseShape(v2SessionInfo, answer.body, call.context(operation));
      const email = body.userEmail ?? body.userProperties?.mail ?? undefined;
      return {
        username: body.userName,
        ...(body.userDisplayName !== undefined ? { displayName: body.userDisplayName } : {}),
        ...(email ? { email } : {}),
        ...(body.userGUID !== undefined ? { userId: body.userGUID } : {}),
        privileges: body.privileges ?? [],
        ...(body.state !== undefined ? { accountState: body.state.toUpperCase() } : {}),
        ...(body.expirationTime !== undefined ? { expiresAt: toEpochMs(body.expirationTime) } : {}),
        dialect,
      };
    },

    async logout(call, auth) {
      const operation = 'sign out';
      const answer = await call.send('POST', path('/logout'), { auth, operation });
      parseShape(v2Done, answer.body, call.context(operation));
    },

    async revoke(call, auth, token) {
      const operation = 'revoke the token';
      const bearer = token !== undefined ? { kind: 'bearer' as const, token } : auth;
      if (bearer.kind !== 'bearer') {
        throw new InputError(
          `Dialect ${dialect} revokes only bearer tokens; sign out to end a cookie session`,
        );
      }
      const answer = await call.send('POST', path('/revoketoken'), { auth: bearer, operation });
      parseShape(v2Done, answer.body, call.context(operation));
    },

    async validate(call, _auth, token) {
      // A/B have no validate endpoint: session info with the token is the server's word on it.
      const info = await this.info(call, { kind: 'bearer', token });
      return info.expiresAt !== undefined ? { expiresAt: info.expiresAt } : {};
    },
  };
}
