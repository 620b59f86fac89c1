import type { Profile } from '../profiles/index.js';
import { PRODUCT_NAME } from '../product.js';
import { dueEvent, problemOf, transition, type SessionStatus } from '../session/session-state.js';
import type { OrgList } from '../thoughtspot/index.js';
import { fitTooltip, reasonLabel } from './menu-label.js';
import { orgLine, speaksV1, switchOrgMenu, V1_NO_TOKENS } from './org-entries.js';
import { trayOrder } from './profile-order.js';
import { signInEntry, type ActionEntry } from './sign-in-entry.js';
import { formatTimeLeft, msUntilLabelChange } from './time-left.js';

export type ProfileActionType =
  | 'sign-in'
  | 'browser-sign-in'
  | 'cancel-sign-in'
  | 'copy-token'
  | 'copy-curl'
  | 'renew'
  | 'revoke'
  | 'sign-out';

/** What a tray click asks for; main.ts carries it out. Plain data, so it is easy to test. */
export type TrayAction =
  | { type: ProfileActionType; profileId: string }
  | { type: 'switch-org'; profileId: string; orgId: number }
  | { type: 'open-window' }
  | { type: 'all-profiles' }
  | { type: 'quit' };

export type TrayItem =
  | { kind: 'separator' }
  | { kind: 'label'; label: string }
  | { kind: 'action'; id: string; label: string; action: TrayAction; enabled: boolean }
  /** One of a group of choices, the current one checked (always enabled). */
  | { kind: 'radio'; id: string; label: string; action: TrayAction; checked: boolean }
  | { kind: 'submenu'; label: string; items: TrayItem[] };

export type TrayIcon = 'normal' | 'expiring' | 'expired';

export interface TrayModel {
  tooltip: string;
  icon: TrayIcon;
  items: TrayItem[];
}

export interface TrayModelInput {
  profiles: readonly Profile[];
  defaultProfileId?: string | undefined;
  /** Status per profile id; a profile without one is signed out. */
  statuses: Readonly<Record<string, SessionStatus>>;
  /** The last org list known per profile id (no network at menu time). */
  orgs?: Readonly<Record<string, OrgList>>;
  now: number;
  /** Profiles listed before "All profiles…" (default 10). */
  maxProfiles?: number;
}

export const APP_NAME = PRODUCT_NAME;
export const DEFAULT_MAX_PROFILES = 10;

const OTHER_ACTIONS: readonly ActionEntry[] = [
  { type: 'copy-token', label: 'Copy token' },
  { type: 'copy-curl', label: 'Copy as curl' },
  { type: 'renew', label: 'Renew' },
  { type: 'revoke', label: 'Revoke token' },
  { type: 'sign-out', label: 'Sign out' },
];
const SIGN_OUT: ActionEntry = { type: 'sign-out', label: 'Sign out' };

/**
 * The status as of `now`: a session whose expiry has passed reads as expired even if the
 * manager's timer has not fired yet (same rule as the manager's own clock check).
 */
export function statusAt(status: SessionStatus | undefined, now: number): SessionStatus {
  const current = status ?? { state: 'signed-out' };
  const due = dueEvent(current, now, 0);
  return due?.type === 'time-up' ? transition(current, due) : current;
}

/** Whether a tray action makes sense for a profile in this status. */
export function actionEnabled(
  type: ProfileActionType,
  status: SessionStatus,
  profile: Pick<Profile, 'autoRenew'>,
): boolean {
  const liveBearer =
    (status.state === 'signed-in' || status.state === 'expiring-soon') && status.kind === 'bearer';
  switch (type) {
    case 'sign-in':
    case 'browser-sign-in':
      return ['signed-out', 'expired', 'revoked', 'error'].includes(status.state);
    case 'cancel-sign-in':
      return status.state === 'signing-in';
    case 'copy-token':
    case 'copy-curl':
    case 'revoke':
      return liveBearer;
    case 'renew':
      // Renewal uses the stored credential, which the manager only does with auto-renew on.
      return (
        profile.autoRenew &&
        (liveBearer || (status.state === 'expired' && status.kind === 'bearer'))
      );
    case 'sign-out':
      return !['signed-out', 'signing-in', 'renewing'].includes(status.state);
  }
}

function timeLeft(expiresAt: number, now: number, padded = true): string {
  return formatTimeLeft(expiresAt - now, { padded });
}

/** "signed in, 42 min left", "expired", …: the state part of a profile's line. */
export function describeStatus(status: SessionStatus, now: number): string {
  switch (status.state) {
    case 'signed-out':
      return 'signed out';
    case 'signing-in':
      return 'signing in…';
    case 'signed-in':
      return status.expiresAt === undefined
        ? 'signed in'
        : `signed in, ${timeLeft(status.expiresAt, now)} left`;
    case 'renewing':
      return 'renewing…';
    case 'expiring-soon':
      return `expiring, ${timeLeft(status.expiresAt, now)} left`;
    case 'expired':
      return 'expired';
    case 'revoked':
      return 'revoked';
    case 'error':
      return 'error';
  }
}

