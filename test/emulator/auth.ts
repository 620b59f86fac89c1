// Who is asking: sign-in checks shared by every dialect, and resolution of the caller from a
// bearer token or a session cookie.
import type { IncomingHttpHeaders } from 'node:http';
import type { Account } from './accounts.js';
import { fail, invalid } from './errors.js';
import { bearerToken, sessionCookie } from './http-io.js';
import type { Session, SessionStore, TokenRecord } from './state.js';
import type { TrustedAuthState } from './tokens-for-users.js';
import type { EmulatorClock, EmulatorOrg } from './types.js';

/** Everything a handler may consult or change. */
export interface Env {
  accounts: Map<string, Account>;
  store: SessionStore;
  clock: EmulatorClock;
  secretKey: string;
  validitySeconds: number;
  /** Served over TLS: session cookies get `Secure`. */
  secure: boolean;
  /** Tokens minted for other users: persisted rules, provisioned groups, requests. */
  trusted: TrustedAuthState;
}

export interface Credentials {
  username: string;
  password?: string | undefined;
  secretKey?: string | undefined;
}

/**
 * Checks credentials. A password, when given, wins over a secret key. The credential is checked
 * before the account state, so a wrong password never reveals that an account is locked.
 */
export function signIn(env: Env, creds: Credentials): Account {
  const account = env.accounts.get(creds.username);
  if (creds.password !== undefined) {
    // An SSO-only account has no local password: any password is wrong here.
    if (!account || account.ssoOnly || account.password !== creds.password)
      throw fail('badCredentials');
    if (account.locked) throw fail('locked');
    if (account.mfa) throw fail('mfaRequired');
    if (account.forbidden) throw fail('forbidden');
    return account;
  }
  if (creds.secretKey !== undefined) {
    if (creds.secretKey !== env.secretKey) throw fail('badSecretKey');
    if (!account) throw fail('badCredentials');
    if (account.locked) throw fail('locked');
    if (account.forbidden) throw fail('forbidden');
    return account;
  }
  throw invalid('password');
}

export interface Caller {
  account: Account;
  orgId: number;
  /** Set when the caller came with a bearer token. */
  token?: TokenRecord;
  /** Set when the caller came with a session cookie. */
  session?: Session;
}

/** The authenticated caller. A bearer token wins over a cookie when both are sent. */
export function resolveCaller(env: Env, headers: IncomingHttpHeaders): Caller {
  const bearer = bearerToken(headers);
  if (bearer !== undefined) {
    const check = env.store.checkToken(bearer);
    if (check.kind === 'expired') throw fail('tokenExpired');
    if (check.kind === 'revoked') throw fail('tokenRevoked');
    const account = check.kind === 'live' ? env.accounts.get(check.token.username) : undefined;
    if (check.kind !== 'live' || !account) throw fail('notAuthenticated');
    return { account, orgId: check.token.orgId, token: check.token };
  }
  const id = sessionCookie(headers);
  const session = id === undefined ? undefined : env.store.findSession(id);
  const account = session ? env.accounts.get(session.username) : undefined;
  if (!session || !account) throw fail('notAuthenticated');
  return { account, orgId: session.orgId, session };
}

/**
 * The org to sign in to: by id (number or numeric string) or by name; by default the user's
 * first org. An org the user is not a member of is forbidden.
 */
export function pickOrg(account: Account, requested?: number | string): EmulatorOrg {
  const first = account.orgs[0] ?? { id: 0, name: 'Primary' };
  if (requested === undefined) return first;
  const byId = typeof requested === 'number' || /^\d+$/.test(requested);
  const org = account.orgs.find((o) => (byId ? o.id === Number(requested) : o.name === requested));
  if (!org) throw fail('forbidden');
  return org;
}

export function orgOf(account: Account, orgId: number): EmulatorOrg {
  return account.orgs.find((o) => o.id === orgId) ?? { id: orgId, name: `Org ${orgId}` };
}
