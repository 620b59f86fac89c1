// Seeded accounts and validation of extra ones (from options or --users FILE).
import { createHash } from 'node:crypto';
import type { EmulatorOrg, EmulatorUser } from './types.js';

/** An account with every optional field filled in. */
export type Account = Required<EmulatorUser> & { createdAt: number };

const PRIMARY: EmulatorOrg = { id: 0, name: 'Primary' };
const SALES: EmulatorOrg = { id: 1, name: 'Sales' };
// A fixed date so user info does not change between runs.
const CREATED_AT = Date.UTC(2021, 0, 4, 9, 0, 0);

export const SEED_USERS: readonly EmulatorUser[] = [
  {
    username: 'tsadmin',
    password: 'admin',
    displayName: 'Administrator',
    email: 'tsadmin@example.com',
    id: '59481331-ee53-42be-a548-bd87be6ddd4a',
    privileges: ['ADMINISTRATION', 'DATADOWNLOADING', 'USERDATAUPLOADING'],
    orgs: [PRIMARY, SALES],
  },
  {
    username: 'analyst',
    password: 'analyst',
    displayName: 'Ada Analyst',
    email: 'analyst@example.com',
    id: '2f1c7e3a-5b8d-4c6e-9a0f-1d2e3f4a5b6c',
    privileges: ['DATADOWNLOADING'],
    orgs: [PRIMARY],
  },
  {
    username: 'mfa-user',
    password: 'mfa-user',
    displayName: 'MFA User',
    email: 'mfa-user@example.com',
    id: '7a9b3c1d-2e4f-4a6b-8c0d-e1f2a3b4c5d6',
    privileges: [],
    orgs: [PRIMARY],
    mfa: true,
  },
  {
    username: 'locked-user',
    password: 'locked-user',
    displayName: 'Locked User',
    email: 'locked-user@example.com',
    id: 'c3d4e5f6-a7b8-4c9d-8e0f-1a2b3c4d5e6f',
    privileges: [],
    orgs: [PRIMARY],
    locked: true,
  },
  {
    // Known only to the IdP's directory: no local password, signs in through SAML or OIDC.
    username: 'sso-user',
    password: 'sso-user',
    displayName: 'Sam SSO',
    email: 'sso-user@example.com',
    id: '4b5c6d7e-8f90-4a1b-9c2d-3e4f5a6b7c8d',
    privileges: [],
    orgs: [PRIMARY],
    accountType: 'SAML_USER',
    ssoOnly: true,
  },
  {
    // The IdP knows the password but refuses the person: the ThoughtSpot app is not theirs.
    username: 'denied-user',
    password: 'denied-user',
    displayName: 'Dana Denied',
    email: 'denied-user@example.com',
    id: '9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a',
    privileges: [],
    orgs: [PRIMARY],
    idpDenied: true,
  },
];

/** A stable GUID-like id derived from the username, so extra users keep their id across runs. */
function stableId(username: string): string {
  const h = createHash('sha1').update(`ts-emulator:${username}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export function completeAccount(user: EmulatorUser): Account {
  return {
    username: user.username,
    password: user.password,
    displayName: user.displayName,
    email: user.email,
    id: user.id ?? stableId(user.username),
    privileges: [...(user.privileges ?? [])],
    orgs: (user.orgs ?? [PRIMARY]).map((o) => ({ ...o })),
    mfa: user.mfa ?? false,
    locked: user.locked ?? false,
    forbidden: user.forbidden ?? false,
    accountType: user.accountType ?? 'LOCAL_USER',
    ssoOnly: user.ssoOnly ?? false,
    idpDenied: user.idpDenied ?? false,
    createdAt: CREATED_AT,
  };
}

/** Seeds plus extras; an extra user with a seed's username replaces that seed. */
export function buildAccounts(extra: readonly EmulatorUser[] = []): Map<string, Account> {
  const accounts = new Map<string, Account>();
  for (const user of [...SEED_USERS, ...extra]) accounts.set(user.username, completeAccount(user));
  return accounts;
}

export function isAdmin(account: Account): boolean {
  return account.privileges.includes('ADMINISTRATION');
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const isStringArray = (v: unknown): v is string[] =>
  Array.isArray(v) && v.every((s) => typeof s === 'string');
const isOrg = (v: unknown): v is EmulatorOrg =>
  isRecord(v) && Number.isSafeInteger(v.id) && typeof v.name === 'string' && v.name !== '';

/** The reason an entry is not a valid EmulatorUser, or undefined when it is. */
function problemWith(v: unknown): string | undefined {
  if (!isRecord(v)) return 'is not an object';
  for (const key of ['username', 'password', 'displayName', 'email'] as const) {
    if (typeof v[key] !== 'string' || v[key] === '') return `needs a non-empty string "${key}"`;
  }
  if (v.id !== undefined && (typeof v.id !== 'string' || v.id === ''))
    return '"id" must be a string';
  if (v.privileges !== undefined && !isStringArray(v.privileges))
    return '"privileges" must be an array of strings';
  if (v.orgs !== undefined && !(Array.isArray(v.orgs) && v.orgs.length > 0 && v.orgs.every(isOrg)))
    return '"orgs" must be a non-empty array of { id: integer, name: string }';
  for (const key of ['mfa', 'locked', 'forbidden', 'ssoOnly', 'idpDenied'] as const) {
    if (v[key] !== undefined && typeof v[key] !== 'boolean') return `"${key}" must be a boolean`;
  }
  if (v.accountType !== undefined && typeof v.accountType !== 'string')
    return '"accountType" must be a string';
  return undefined;
}

/** Checks a parsed JSON value; throws an Error naming the first bad entry. */
export function validateUsers(value: unknown): EmulatorUser[] {
  if (!Array.isArray(value)) throw new Error('users must be a JSON array of user objects');
  const seen = new Set<string>();
  value.forEach((entry: unknown, index) => {
    const problem = problemWith(entry);
    const name =
      isRecord(entry) && typeof entry.username === 'string' ? ` ("${entry.username}")` : '';
    if (problem !== undefined) throw new Error(`users[${index}]${name} ${problem}`);
    const username = (entry as EmulatorUser).username;
    if (seen.has(username)) throw new Error(`users[${index}]${name} repeats a username`);
    seen.add(username);
  });
  return value as EmulatorUser[];
}