/** Who at which cluster; a browser profile's user is unknown until its first sign-in. */
function whoAt(profile: Profile): string {
  return profile.username === '' ? profile.url : `${profile.username} @ ${profile.url}`;
}

function actionItem(profile: Profile, status: SessionStatus, entry: ActionEntry): TrayItem {
  const { type, label } = entry;
  return {
    kind: 'action',
    id: `profile:${profile.id}:${type}`,
    label,
    action: { type, profileId: profile.id },
    enabled: actionEnabled(type, status, profile),
  };
}

function profileMenu(
  profile: Profile,
  status: SessionStatus,
  now: number,
  orgs: OrgList | undefined,
): TrayItem {
  const details: TrayItem[] = [{ kind: 'label', label: whoAt(profile) }, ...orgLine(status, orgs)];
  // Why the last attempt failed: an unreadable status's reason, or a failure's that left the
  // session as it was (a wrong password is still "signed out").
  const reason = status.state === 'error' ? status.message : problemOf(status)?.message;
  if (reason) details.push({ kind: 'label', label: reasonLabel(reason) });
  const item = (entry: ActionEntry) => actionItem(profile, status, entry);
  // REST API v1 has no tokens: one line says what works instead of items that never would.
  const actions: TrayItem[] = speaksV1(profile)
    ? [item(signInEntry(profile, status)), { kind: 'label', label: V1_NO_TOKENS }, item(SIGN_OUT)]
    : [signInEntry(profile, status), ...OTHER_ACTIONS].map(item);
  return {
    kind: 'submenu',
    label: `${profile.name} — ${describeStatus(status, now)}`,
    items: [...details, { kind: 'separator' }, ...switchOrgMenu(profile, status, orgs), ...actions],
  };
}

interface Attention {
  expiring: { profile: Profile; expiresAt: number }[];
  expired: Profile[];
}

function attention(input: TrayModelInput): Attention {
  const result: Attention = { expiring: [], expired: [] };
  for (const profile of trayOrder(input.profiles, input.defaultProfileId)) {
    const status = statusAt(input.statuses[profile.id], input.now);
    if (status.state === 'expiring-soon')
      result.expiring.push({ profile, expiresAt: status.expiresAt });
    if (status.state === 'expired') result.expired.push(profile);
  }
  return result;
}

function tooltipFor({ expiring, expired }: Attention, now: number): string {
  const notes = [
    ...expiring.map((e) => `${e.profile.name} expires in ${timeLeft(e.expiresAt, now, false)}`),
    ...expired.map((p) => `${p.name} expired`),
  ];
  return fitTooltip(notes.length === 0 ? APP_NAME : `${APP_NAME} — ${notes.join('; ')}`);
}

/** The whole tray: menu items, tooltip and which icon to show. Pure: same input, same model. */
export function buildTrayModel(input: TrayModelInput): TrayModel {
  const max = input.maxProfiles ?? DEFAULT_MAX_PROFILES;
  const ordered = trayOrder(input.profiles, input.defaultProfileId);
  const shown = ordered.slice(0, max);
  const items: TrayItem[] = shown.map((profile) =>
    profileMenu(
      profile,
      statusAt(input.statuses[profile.id], input.now),
      input.now,
      input.orgs?.[profile.id],
    ),
  );
  if (ordered.length === 0) items.push({ kind: 'label', label: 'No profiles yet' });
  if (ordered.length > shown.length) {
    items.push({
      kind: 'action',
      id: 'all-profiles',
      label: 'All profiles…',
      action: { type: 'all-profiles' },
      enabled: true,
    });
  }
  items.push(
    { kind: 'separator' },
    {
      kind: 'action',
      id: 'open-window',
      label: 'Open window',
      action: { type: 'open-window' },
      enabled: true,
    },
    { kind: 'action', id: 'quit', label: 'Quit', action: { type: 'quit' }, enabled: true },
  );
  const notes = attention(input);
  const icon: TrayIcon =
    notes.expired.length > 0 ? 'expired' : notes.expiring.length > 0 ? 'expiring' : 'normal';
  return { tooltip: tooltipFor(notes, input.now), icon, items };
}

/**
 * When the tray next needs rebuilding for its countdowns: when the soonest-ending session's
 * figure changes (or it expires), so the most urgent line is exact and rebuilds happen at most
 * once a minute however many sessions count down. Undefined when nothing counts down; state
 * changes arrive as session events instead.
 */
export function refreshDelayMs(input: TrayModelInput): number | undefined {
  let soonest: number | undefined;
  for (const profile of input.profiles) {
    const status = statusAt(input.statuses[profile.id], input.now);
    const expiresAt =
      status.state === 'signed-in' || status.state === 'expiring-soon'
        ? status.expiresAt
        : undefined;
    if (expiresAt !== undefined && (soonest === undefined || expiresAt < soonest))
      soonest = expiresAt;
  }
  return soonest === undefined ? undefined : msUntilLabelChange(soonest - input.now);
}
