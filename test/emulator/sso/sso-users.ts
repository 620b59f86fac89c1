// The seed accounts a browser sign-in test plays, by what they show (derived from SEED_USERS, so
// the two never disagree).
import { SEED_USERS } from '../accounts.js';
import type { EmulatorUser } from '../types.js';

export interface SsoUser {
  username: string;
  /** Their password at the IdP (and, unless SSO-only, on the cluster too). */
  password: string;
  displayName: string;
}

function seed(username: string): SsoUser {
  const user: EmulatorUser | undefined = SEED_USERS.find((u) => u.username === username);
  if (user === undefined) throw new Error(`no seed user ${username}`);
  return { username: user.username, password: user.password, displayName: user.displayName };
}

export const SSO_USERS = {
  /** Known only to the IdP: SAML and OIDC work; the API and the cluster's own form refuse it. */
  ssoOnly: seed('sso-user'),
  /** The IdP refuses after a right password: 403 "Access denied" at the IdP. */
  idpDenied: seed('denied-user'),
  /** The cluster's own page asks for MFA_CODE after the password; the IdP asks for no code. */
  mfa: seed('mfa-user'),
  /** The IdP signs it in; the cluster refuses it with 403 "Your account is locked". */
  locked: seed('locked-user'),
  /** An ordinary user: every way in works. */
  analyst: seed('analyst'),
} as const;
