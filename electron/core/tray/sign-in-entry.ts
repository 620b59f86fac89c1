// The tray's sign-in item of a profile: what it says and does depends on how the profile signs in.
import { signsInThroughBrowser, type Profile } from '../profiles/index.js';
import type { SessionStatus } from '../session/session-state.js';
import type { ProfileActionType } from './tray-model.js';

export interface ActionEntry {
  type: ProfileActionType;
  label: string;
}

/** Browser sign-in in words: SSO at an identity provider, or the cluster's own page (MFA). */
export const BROWSER_SIGN_IN_LABELS = {
  sso: 'Sign in with SSO…',
  page: 'Open sign-in page…',
  underWay: 'Signing in… (Cancel)',
} as const;

/** The first action: a password sign-in opens the window; a browser one runs from here. */
export function signInEntry(profile: Pick<Profile, 'auth'>, status: SessionStatus): ActionEntry {
  if (!signsInThroughBrowser(profile.auth)) return { type: 'sign-in', label: 'Sign in…' };
  if (status.state === 'signing-in')
    return { type: 'cancel-sign-in', label: BROWSER_SIGN_IN_LABELS.underWay };
  const label =
    profile.auth === 'browser' ? BROWSER_SIGN_IN_LABELS.page : BROWSER_SIGN_IN_LABELS.sso;
  return { type: 'browser-sign-in', label };
}
