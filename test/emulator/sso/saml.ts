// The cluster's SAML service provider: /callosum/v1/saml/login sends the person to the IdP with
// an AuthnRequest; /callosum/v1/saml/SSO takes the IdP's signed response back and signs them in.
import { encodeAuthnRequest, verifyResponse } from './saml-assertion.js';
import { acsUrl, SAML_ACS_PATH, SAML_LOGIN_PATH, type SsoEnv } from './context.js';
import { admit } from './grant.js';
import { errorPage, redirect, type HtmlReply } from './html.js';
import type { PageRequest, PageRoutes } from './page-route.js';
import { checkTargetPath, TARGET_NOT_ALLOWED } from './target-path.js';

export const IDP_SAML_PATH = '/saml/sso';

const refused = (message: string) => errorPage(400, 'Sign-in failed', message, '/');

function start(sso: SsoEnv, req: PageRequest): HtmlReply {
  const target = checkTargetPath(req.query.get('targetURLPath'));
  if (target === undefined) return errorPage(400, 'Bad request', TARGET_NOT_ALLOWED);
  const id = sso.samlRequests.issue({ target });
  const to = new URL(`${sso.urls.idp}${IDP_SAML_PATH}`);
  to.searchParams.set('SAMLRequest', encodeAuthnRequest({ id, acs: acsUrl(sso) }));
  // RelayState carries the target, as ThoughtSpot's does; it is checked again on the way back.
  to.searchParams.set('RelayState', target);
  return redirect(to.href);
}

function consume(sso: SsoEnv, req: PageRequest): HtmlReply {
  const check = verifyResponse(sso.key, req.form.get('SAMLResponse'), {
    issuer: sso.urls.idp,
    audience: acsUrl(sso),
    now: sso.env.clock.now(),
  });
  if (!check.ok) return refused(check.reason);
  // One response per request: a replayed (or unsolicited) response answers nothing pending.
  const pending = sso.samlRequests.take(check.assertion.inResponseTo);
  if (pending === undefined) {
    return refused(
      'The SAML response answers no pending sign-in (it was already used or expired).',
    );
  }
  const target = checkTargetPath(req.form.get('RelayState') ?? pending.target);
  if (target === undefined) return errorPage(400, 'Bad request', TARGET_NOT_ALLOWED);
  return admit(sso.env, req.headers, sso.env.accounts.get(check.assertion.subject), target);
}

export const samlRoutes: PageRoutes = {
  [SAML_LOGIN_PATH]: { GET: start },
  [SAML_ACS_PATH]: { POST: consume },
};
