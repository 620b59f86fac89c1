// What the tray model tests build their input from: profiles, statuses, a fixed clock.
import type { Profile } from '../../../../electron/core/profiles/index.js';
import type { SessionStatus } from '../../../../electron/core/session/index.js';
import {
  buildTrayModel,
  type TrayItem,
  type TrayModelInput,
} from '../../../../electron/core/tray/tray-model.js';

export const NOW = Date.UTC(2025, 5, 1, 12, 0, 0);

export function profile(name: string, extra: Partial<Profile> = {}): Profile {
  const id = name.toLowerCase().replaceAll(' ', '-');
  return {
    id,
    name,
    url: `https://${id}.example.com`,
    username: 'tsadmin',
    auth: 'password',
    dialect: 'auto',
    tls: { insecure: false },
    validitySeconds: 3600,
    autoRenew: true,
    createdAt: 0,
    ...extra,
  };
}

export function input(
  profiles: Profile[],
  statuses: Record<string, SessionStatus> = {},
  extra: Partial<TrayModelInput> = {},
): TrayModelInput {
  return { profiles, statuses, now: NOW, ...extra };
}

export type Submenu = Extract<TrayItem, { kind: 'submenu' }>;

export const submenus = (items: TrayItem[]): Submenu[] =>
  items.filter((i): i is Submenu => i.kind === 'submenu');

/** The actions of a profile's submenu that are enabled, by label. */
export function enabledActions(status: SessionStatus, extra: Partial<Profile> = {}): string[] {
  const [menu] = submenus(buildTrayModel(input([profile('Prod', extra)], { prod: status })).items);
  return (menu?.items ?? []).flatMap((i) => (i.kind === 'action' && i.enabled ? [i.label] : []));
}
