// The end of every browser sign-in on the cluster: refuse an account that may not come in, or
// create a session in the same store the API uses and hand the browser its cookies.
import { randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type { Account } from '../accounts.js';
import type { Env } from '../auth.js';
import { sessionCookie, setSessionCookie } from '../http-io.js';
import { errorPage, redirect, type HtmlReply } from './html.js';

export const CLIENT_ID_COOKIE = 'clientId';

export function clientIdCookie(secure: boolean): string {
  const parts = [`${CLIENT_ID_COOKIE}=${randomUUID()}`, 'Path=/', 'HttpOnly'];
  if (secure) parts.push('Secure');
  return parts.join('; ');
}

export const lockedPage = (): HtmlReply =>
  errorPage(403, 'Account locked', 'Your account is locked. Contact your administrator.', '/');

export const accessDeniedPage = (): HtmlReply =>
  errorPage(403, 'Access denied', 'You do not have access to ThoughtSpot.', '/');

/** A new session for the account (ending the one the browser had), then off to the target. */
export function grantSession(
  env: Env,
  headers: IncomingHttpHeaders,
  account: Account,
  target: string,
): HtmlReply {
  const previous = sessionCookie(headers);
  if (previous !== undefined) env.store.endSession(previous);
  const org = account.orgs[0] ?? { id: 0 };
  const session = env.store.createSession(account.username, org.id, false);
  return redirect(target, [setSessionCookie(session.id, env.secure), clientIdCookie(env.secure)]);
}

/** The end of an SSO sign-in: an account the IdP vouched for may still be refused here. */
export function admit(
  env: Env,
  headers: IncomingHttpHeaders,
  account: Account | undefined,
  target: string,
): HtmlReply {
  if (account === undefined) {
    return errorPage(403, 'No account', 'There is no ThoughtSpot account for this user.', '/');
  }
  if (account.locked) return lockedPage();
  if (account.forbidden) return accessDeniedPage();
  return grantSession(env, headers, account, target);
}
