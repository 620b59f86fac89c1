// The cluster's OIDC relying party: /callosum/v1/oidc/login sends the person to the IdP's
// /authorize; /callosum/v1/oidc/callback checks the state, redeems the code (in-process, once)
// and signs them in.
import { OIDC_CALLBACK_PATH, OIDC_CLIENT_ID, OIDC_LOGIN_PATH, oidcRedirectUri } from './context.js';
import type { SsoEnv } from './context.js';
import { admit } from './grant.js';
import { errorPage, redirect, type HtmlReply } from './html.js';
import type { PageRequest, PageRoutes } from './page-route.js';
import { checkTargetPath, TARGET_NOT_ALLOWED } from './target-path.js';

export const IDP_AUTHORIZE_PATH = '/authorize';

const refused = (message: string) => errorPage(400, 'Sign-in failed', message, '/');

function start(sso: SsoEnv, req: PageRequest): HtmlReply {
  const target = checkTargetPath(req.query.get('targetURLPath'));
  if (target === undefined) return errorPage(400, 'Bad request', TARGET_NOT_ALLOWED);
  const to = new URL(`${sso.urls.idp}${IDP_AUTHORIZE_PATH}`);
  to.searchParams.set('client_id', OIDC_CLIENT_ID);
  to.searchParams.set('redirect_uri', oidcRedirectUri(sso));
  to.searchParams.set('response_type', 'code');
  to.searchParams.set('scope', 'openid profile email');
  to.searchParams.set('state', sso.oidcStates.issue({ target }));
  return redirect(to.href);
}

/** The code exchange a real cluster makes over the back channel, done in-process. */
function redeem(sso: SsoEnv, code: string | null): string | undefined {
  const grant = code === null ? undefined : sso.oidcCodes.take(code);
  if (grant === undefined || grant.redirectUri !== oidcRedirectUri(sso)) return undefined;
  return grant.username;
}

function callback(sso: SsoEnv, req: PageRequest): HtmlReply {
  const state = req.query.get('state');
  const pending = state === null ? undefined : sso.oidcStates.take(state);
  if (pending === undefined) {
    return refused('The sign-in state is unknown or was already used; start the sign-in again.');
  }
  const error = req.query.get('error');
  if (error !== null) {
    // Echoed from the query: printable ASCII only, and short.
    const shown = error.replace(/[^\x20-\x7e]/g, '').slice(0, 80);
    return refused(`The identity provider refused the sign-in (${shown}).`);
  }
  const username = redeem(sso, req.query.get('code'));
  if (username === undefined) {
    return refused('The authorization code is invalid, expired or already used.');
  }
  return admit(sso.env, req.headers, sso.env.accounts.get(username), pending.target);
}

export const oidcRoutes: PageRoutes = {
  [OIDC_LOGIN_PATH]: { GET: start },
  [OIDC_CALLBACK_PATH]: { GET: callback },
};
