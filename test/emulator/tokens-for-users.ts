// Trusted authentication for other users (dialect C): full, object-scoped and custom tokens,
// users created on the fly, and rules persisted per user when a token is minted.
import { randomBytes, randomUUID } from 'node:crypto';
import { completeAccount, type Account } from './accounts.js';
import { pickOrg, signIn, type Env } from './auth.js';
import {
  fields,
  optionalBoolean,
  optionalInteger,
  optionalString,
  positiveInteger,
  requiredString,
  type Fields,
} from './body-fields.js';
import { EmulatorFailure, fail, invalid } from './errors.js';
import type { Reply } from './http-io.js';
import type { HandlerRequest } from './routes.js';
import type { TokenRecord } from './state.js';
import type { EmulatorOrg } from './types.js';

/** The operators of `filter_rules`, as the 2.x SDK's FilterRulesOperatorEnum lists them. */
export const FILTER_OPERATORS: readonly string[] = [
  'EQ',
  'NE',
  'LT',
  'LE',
  'GT',
  'GE',
  'IN',
  'BW',
  'CONTAINS',
  'BEGINS_WITH',
  'ENDS_WITH',
  'BW_INC',
  'BW_INC_MIN',
  'BW_INC_MAX',
  'LIKE',
  'NOT_IN',
];
const PERSIST_OPTIONS: readonly string[] = ['REPLACE', 'APPEND', 'NONE', 'RESET'];

export interface FilterRule {
  column_name: string;
  operator: string;
  values: unknown[];
}
export interface NamedValues {
  name: string;
  values: unknown[];
}
/** What a user's custom tokens left behind (REPLACE / APPEND), as the next session sees it. */
export interface PersistedRules {
  filter_rules: FilterRule[];
  parameter_values: NamedValues[];
  variable_values: NamedValues[];
}
/** A mint request as the emulator received it, with `secret_key` and `password` taken out. */
export interface MintRecord {
  path: string;
  body: Record<string, unknown>;
}
export interface ProvisionedView {
  id: string;
  displayName: string;
  email: string;
  orgs: EmulatorOrg[];
  groups: string[];
}

/** Per-cluster state of trusted authentication: persisted rules, groups, what was asked. */
export class TrustedAuthState {
  readonly rules = new Map<string, PersistedRules>();
  readonly groups = new Map<string, string[]>();
  readonly mints: MintRecord[] = [];
}

const userNotFound = (username: string) =>
  new EmulatorFailure({
    status: 400,
    code: 10004,
    name: 'USER_NOT_FOUND',
    debug: `User ${username} does not exist; set auto_create to create it.`,
  });

function record(env: Env, path: string, body: Fields): void {
  const { secret_key: _key, password: _password, ...rest } = body;
  env.trusted.mints.push({ path, body: structuredClone(rest) });
}

function stringArray(body: Fields, name: string): string[] | undefined {
  const v = body[name];
  if (v === undefined || v === null) return undefined;
  if (!Array.isArray(v) || !v.every((s) => typeof s === 'string' && s !== '')) throw invalid(name);
  return v as string[];
}

/** Every org some account belongs to: the cluster's orgs. */
function clusterOrg(env: Env, requested: number | string, field: string): EmulatorOrg {
  const byId = typeof requested === 'number' || /^\d+$/.test(requested);
  for (const account of env.accounts.values()) {
    const org = account.orgs.find((o) =>
      byId ? o.id === Number(requested) : o.name === requested,
    );
    if (org) return { ...org };
  }
  throw invalid(field);
}

interface Target {
  username: string;
  password?: string | undefined;
  secretKey?: string | undefined;
  autoCreate: boolean;
  org?: number | string | undefined;
  orgField: string;
  displayName?: string | undefined;
  email?: string | undefined;
  groups?: string[] | undefined;
}

/**
 * The user a token is minted for, with the org it is for. A password (which wins) signs that
 * user in; a secret key may also create a missing user (auto_create), who then joins the org.
 * Nothing is created before every field has been checked.
 */
