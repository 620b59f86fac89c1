/**
 * The ways a profile signs in, as the window names them. The renderer may not import core, so
 * the browser methods are listed here again; the type keeps the list in step with the contract.
 */
import type { ProfileView } from './api.js';

export type AuthMethod = ProfileView['auth'];
export type BrowserMethod = Extract<AuthMethod, 'saml' | 'oidc' | 'browser'>;
/** The methods that send a secret typed into this window. */
export type SecretMethod = Exclude<AuthMethod, BrowserMethod>;

/** The editor's "How you sign in" choices, in the order shown. */
export const AUTH_CHOICES: Readonly<Record<AuthMethod, string>> = {
  password: 'A password',
  'secret-key': 'Trusted authentication (a secret key)',
  token: 'A token you paste',
  saml: 'SAML single sign-on',
  oidc: 'OpenID Connect single sign-on',
  browser: 'ThoughtSpot’s sign-in page (for multi-factor)',
};

const BROWSER_METHODS: Readonly<Record<BrowserMethod, true>> = {
  saml: true,
  oidc: true,
  browser: true,
};

export function signsInThroughBrowser(auth: AuthMethod): auth is BrowserMethod {
  return Object.hasOwn(BROWSER_METHODS, auth);
}

/** The one button that starts a browser sign-in. */
export function browserButtonLabel(auth: BrowserMethod): string {
  return auth === 'browser' ? 'Open sign-in page' : 'Sign in with SSO';
}

/** What pressing that button does, in a sentence or two. */
export function browserSignInExplanation(auth: BrowserMethod, place = 'the keychain'): string {
  const where =
    auth === 'browser'
      ? 'A sign-in window opens at the cluster’s own sign-in page, where you also give your second factor'
      : `A sign-in window opens at your identity provider (${auth === 'saml' ? 'SAML' : 'OpenID Connect'})`;
  return `${where}; when you have finished there, this app keeps the session in ${place} and closes the window.`;
}

/** Who a profile signs in as, for the lines under its name: a browser profile may not know yet. */
export function usernameLine(profile: Pick<ProfileView, 'username' | 'auth'>): string {
  if (profile.username) return profile.username;
  return signsInThroughBrowser(profile.auth)
    ? 'Username learned when you sign in'
    : '(no username)';
}
