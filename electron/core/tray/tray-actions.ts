import { BrowserSignInError } from '../errors/index.js';
import type { OrgSwitchResult } from '../orgs/index.js';
import type { NotificationText } from '../shell/notifications.js';
import { stripControls } from '../thoughtspot/server-text.js';
import type { TrayAction } from './tray-model.js';

/** What a browser sign-in tells the tray when it is done. */
export interface BrowserSignInOutcome {
  username: string;
  /** "SAML", "OpenID Connect", "the cluster's sign-in page". */
  via: string;
}

/** What a tray click may do; the Electron glue builds these from its window, app and services. */
export interface TrayActionPorts {
  showWindow(): void;
  quit(): void;
  copyToken(profileId: string, format: 'token' | 'curl'): Promise<unknown>;
  renew(profileId: string): Promise<unknown>;
  revoke(profileId: string): Promise<unknown>;
  signOut(profileId: string): Promise<unknown>;
  /** Opens the sign-in page and waits for the person (SAML, OIDC, the cluster's page). */
  signInWithBrowser(profileId: string): Promise<BrowserSignInOutcome>;
  /** Ends a browser sign-in under way; false when there was none. */
  cancelSignIn(profileId: string): boolean;
  /** Moves the profile's session to the org with this id (`Orgs.switch`). */
  switchOrg(profileId: string, org: string): Promise<OrgSwitchResult>;
  /** A desktop notification: the tray has no window to say things in. */
  notify(text: NotificationText): void;
  /** Asks the person; true means go ahead. */
  confirm(action: 'revoke' | 'sign-out', profileName: string): Promise<boolean>;
  /** The profile's name; throws when it no longer exists (removed while the menu was open). */
  profileName(profileId: string): string;
}

/** Said when a browser sign-in from the tray is through. */
export function signedInNotification(
  profileName: string,
  outcome: BrowserSignInOutcome,
): NotificationText {
  return {
    title: `${profileName}: signed in`,
    body: `Signed in as ${stripControls(outcome.username)} through ${outcome.via}.`,
  };
}

/**
 * Said when an org switch from the tray is through: a new token only when the session now holds
 * one (switching drops the old org's token, so any token held now is the new org's).
 */
export function switchedNotification(
  profileName: string,
  result: OrgSwitchResult,
): NotificationText | undefined {
  if (!result.switched) return undefined;
  const org = stripControls(result.org.name);
  const bearer = 'kind' in result.status && result.status.kind === 'bearer';
  return {
    title: `${profileName}: now in ${org}`,
    body: bearer
      ? `A new token was issued for ${org}.`
      : `The session moved to ${org}; it is a cookie session, so no token was issued.`,
  };
}

async function switchOrg(profileId: string, orgId: number, ports: TrayActionPorts): Promise<void> {
  const name = ports.profileName(profileId);
  const text = switchedNotification(name, await ports.switchOrg(profileId, String(orgId)));
  if (text) ports.notify(text);
}

/**
 * A browser sign-in from the tray: its result is a notification. A sign-in the person cancelled
 * themselves says nothing more; any other end (window closed, timeout, refused) is thrown for the
 * caller's error notification.
 */
async function browserSignIn(profileId: string, ports: TrayActionPorts): Promise<void> {
  const name = ports.profileName(profileId);
  try {
    ports.notify(signedInNotification(name, await ports.signInWithBrowser(profileId)));
  } catch (error) {
    if (error instanceof BrowserSignInError && error.end === 'cancelled') return;
    throw error;
  }
}

/** Carries out one tray menu click. Destructive actions ask first, and do nothing unless confirmed. */
export async function dispatchTrayAction(
  action: TrayAction,
  ports: TrayActionPorts,
): Promise<void> {
  switch (action.type) {
    case 'open-window':
    case 'all-profiles':
    case 'sign-in':
      return ports.showWindow();
    case 'quit':
      return ports.quit();
    case 'browser-sign-in':
      return browserSignIn(action.profileId, ports);
    case 'cancel-sign-in':
      ports.cancelSignIn(action.profileId);
      return;
    case 'copy-token':
    case 'copy-curl':
      await ports.copyToken(action.profileId, action.type === 'copy-token' ? 'token' : 'curl');
      return;
    case 'renew':
      await ports.renew(action.profileId);
      return;
    case 'switch-org':
      return switchOrg(action.profileId, action.orgId, ports);
    case 'revoke':
    case 'sign-out': {
      const name = ports.profileName(action.profileId);
      if (!(await ports.confirm(action.type, name))) return;
      if (action.type === 'revoke') await ports.revoke(action.profileId);
      else await ports.signOut(action.profileId);
    }
  }
}