function targetOf(env: Env, t: Target): { account: Account; org: EmulatorOrg } {
  if (t.password === undefined && t.secretKey === undefined) throw invalid('password');
  if (t.password === undefined && t.secretKey !== env.secretKey) throw fail('badSecretKey');
  const existing = env.accounts.get(t.username);
  if (existing || t.password !== undefined) {
    const account = signIn(env, {
      username: t.username,
      password: t.password,
      secretKey: t.secretKey,
    });
    return { account, org: pickOrg(account, t.org) };
  }
  if (!t.autoCreate) throw userNotFound(t.username);
  // eslint-disable-next-line no-control-regex
  if (t.username.length > 255 || /[\u0000-\u001f\u007f]/.test(t.username))
    throw invalid('username');
  const org = t.org === undefined ? { id: 0, name: 'Primary' } : clusterOrg(env, t.org, t.orgField);
  const account = completeAccount({
    username: t.username,
    // Never told to anyone: a user made for embedding signs in through tokens only.
    password: randomBytes(24).toString('base64url'),
    displayName: t.displayName ?? t.username,
    email: t.email ?? '',
    orgs: [org],
  });
  env.accounts.set(account.username, account);
  env.trusted.groups.set(account.username, [...(t.groups ?? [])]);
  return { account, org };
}

function tokenBody(t: TokenRecord, account: Account) {
  return {
    token: t.value,
    creation_time_in_millis: t.createdAt,
    expiration_time_in_millis: t.expiresAt,
    scope: {
      access_type: t.objectId === undefined ? 'FULL' : 'REPORT_BOOK_VIEW',
      org_id: t.orgId,
      metadata_id: t.objectId ?? null,
    },
    valid_for_user_id: account.id,
    valid_for_username: account.username,
  };
}

/** token/full and token/object: `org_id`, `auto_create` (default false), `group_identifiers`. */
function fullOrObject(env: Env, req: HandlerRequest, object: boolean): Reply {
  const body = fields(req.body);
  const username = requiredString(body, 'username');
  const objectId = object ? requiredString(body, 'object_id') : undefined;
  const seconds = positiveInteger(body, 'validity_time_in_sec') ?? env.validitySeconds;
  const target: Target = {
    username,
    password: optionalString(body, 'password'),
    secretKey: optionalString(body, 'secret_key'),
    autoCreate: optionalBoolean(body, 'auto_create') ?? false,
    org: optionalInteger(body, 'org_id'),
    orgField: 'org_id',
    displayName: optionalString(body, 'display_name'),
    email: optionalString(body, 'email'),
    groups: stringArray(body, 'group_identifiers'),
  };
  record(env, object ? '/auth/token/object' : '/auth/token/full', body);
  const { account, org } = targetOf(env, target);
  const t = env.store.issueToken(account.username, org.id, seconds, true);
  if (objectId !== undefined) t.objectId = objectId;
  return { status: 200, body: tokenBody(t, account) };
}

export const fullToken = (env: Env, req: HandlerRequest): Reply => fullOrObject(env, req, false);
export const objectToken = (env: Env, req: HandlerRequest): Reply => fullOrObject(env, req, true);

function list<T>(
  body: Fields,
  name: string,
  item: (v: Record<string, unknown>) => T | undefined,
): T[] {
  const v = body[name];
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) throw invalid(name);
  return v.map((entry: unknown) => {
    const parsed =
      typeof entry === 'object' && entry !== null && !Array.isArray(entry)
        ? item(entry as Record<string, unknown>)
        : undefined;
    if (parsed === undefined) throw invalid(name);
    return parsed;
  });
}

const nonEmpty = (v: unknown): v is string => typeof v === 'string' && v !== '';
const valuesOf = (v: unknown): unknown[] | undefined =>
  Array.isArray(v) && v.length > 0 ? [...(v as unknown[])] : undefined;

