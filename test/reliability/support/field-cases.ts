// Wrong types in every field of every dialect's responses, generated from the field lists of the
// shared API reference (/work/shared/thoughtspot-session-api.md): one case per field and per kind
// of wrong value. Fields the client reads must be refused with an error that names them; fields
// it never reads must be ignored without changing the result.
import { ISSUED, type Op } from './bad-server-kit.js';

type FieldType = 'string' | 'number' | 'boolean' | 'strings' | 'object';

/**
 * - required / optional: the client reads it; a wrong type is refused.
 * - nullable: as optional, and null means "not given".
 * - ignored: the reference lists it, the client never reads it.
 */
type Use = 'required' | 'optional' | 'nullable' | 'ignored';

interface Field {
  path: string;
  type: FieldType;
  use: Use;
  /** A string holding a number (A/B times and durations). */
  numeric?: boolean;
  /**
   * An object whose fields are all optional: an array has none of them, so it reads as an empty
   * object. Harmless (nothing is taken from it), and stated here so the table stays exact.
   */
  arrayReadsAsEmpty?: boolean;
}

const T0 = Date.UTC(2026, 0, 1);

const f = (path: string, type: FieldType, use: Use, extra: Partial<Field> = {}): Field => ({
  path,
  type,
  use,
  ...extra,
});

// Dialects A and B: SessionLoginResponse (login and gettoken), SessionInfoResponse.
const LOGIN_FIELDS = [
  f('userName', 'string', 'optional'),
  f('token', 'string', 'optional'),
  f('tokenCreatedTime', 'string', 'optional', { numeric: true }),
  f('tokenExpiryDuration', 'string', 'optional', { numeric: true }),
  f('tokenType', 'string', 'optional'),
];

const INFO_FIELDS = [
  f('userName', 'string', 'required'),
  f('userDisplayName', 'string', 'optional'),
  f('userEmail', 'string', 'optional'),
  f('userCreatedTime', 'number', 'ignored'),
  f('userGUID', 'string', 'optional'),
  f('canChangePassword', 'boolean', 'ignored'),
  f('isSystemUser', 'boolean', 'ignored'),
  f('userGroupMask', 'number', 'ignored'),
  f('privileges', 'strings', 'optional'),
  f('expirationTime', 'number', 'optional'),
  f('authToken', 'string', 'ignored'),
  f('locale', 'string', 'ignored'),
  f('timezone', 'string', 'ignored'),
  f('dateFormat', 'object', 'ignored'),
  f('dateFormat.formatPattern', 'string', 'ignored'),
  f('timeFormat', 'object', 'ignored'),
  f('dateTimeFormat', 'object', 'ignored'),
  f('partialJSessionGUID', 'string', 'ignored'),
  f('isFirstLogin', 'boolean', 'ignored'),
  f('firstLoginDate', 'number', 'ignored'),
  f('userProperties', 'object', 'optional', { arrayReadsAsEmpty: true }),
  f('userProperties.persona', 'string', 'ignored'),
  f('userProperties.mail', 'string', 'nullable'),
  f('state', 'string', 'optional'),
];

// Dialect C: Token (token/full), the current-token answer, User, the validate answer.
const TOKEN_FIELDS = [
  f('token', 'string', 'required'),
  f('creation_time_in_millis', 'number', 'required'),
  f('expiration_time_in_millis', 'number', 'required'),
  f('scope', 'object', 'nullable', { arrayReadsAsEmpty: true }),
  f('scope.access_type', 'string', 'optional'),
  f('scope.org_id', 'number', 'nullable'),
  f('scope.metadata_id', 'string', 'ignored'),
  f('valid_for_user_id', 'string', 'optional'),
  f('valid_for_username', 'string', 'optional'),
];

const CURRENT_TOKEN_FIELDS = TOKEN_FIELDS.filter((field) => !field.path.startsWith('scope'));

