// The cluster's own pages: `/` is ThoughtSpot's sign-in form without a session and a small home
// page with one; `/login` checks the password (the same checks as the API), `/mfa` the one-time
// code that `mfa` accounts are asked for, `/logout` ends the session.
import { signIn } from '../auth.js';
import { EmulatorFailure } from '../errors.js';
import { clearSessionCookie, sessionCookie } from '../http-io.js';
import { MFA_CODE, OIDC_LOGIN_PATH, SAML_LOGIN_PATH, type SsoEnv } from './context.js';
import { accessDeniedPage, grantSession, lockedPage } from './grant.js';
import {
  errorLine,
  errorPage,
  escapeHtml,
  hidden,
  page,
  redirect,
  type HtmlReply,
} from './html.js';
import type { PageRequest, PageRoutes } from './page-route.js';

/** Wrong codes an MFA challenge survives before the person must sign in again. */
export const MFA_MAX_WRONG = 5;

function signInForm(status: number, username = '', error?: string): HtmlReply {
  const sso = (path: string) => `${path}?targetURLPath=%2F`;
  return {
    status,
    html: page(
      'ThoughtSpot - Sign in',
      `<h1>Sign in to ThoughtSpot</h1>
${errorLine(error)}
<form method="post" action="/login">
<label>Username <input name="username" autocomplete="username" value="${escapeHtml(username)}" required></label>
<label>Password <input type="password" name="password" autocomplete="current-password" required></label>
<button type="submit">Sign in</button>
</form>
<p>Or sign in with <a href="${sso(SAML_LOGIN_PATH)}">SAML single sign-on</a>
or <a href="${sso(OIDC_LOGIN_PATH)}">OpenID Connect</a>.</p>`,
    ),
  };
}

function mfaForm(status: number, challenge: string, error?: string): HtmlReply {
  return {
    status,
    html: page(
      'ThoughtSpot - Verify it is you',
      `<h1>Verify it is you</h1>
<p>Enter the six-digit code from your authenticator app.</p>
${errorLine(error)}
<form method="post" action="/mfa">
${hidden('challenge', challenge)}
<label>Code <input name="code" inputmode="numeric" autocomplete="one-time-code" required></label>
<button type="submit">Verify</button>
</form>`,
    ),
  };
}

function home(sso: SsoEnv, req: PageRequest): HtmlReply {
  const id = sessionCookie(req.headers);
  const session = id === undefined ? undefined : sso.env.store.findSession(id);
  const account = session ? sso.env.accounts.get(session.username) : undefined;
  if (account === undefined) return signInForm(200);
  return {
    status: 200,
    html: page(
      'ThoughtSpot',
      `<h1>ThoughtSpot</h1>
<p>Signed in as <strong>${escapeHtml(account.displayName)}</strong> (${escapeHtml(account.username)}).</p>
<form method="post" action="/logout"><button type="submit">Sign out</button></form>`,
    ),
  };
}

/** A password sign-in, judged by the API's own checks so the two never disagree. */
function login(sso: SsoEnv, req: PageRequest): HtmlReply {
  const username = req.form.get('username') ?? '';
  const password = req.form.get('password') ?? '';
  try {
    const account = signIn(sso.env, { username, password });
    return grantSession(sso.env, req.headers, account, '/');
  } catch (err) {
    if (!(err instanceof EmulatorFailure)) throw err;
    switch (err.spec.name) {
      case 'MFA_REQUIRED':
        return mfaForm(200, sso.mfaChallenges.issue({ username, wrongCodes: 0 }));
      case 'USER_ACCOUNT_LOCKED':
        return lockedPage();
      case 'ACCESS_DENIED':
        return accessDeniedPage();
      default:
        return signInForm(401, username, 'Wrong username or password.');
    }
  }
}

function mfa(sso: SsoEnv, req: PageRequest): HtmlReply {
  const challenge = req.form.get('challenge') ?? '';
  const pending = sso.mfaChallenges.peek(challenge);
  const account = pending ? sso.env.accounts.get(pending.username) : undefined;
  if (pending === undefined || account === undefined) {
    return errorPage(400, 'Sign-in expired', 'This sign-in has expired; sign in again.', '/');
  }
  if ((req.form.get('code') ?? '').trim() !== MFA_CODE) {
    pending.wrongCodes += 1;
    if (pending.wrongCodes < MFA_MAX_WRONG) {
      return mfaForm(401, challenge, 'That code is not right. Try again.');
    }
    sso.mfaChallenges.take(challenge);
    return errorPage(401, 'Too many wrong codes', 'Too many wrong codes; sign in again.', '/');
  }
  sso.mfaChallenges.take(challenge);
  return grantSession(sso.env, req.headers, account, '/');
}

function logout(sso: SsoEnv, req: PageRequest): HtmlReply {
  const id = sessionCookie(req.headers);
  if (id !== undefined) sso.env.store.endSession(id);
  return redirect('/', [clearSessionCookie(sso.env.secure)]);
}

export const clusterPages: PageRoutes = {
  '/': { GET: home },
  '/login': { GET: () => signInForm(200), POST: login },
  '/mfa': { POST: mfa },
  '/logout': { POST: logout },
};
