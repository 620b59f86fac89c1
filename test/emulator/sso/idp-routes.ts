// The identity provider's routes. Its directory is the cluster's accounts: every user signs in
// here with their password (SSO-only ones included). The IdP runs no second factor of its own,
// so `mfa` accounts pass with a password; locked accounts pass here and are refused by the
// cluster; `idpDenied` accounts are refused here.
import type { Account } from '../accounts.js';
import { acsUrl, OIDC_CLIENT_ID, oidcRedirectUri, type SsoEnv } from './context.js';
import { redirect, type HtmlReply } from './html.js';
import { idpBadRequest, idpDeniedPage, idpHome, idpSignInForm, postBackPage } from './idp-pages.js';
import { IDP_AUTHORIZE_PATH } from './oidc.js';
import type { PageRequest, PageRoutes } from './page-route.js';
import { ASSERTION_MS, decodeAuthnRequest, signResponse } from './saml-assertion.js';
import { IDP_SAML_PATH } from './saml.js';

type Verdict =
  { kind: 'ok'; account: Account } | { kind: 'wrong' } | { kind: 'denied'; account: Account };

function checkPassword(sso: SsoEnv, form: URLSearchParams): Verdict {
  const account = sso.env.accounts.get(form.get('username') ?? '');
  if (account === undefined || account.password !== (form.get('password') ?? '')) {
    return { kind: 'wrong' };
  }
  return account.idpDenied ? { kind: 'denied', account } : { kind: 'ok', account };
}

/** The SAML request fields, when they name this IdP's one service provider. */
function samlFields(sso: SsoEnv, from: URLSearchParams): Record<string, string> | undefined {
  const raw = from.get('SAMLRequest');
  const request = decodeAuthnRequest(raw);
  if (raw === null || request === undefined || request.acs !== acsUrl(sso)) return undefined;
  return { SAMLRequest: raw, RelayState: from.get('RelayState') ?? '' };
}

const unknownSp = () => idpBadRequest('The SAML request is missing or names an unknown service.');

function samlForm(sso: SsoEnv, req: PageRequest): HtmlReply {
  const fields = samlFields(sso, req.query);
  return fields ? idpSignInForm(200, IDP_SAML_PATH, fields) : unknownSp();
}

function samlSubmit(sso: SsoEnv, req: PageRequest): HtmlReply {
  const fields = samlFields(sso, req.form);
  const request = decodeAuthnRequest(req.form.get('SAMLRequest'));
  if (fields === undefined || request === undefined) return unknownSp();
  const verdict = checkPassword(sso, req.form);
  if (verdict.kind === 'wrong') {
    const username = req.form.get('username') ?? '';
    return idpSignInForm(401, IDP_SAML_PATH, fields, username, 'Wrong username or password.');
  }
  if (verdict.kind === 'denied') return idpDeniedPage(verdict.account.displayName);
  const response = signResponse(sso.key, {
    issuer: sso.urls.idp,
    audience: request.acs,
    subject: verdict.account.username,
    inResponseTo: request.id,
    notOnOrAfter: sso.env.clock.now() + ASSERTION_MS,
  });
  return postBackPage(request.acs, response, fields.RelayState ?? '');
}

/** The authorize request fields, when they come from the registered client. */
function oidcFields(sso: SsoEnv, from: URLSearchParams): Record<string, string> | undefined {
  const state = from.get('state');
  if (from.get('client_id') !== OIDC_CLIENT_ID) return undefined;
  if (from.get('redirect_uri') !== oidcRedirectUri(sso)) return undefined;
  if (from.get('response_type') !== 'code' || state === null || state === '') return undefined;
  return {
    client_id: OIDC_CLIENT_ID,
    redirect_uri: oidcRedirectUri(sso),
    response_type: 'code',
    state,
  };
}

const badAuthorize = () =>
  idpBadRequest('invalid_request: unknown client_id or redirect_uri, or no state.');

function authorizeForm(sso: SsoEnv, req: PageRequest): HtmlReply {
  const fields = oidcFields(sso, req.query);
  return fields ? idpSignInForm(200, IDP_AUTHORIZE_PATH, fields) : badAuthorize();
}

function authorizeSubmit(sso: SsoEnv, req: PageRequest): HtmlReply {
  const fields = oidcFields(sso, req.form);
  if (fields === undefined) return badAuthorize();
  const verdict = checkPassword(sso, req.form);
  if (verdict.kind === 'wrong') {
    const username = req.form.get('username') ?? '';
    return idpSignInForm(401, IDP_AUTHORIZE_PATH, fields, username, 'Wrong username or password.');
  }
  if (verdict.kind === 'denied') return idpDeniedPage(verdict.account.displayName);
  const redirectUri = oidcRedirectUri(sso);
  const code = sso.oidcCodes.issue({ username: verdict.account.username, redirectUri });
  const to = new URL(redirectUri);
  to.searchParams.set('code', code);
  to.searchParams.set('state', fields.state ?? '');
  return redirect(to.href);
}

export const idpRoutes: PageRoutes = {
  '/': { GET: () => idpHome() },
  [IDP_SAML_PATH]: { GET: samlForm, POST: samlSubmit },
  [IDP_AUTHORIZE_PATH]: { GET: authorizeForm, POST: authorizeSubmit },
};
