import { cCustomToken, cObjectToken, cToken, parseShape } from '../shapes.js';
import type { MintedToken, MintTokenRequest } from '../mint-types.js';
import type { DialectAdapter } from './adapter.js';

const BASE = '/api/rest/2.0/auth';

type Body = Record<string, unknown>;

/** Fields every kind takes; provisioning only matters when the cluster creates the user. */
function common(request: MintTokenRequest): Body {
  const body: Body = { username: request.username, secret_key: request.secretKey };
  if (request.validitySeconds !== undefined) body.validity_time_in_sec = request.validitySeconds;
  if (request.autoCreate !== undefined) body.auto_create = request.autoCreate;
  if (request.email !== undefined) body.email = request.email;
  if (request.displayName !== undefined) body.display_name = request.displayName;
  return body;
}

/** token/full and token/object: `org_id` is a number, groups are `group_identifiers`. */
function tokenBody(request: MintTokenRequest): Body {
  const body = common(request);
  if (typeof request.org === 'number') body.org_id = request.org;
  if (request.groups?.length) body.group_identifiers = request.groups;
  if (request.kind === 'object') body.object_id = request.objectId;
  return body;
}

/** token/custom: `org_identifier` is a string, `persist_option` is required, groups are objects. */
function customBody(request: MintTokenRequest): Body {
  const body = common(request);
  if (request.org !== undefined) body.org_identifier = String(request.org);
  body.persist_option = request.persist;
  if (request.filterRules?.length) {
    body.filter_rules = request.filterRules.map((rule) => ({
      column_name: rule.column,
      operator: rule.operator,
      values: rule.values,
    }));
  }
  if (request.parameters?.length) body.parameter_values = request.parameters;
  if (request.variables?.length) body.variable_values = request.variables;
  if (request.groups?.length) body.groups = request.groups.map((identifier) => ({ identifier }));
  return body;
}

/** Dialect C's trusted authentication for other users, and revoking another user's tokens. */
export const rest2TokensForUsers: Required<Pick<DialectAdapter, 'mint' | 'revokeForUser'>> = {
  async mint(call, request) {
    const operation = 'mint a token';
    const answer = await call.send('POST', `${BASE}/token/${request.kind}`, {
      body: request.kind === 'custom' ? customBody(request) : tokenBody(request),
      auth: { kind: 'none' },
      operation,
      username: request.username,
      credentialKind: 'secretKey',
    });
    const context = call.context(operation, request.username);
    if (request.kind === 'custom') {
      const t = parseShape(cCustomToken, answer.body, context);
      const minted: MintedToken = {
        kind: 'custom',
        token: t.token,
        createdAt: t.creation_time_in_millis,
        expiresAt: t.expiration_time_in_millis,
        username: t.user.name ?? request.username,
        userId: t.user.id,
        org: { id: t.org.id, ...(t.org.name ? { name: t.org.name } : {}) },
      };
      if (t.id) minted.id = t.id;
      return minted;
    }
    const t = parseShape(cToken, answer.body, context);
    // Only an object token's metadata_id is read: a full token's is ignored, as at sign-in.
    const scoped =
      request.kind === 'object' ? parseShape(cObjectToken, answer.body, context).scope : undefined;
    const minted: MintedToken = {
      kind: request.kind,
      token: t.token,
      createdAt: t.creation_time_in_millis,
      expiresAt: t.expiration_time_in_millis,
      username: t.valid_for_username ?? request.username,
    };
    if (t.valid_for_user_id !== undefined) minted.userId = t.valid_for_user_id;
    const orgId = t.scope?.org_id;
    if (typeof orgId === 'number') minted.org = { id: orgId };
    const objectId =
      scoped?.metadata_id ?? (request.kind === 'object' ? request.objectId : undefined);
    if (objectId) minted.objectId = objectId;
    return minted;
  },

  async revokeForUser(call, auth, user, token) {
    await call.send('POST', `${BASE}/token/revoke`, {
      body: { user_identifier: user, ...(token !== undefined ? { token } : {}) },
      auth,
      operation: "revoke a user's tokens",
    });
  },
};