function filterRule(v: Record<string, unknown>): FilterRule | undefined {
  const values = valuesOf(v.values);
  if (!nonEmpty(v.column_name) || !nonEmpty(v.operator) || !values) return undefined;
  if (!FILTER_OPERATORS.includes(v.operator)) return undefined;
  return { column_name: v.column_name, operator: v.operator, values };
}

function namedValues(v: Record<string, unknown>): NamedValues | undefined {
  const values = valuesOf(v.values);
  return nonEmpty(v.name) && values ? { name: v.name, values } : undefined;
}

function orgIdentifier(body: Fields): number | string | undefined {
  const v = body.org_identifier;
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'string' || (typeof v === 'number' && Number.isSafeInteger(v))) return v;
  throw invalid('org_identifier');
}

/** token/custom (10.4+): `persist_option` is required; rules are kept for the user at mint time. */
export function customToken(env: Env, req: HandlerRequest): Reply {
  const body = fields(req.body);
  const username = requiredString(body, 'username');
  const persist = optionalString(body, 'persist_option');
  if (persist === undefined || !PERSIST_OPTIONS.includes(persist)) throw invalid('persist_option');
  const rules: PersistedRules = {
    filter_rules: list(body, 'filter_rules', filterRule),
    parameter_values: list(body, 'parameter_values', namedValues),
    variable_values: list(body, 'variable_values', namedValues),
  };
  // The API takes no variable_values with NONE or RESET.
  if ((persist === 'NONE' || persist === 'RESET') && rules.variable_values.length > 0)
    throw invalid('variable_values');
  list(body, 'objects', (o) => (nonEmpty(o.identifier) ? o.identifier : undefined));
  const groups = list(body, 'groups', (g) => (nonEmpty(g.identifier) ? g.identifier : undefined));
  const seconds = positiveInteger(body, 'validity_time_in_sec') ?? env.validitySeconds;
  record(env, '/auth/token/custom', body);
  const { account, org } = targetOf(env, {
    username,
    password: optionalString(body, 'password'),
    secretKey: optionalString(body, 'secret_key'),
    autoCreate: optionalBoolean(body, 'auto_create') ?? true,
    org: orgIdentifier(body),
    orgField: 'org_identifier',
    displayName: optionalString(body, 'display_name'),
    email: optionalString(body, 'email'),
    groups,
  });
  persistRules(env, account.username, persist, rules);
  const t = env.store.issueToken(account.username, org.id, seconds, true);
  return {
    status: 200,
    body: {
      id: randomUUID(),
      token: t.value,
      org: { id: org.id, name: org.name },
      user: { id: account.id, name: account.username },
      creation_time_in_millis: t.createdAt,
      expiration_time_in_millis: t.expiresAt,
    },
  };
}

function persistRules(env: Env, username: string, persist: string, rules: PersistedRules): void {
  const kept = env.trusted.rules;
  if (persist === 'REPLACE') kept.set(username, rules);
  else if (persist === 'RESET') kept.delete(username);
  else if (persist === 'APPEND') {
    const before = kept.get(username);
    kept.set(username, {
      filter_rules: [...(before?.filter_rules ?? []), ...rules.filter_rules],
      parameter_values: [...(before?.parameter_values ?? []), ...rules.parameter_values],
      variable_values: [...(before?.variable_values ?? []), ...rules.variable_values],
    });
  }
}

/** Test-only views of this state (copies: a test cannot change the cluster through them). */
export function trustedViews(env: Env) {
  return {
    persistedRules: (username: string): PersistedRules | undefined => {
      const rules = env.trusted.rules.get(username);
      return rules && structuredClone(rules);
    },
    mintRequests: (): MintRecord[] => structuredClone(env.trusted.mints),
    userOf: (username: string): ProvisionedView | undefined => {
      const a = env.accounts.get(username);
      if (!a) return undefined;
      const groups = env.trusted.groups.get(username) ?? [];
      return {
        id: a.id,
        displayName: a.displayName,
        email: a.email,
        orgs: a.orgs,
        groups: [...groups],
      };
    },
  };
}
