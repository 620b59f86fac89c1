// What the cluster's sign-in pages and the identity provider share in-process: the cluster's
// Env, both origins, the key the IdP signs assertions with, and the pending one-time handles.
import { randomBytes } from 'node:crypto';
import type { Env } from '../auth.js';
import { OneTimeStore } from './one-time.js';

/** The one-time code `mfa-user` (and any `mfa` account) enters on the cluster's own page. */
export const MFA_CODE = '246810';
/** The cluster's client id at the IdP (OIDC). */
export const OIDC_CLIENT_ID = 'thoughtspot';

export const SAML_LOGIN_PATH = '/callosum/v1/saml/login';
export const SAML_ACS_PATH = '/callosum/v1/saml/SSO';
export const OIDC_LOGIN_PATH = '/callosum/v1/oidc/login';
export const OIDC_CALLBACK_PATH = '/callosum/v1/oidc/callback';

const MINUTE = 60 * 1000;

export interface SamlPending {
  /** Where the cluster sends the person once signed in. */
  target: string;
}

export interface OidcCode {
  username: string;
  redirectUri: string;
}

export interface MfaChallenge {
  username: string;
  wrongCodes: number;
}

export interface SsoEnv {
  env: Env;
  /** Filled in once both servers listen. */
  urls: { cluster: string; idp: string };
  /** Shared by the IdP (signs) and the cluster (verifies), as a certificate would be. */
  key: Buffer;
  /** AuthnRequest ids the cluster sent out; an assertion must answer one, once. */
  samlRequests: OneTimeStore<SamlPending>;
  oidcStates: OneTimeStore<SamlPending>;
  oidcCodes: OneTimeStore<OidcCode>;
  mfaChallenges: OneTimeStore<MfaChallenge>;
}

export function createSsoEnv(env: Env): SsoEnv {
  return {
    env,
    urls: { cluster: '', idp: '' },
    key: randomBytes(32),
    samlRequests: new OneTimeStore(env.clock, 10 * MINUTE),
    oidcStates: new OneTimeStore(env.clock, 10 * MINUTE),
    // Authorization codes live briefly, as OIDC asks (a minute at most).
    oidcCodes: new OneTimeStore(env.clock, MINUTE),
    mfaChallenges: new OneTimeStore(env.clock, 5 * MINUTE),
  };
}

export const acsUrl = (sso: SsoEnv) => `${sso.urls.cluster}${SAML_ACS_PATH}`;
export const oidcRedirectUri = (sso: SsoEnv) => `${sso.urls.cluster}${OIDC_CALLBACK_PATH}`;
