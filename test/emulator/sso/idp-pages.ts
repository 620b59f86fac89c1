// The identity provider's pages: its sign-in form (one for SAML, one for OIDC, differing only
// in the hidden fields they carry), the SAML POST-back page, and its refusals.
import { errorLine, errorPage, escapeHtml, hidden, page, type HtmlReply } from './html.js';

export const IDP_NAME = 'Emulator IdP';

/** The IdP's sign-in form; `fields` are the hidden request fields it must carry along. */
export function idpSignInForm(
  status: number,
  action: string,
  fields: Readonly<Record<string, string>>,
  username = '',
  error?: string,
): HtmlReply {
  const carried = Object.entries(fields)
    .map(([name, value]) => hidden(name, value))
    .join('\n');
  return {
    status,
    html: page(
      `${IDP_NAME} - Sign in`,
      `<h1>${IDP_NAME}</h1>
<p>Sign in with your company account to continue to ThoughtSpot.</p>
${errorLine(error)}
<form method="post" action="${escapeHtml(action)}">
${carried}
<label>Username <input name="username" autocomplete="username" value="${escapeHtml(username)}" required></label>
<label>Password <input type="password" name="password" autocomplete="current-password" required></label>
<button type="submit">Sign in</button>
</form>`,
    ),
  };
}

/**
 * The HTTP-POST binding: a form that carries the response to the cluster. A tiny inline script
 * submits it at once, as real IdPs do; the Continue button does the same without script.
 */
export function postBackPage(acs: string, samlResponse: string, relayState: string): HtmlReply {
  return {
    status: 200,
    html: page(
      `${IDP_NAME} - Signing in`,
      `<h1>Signing you in to ThoughtSpot</h1>
<form method="post" action="${escapeHtml(acs)}">
${hidden('SAMLResponse', samlResponse)}
${hidden('RelayState', relayState)}
<button type="submit">Continue</button>
</form>
<script>document.forms[0].submit();</script>`,
    ),
  };
}

export const idpDeniedPage = (displayName: string): HtmlReply =>
  errorPage(
    403,
    'Access denied',
    `${displayName} is not allowed to use ThoughtSpot. Ask your administrator for access.`,
  );

export const idpBadRequest = (message: string): HtmlReply =>
  errorPage(400, `${IDP_NAME} - Bad request`, message);

export const idpHome = (): HtmlReply => ({
  status: 200,
  html: page(
    IDP_NAME,
    `<h1>${IDP_NAME}</h1>\n<p>The company directory for the emulated cluster.</p>`,
  ),
});