const USER_FIELDS = [
  f('id', 'string', 'required'),
  f('name', 'string', 'required'),
  f('display_name', 'string', 'required'),
  f('visibility', 'string', 'required'),
  f('email', 'string', 'nullable'),
  f('account_type', 'string', 'ignored'),
  f('account_status', 'string', 'nullable'),
  f('privileges', 'strings', 'nullable'),
  f('current_org', 'object', 'nullable'),
  f('current_org.id', 'number', 'required'),
  f('current_org.name', 'string', 'optional'),
  f('orgs', 'object', 'ignored'),
  f('can_change_password', 'boolean', 'ignored'),
  f('is_first_login', 'boolean', 'ignored'),
  f('creation_time_in_millis', 'number', 'ignored'),
  f('preferred_locale', 'string', 'ignored'),
];

const VALIDATE_FIELDS = [
  f('creation_time_in_millis', 'number', 'optional'),
  f('expiration_time_in_millis', 'number', 'required'),
  f('scope', 'object', 'ignored'),
  f('valid_for_user_id', 'string', 'optional'),
  f('token_type', 'string', 'ignored'),
];

/** Well-formed answers, as a cluster of each dialect gives them. */
export const BASELINES = {
  login: {
    userName: 'tsadmin',
    token: '',
    tokenCreatedTime: String(T0),
    tokenExpiryDuration: '1800',
    tokenType: 'Cookie',
  },
  gettoken: {
    userName: 'tsadmin',
    token: ISSUED,
    tokenCreatedTime: String(T0),
    tokenExpiryDuration: '300',
    tokenType: 'Bearer',
  },
  info: {
    userName: 'tsadmin',
    userDisplayName: 'Administrator',
    userEmail: 'tsadmin@example.com',
    userCreatedTime: T0,
    userGUID: '59481331-ee53-42be-a548-bd87be6ddd4a',
    canChangePassword: true,
    isSystemUser: false,
    userGroupMask: 4,
    privileges: ['ADMINISTRATION'],
    expirationTime: T0 + 1_800_000,
    authToken: 'redacted-by-cluster',
    locale: 'en-US',
    timezone: 'UTC',
    dateFormat: { formatPattern: 'MM/dd/yyyy' },
    timeFormat: { formatPattern: 'HH:mm:ss' },
    dateTimeFormat: { formatPattern: 'MM/dd/yyyy HH:mm:ss' },
    partialJSessionGUID: 'a1b2c3',
    isFirstLogin: false,
    firstLoginDate: T0,
    userProperties: { persona: 'ANALYST', mail: 'tsadmin@example.com' },
    state: 'ACTIVE',
  },
  token: {
    token: ISSUED,
    creation_time_in_millis: T0,
    expiration_time_in_millis: T0 + 300_000,
    scope: { access_type: 'FULL', org_id: 0, metadata_id: 'm-1' },
    valid_for_user_id: '59481331-ee53-42be-a548-bd87be6ddd4a',
    valid_for_username: 'tsadmin',
  },
  currentToken: {
    token: ISSUED,
    creation_time_in_millis: T0,
    expiration_time_in_millis: T0 + 300_000,
    valid_for_user_id: '59481331-ee53-42be-a548-bd87be6ddd4a',
    valid_for_username: 'tsadmin',
  },
  user: {
    id: '59481331-ee53-42be-a548-bd87be6ddd4a',
    name: 'tsadmin',
    display_name: 'Administrator',
    visibility: 'SHARABLE',
    email: 'tsadmin@example.com',
    account_type: 'LOCAL_USER',
    account_status: 'ACTIVE',
    privileges: ['ADMINISTRATION'],
    current_org: { id: 0, name: 'Primary' },
    orgs: [{ id: 0, name: 'Primary' }],
    can_change_password: true,
    is_first_login: false,
    creation_time_in_millis: T0,
    preferred_locale: 'en-US',
  },
  validate: {
    creation_time_in_millis: T0,
    expiration_time_in_millis: T0 + 300_000,
    scope: { access_type: 'FULL', org_id: 0 },
    valid_for_user_id: '59481331-ee53-42be-a548-bd87be6ddd4a',
    token_type: 'Bearer',
  },
} as const;

