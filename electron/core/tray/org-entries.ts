// What a profile's tray submenu says about orgs and, for REST API v1, about tokens.
import { effectiveDialect, type Profile } from '../profiles/index.js';
import type { SessionStatus } from '../session/session-state.js';
import type { OrgList } from '../thoughtspot/index.js';
import type { TrayItem } from './tray-model.js';

/** REST API v1 issues no bearer tokens: the copy, renew and revoke items would never work. */
export const V1_NO_TOKENS = 'REST API v1: no tokens — use tsm exec';

export function speaksV1(profile: Profile): boolean {
  return effectiveDialect(profile) === 'V1';
}

function live(status: SessionStatus): boolean {
  return status.state === 'signed-in' || status.state === 'expiring-soon';
}

/** "Org: Sales", while a session is live and its org is known. */
export function orgLine(status: SessionStatus, orgs: OrgList | undefined): TrayItem[] {
  return live(status) && orgs ? [{ kind: 'label', label: `Org: ${orgs.current.name}` }] : [];
}

/**
 * "Switch org ▸" with the user's orgs as radio items, the current one checked: only for a live
 * session whose user is in more than one org (the list is the last one the cluster gave).
 */
export function switchOrgMenu(
  profile: Profile,
  status: SessionStatus,
  orgs: OrgList | undefined,
): TrayItem[] {
  if (!live(status) || !orgs || orgs.orgs.length < 2) return [];
  return [
    {
      kind: 'submenu',
      label: 'Switch org',
      items: orgs.orgs.map((org) => ({
        kind: 'radio',
        id: `profile:${profile.id}:org:${org.id}`,
        label: `${org.name} (${org.id})`,
        checked: org.id === orgs.current.id,
        action: { type: 'switch-org', profileId: profile.id, orgId: org.id },
      })),
    },
  ];
}
