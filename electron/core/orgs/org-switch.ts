import { fingerprint } from '../audit/audit-log.js';
import { BROWSER_AUTH_LABELS } from '../browser-sign-in/start-url.js';
import { AuthError, InputError } from '../errors/index.js';
import { signsInThroughBrowser, type Profile, type ProfileStore } from '../profiles/index.js';
import type { ProfileVault, StoredToken } from '../secrets/index.js';
import type { SessionManager } from '../session/index.js';
import type { SessionLog } from '../session/session-log.js';
import type { IssuedToken, OrgEntry } from '../thoughtspot/index.js';
import { orgLabel } from './org-choice.js';

export interface SwitchContext {
  profiles: ProfileStore;
  vault: ProfileVault;
  manager: SessionManager;
  log: SessionLog;
}

/** What the keychain holds for the profile now: it decides how the session moves. */
export interface HeldSession {
  token: StoredToken | undefined;
  cookies: string | undefined;
}

/**
 * Moves the profile's session to `target`. A credential the keychain keeps signs in again for
 * that org (C: `org_identifier` / `org_id`, v1: `orgid`), in the session's own kind; else a
 * cookie session (SSO included) moves in place with v1's PUT and, on C, gets a new token; else
 * the person is told what is needed. Either way the old org's token is gone afterwards.
 */
export async function moveSession(
  context: SwitchContext,
  profile: Profile,
  target: OrgEntry,
  held: HeldSession,
): Promise<void> {
  const { vault, manager } = context;
  const saveOnSuccess = { org: target.id };
  if (profile.auth === 'password') {
    const password = await vault.getPassword(profile);
    if (password) {
      const kind = held.token ? 'bearer' : 'cookie';
      await manager.signIn(profile.id, { method: 'password', password, kind, saveOnSuccess });
      return;
    }
  }
  if (profile.auth === 'secret-key') {
    const secretKey = await vault.getSecretKey(profile);
    if (secretKey) {
      await manager.signIn(profile.id, { method: 'secret-key', secretKey, saveOnSuccess });
      return;
    }
  }
  const { cookies } = held;
  if (cookies) return moveCookieSession(context, profile, target, { ...held, cookies });
  throw await needsSignIn(context, profile, target);
}

/** v1's PUT session/orgs, then (C) the session's token for the new org in place of the old. */
async function moveCookieSession(
  context: SwitchContext,
  profile: Profile,
  target: OrgEntry,
  held: HeldSession & { cookies: string },
): Promise<void> {
  const { vault, manager, log } = context;
  const client = await manager.access.client(profile, { cookies: held.cookies });
  await client.switchOrgCookieSession(target.id);
  await vault.setCookies(profile, client.serializeCookies());
  const saved = await setProfileOrg(context.profiles, profile, target.id);
  if (held.token) {
    await vault.deleteToken(profile.id);
    const issued =
      client.dialect === 'C' ? await client.currentToken().catch(() => undefined) : undefined;
    // The same token back is the old org's: the cookie session stands alone until one is asked for.
    if (issued && issued.token !== held.token.token) {
      const token = storedFor(issued, target);
      await vault.setToken(saved, token);
      log(saved, 'issued', { fingerprint: fingerprint(token.token), kind: 'bearer' });
    }
  }
  // The status read again from the keychain, and announced to the window.
  await manager.restore(profile.id);
}

/** A token from the cluster, labelled with the org it was asked for (when the cluster agrees). */
export function storedFor(issued: IssuedToken | StoredToken, org: OrgEntry): StoredToken {
  const orgId = issued.orgId ?? org.id;
  const token: StoredToken = {
    token: issued.token,
    createdAt: issued.createdAt,
    expiresAt: issued.expiresAt,
    dialect: issued.dialect,
    username: issued.username,
    orgId,
  };
  if (orgId === org.id) token.orgName = org.name;
  else if (issued.orgName !== undefined) token.orgName = issued.orgName;
  return token;
}

export async function setProfileOrg(
  profiles: ProfileStore,
  profile: Profile,
  org: number,
): Promise<Profile> {
  if (profile.org === org) return profile;
  const { name, url, username, auth } = profiles.get(profile.id);
  return profiles.update(profile.id, { name, url, username, auth, org });
}

/**
 * Nothing kept can sign in for the new org. The profile is set to sign in there from now on, so
 * the remedy is the one sign-in; the session it has stays in the old org until then.
 */
async function needsSignIn(
  context: SwitchContext,
  profile: Profile,
  target: OrgEntry,
): Promise<Error> {
  if (profile.auth === 'token') {
    return new InputError(
      `"${profile.name}" signs in with a pasted token, which is for the org it was issued in; paste a token issued for ${orgLabel(target)}`,
    );
  }
  await setProfileOrg(context.profiles, profile, target.id);
  const { auth } = profile;
  const browser = signsInThroughBrowser(auth);
  const missing = browser
    ? 'its browser session has ended'
    : auth === 'secret-key'
      ? 'no secret key is kept for it'
      : 'no password is remembered for it';
  const remedy = browser ? `sign in through ${BROWSER_AUTH_LABELS[auth]} again` : 'sign in again';
  return new AuthError(
    'NOT_SIGNED_IN',
    `"${profile.name}" now signs in to org ${orgLabel(target)}, but moving its session there needs a new sign-in and ${missing}; ${remedy}`,
  );
}