type Shape = keyof typeof BASELINES;

/** Which response each operation reads, and the fields the reference gives it. */
const RESPONSES: { op: Op; shape: Shape; fields: Field[] }[] = [
  ...(['A', 'B'] as const).flatMap((dialect) => [
    { op: `${dialect} login` as const, shape: 'login' as const, fields: LOGIN_FIELDS },
    { op: `${dialect} token` as const, shape: 'gettoken' as const, fields: LOGIN_FIELDS },
    { op: `${dialect} info` as const, shape: 'info' as const, fields: INFO_FIELDS },
  ]),
  { op: 'C token', shape: 'token', fields: TOKEN_FIELDS },
  { op: 'C current token', shape: 'currentToken', fields: CURRENT_TOKEN_FIELDS },
  { op: 'C info', shape: 'user', fields: USER_FIELDS },
  { op: 'C validate', shape: 'validate', fields: VALIDATE_FIELDS },
];

const WRONG: Record<FieldType, [string, unknown][]> = {
  string: [
    ['a number', 12345],
    ['null', null],
    ['an object', { value: 'x' }],
    ['an array', ['x']],
  ],
  number: [
    ['a string', String(T0)],
    ['null', null],
    ['an object', { value: 1 }],
    ['an array', [1]],
  ],
  boolean: [
    ['a string', 'yes'],
    ['null', null],
    ['an object', { value: true }],
    ['an array', [true]],
  ],
  strings: [
    ['a string', 'ADMINISTRATION'],
    ['null', null],
    ['an object', { value: 'x' }],
    ['numbers in the array', [1, 2]],
  ],
  object: [
    ['a string', 'x'],
    ['null', null],
    ['a number', 42],
    ['an array', ['x']],
  ],
};

export interface FieldCase {
  name: string;
  op: Op;
  shape: Shape;
  body: unknown;
  /** Refused (naming the field), or tolerated: the call succeeds. */
  outcome: { refused: string } | { tolerated: 'same result' | 'succeeds' };
}

function withValue(baseline: unknown, path: string, value: unknown): unknown {
  const body = structuredClone(baseline) as Record<string, unknown>;
  const keys = path.split('.');
  let parent = body;
  for (const key of keys.slice(0, -1)) {
    const next = parent[key];
    if (typeof next !== 'object' || next === null) parent[key] = {};
    parent = parent[key] as Record<string, unknown>;
  }
  parent[keys[keys.length - 1] ?? path] = value;
  return body;
}

function outcomeFor(field: Field, value: unknown, numericText: boolean): FieldCase['outcome'] {
  if (field.use === 'ignored') return { tolerated: 'same result' };
  if (value === null && field.use === 'nullable') return { tolerated: 'succeeds' };
  if (Array.isArray(value) && field.arrayReadsAsEmpty) return { tolerated: 'succeeds' };
  // A/B times come as strings: text that is no number is refused by the adapter, in its words.
  if (numericText) return { refused: `"${field.path}" that is not a valid number` };
  return { refused: `with a response whose field "${field.path}` };
}

export function fieldCases(): FieldCase[] {
  const cases: FieldCase[] = [];
  for (const { op, shape, fields } of RESPONSES) {
    for (const field of fields) {
      const wrongs = [...WRONG[field.type]];
      if (field.numeric) wrongs.push(['a string that is not a number', 'soon']);
      for (const [label, value] of wrongs) {
        cases.push({
          name: `${op}: "${field.path}" is ${label}`,
          op,
          shape,
          body: withValue(BASELINES[shape], field.path, value),
          outcome: outcomeFor(field, value, label === 'a string that is not a number'),
        });
      }
    }
  }
  return cases;
}
