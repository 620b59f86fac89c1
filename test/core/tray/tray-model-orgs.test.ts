// The tray's orgs ("Switch org ▸" from the last known list) and REST API v1 profiles (no tokens).
import { describe, expect, it } from 'vitest';
import type { OrgList } from '../../../electron/core/orgs/index.js';
import type { Profile } from '../../../electron/core/profiles/index.js';
import type { SessionStatus } from '../../../electron/core/session/index.js';
import { V1_NO_TOKENS } from '../../../electron/core/tray/org-entries.js';
import { buildTrayModel, type TrayItem } from '../../../electron/core/tray/tray-model.js';
import { input, NOW, profile, submenus } from './support/tray-fixtures.js';

const live: SessionStatus = { state: 'signed-in', kind: 'bearer', expiresAt: NOW + 3_600_000 };
const TWO: OrgList = {
  current: { id: 0, name: 'Primary' },
  orgs: [
    { id: 0, name: 'Primary' },
    { id: 1, name: 'Sales' },
  ],
};

function menuOf(status: SessionStatus, orgs?: OrgList, extra: Partial<Profile> = {}): TrayItem[] {
  const model = buildTrayModel(
    input([profile('Prod', extra)], { prod: status }, orgs ? { orgs: { prod: orgs } } : {}),
  );
  return submenus(model.items)[0]?.items ?? [];
}

const switchMenu = (items: TrayItem[]) =>
  submenus(items).find((item) => item.label === 'Switch org');

describe('tray model: orgs', () => {
  it('offers "Switch org" with the orgs as radio items, the current one checked', () => {
    const items = menuOf(live, TWO);
    expect(items).toContainEqual({ kind: 'label', label: 'Org: Primary' });
    expect(switchMenu(items)?.items).toEqual([
      {
        kind: 'radio',
        id: 'profile:prod:org:0',
        label: 'Primary (0)',
        checked: true,
        action: { type: 'switch-org', profileId: 'prod', orgId: 0 },
      },
      {
        kind: 'radio',
        id: 'profile:prod:org:1',
        label: 'Sales (1)',
        checked: false,
        action: { type: 'switch-org', profileId: 'prod', orgId: 1 },
      },
    ]);
  });

  it('checks the org the session is in now', () => {
    const inSales = { ...TWO, current: { id: 1, name: 'Sales' } };
    const radios = switchMenu(menuOf(live, inSales))?.items ?? [];
    expect(radios.map((r) => r.kind === 'radio' && r.checked)).toEqual([false, true]);
  });

  it.each<[string, SessionStatus, OrgList | undefined]>([
    ['one org', live, { current: { id: 0, name: 'Primary' }, orgs: [{ id: 0, name: 'Primary' }] }],
    ['no list known yet', live, undefined],
    ['signed out', { state: 'signed-out' }, TWO],
    ['expired', { state: 'expired', kind: 'bearer' }, TWO],
    ['signing in', { state: 'signing-in' }, TWO],
  ])('has no "Switch org" with %s', (_, status, orgs) => {
    expect(switchMenu(menuOf(status, orgs))).toBeUndefined();
  });

  it('shows the org line only while the session is live', () => {
    expect(menuOf({ state: 'signed-out' }, TWO)).not.toContainEqual(
      expect.objectContaining({ label: 'Org: Primary' }),
    );
  });
});

describe('tray model: REST API v1 profiles', () => {
  const labels = (items: TrayItem[]) =>
    items.flatMap((i) => (i.kind === 'action' || i.kind === 'label' ? [i.label] : []));

  it.each<Partial<Profile>>([{ dialect: 'V1' }, { dialect: 'auto', detectedDialect: 'V1' }])(
    'replaces the token items with one line saying what works (%o)',
    (extra) => {
      const cookie: SessionStatus = { state: 'signed-in', kind: 'cookie' };
      const items = labels(menuOf(cookie, undefined, extra));
      expect(items).toContain(V1_NO_TOKENS);
      for (const gone of ['Copy token', 'Copy as curl', 'Renew', 'Revoke token'])
        expect(items).not.toContain(gone);
      expect(items.slice(-3)).toEqual(['Sign in…', V1_NO_TOKENS, 'Sign out']);
      const line = menuOf(cookie, undefined, extra).find(
        (i) => 'label' in i && i.label === V1_NO_TOKENS,
      );
      expect(line?.kind, 'the line is not clickable').toBe('label');
    },
  );

  it('keeps the token items for the other dialects', () => {
    const items = labels(menuOf(live, undefined, { dialect: 'C' }));
    expect(items).toContain('Copy token');
    expect(items).not.toContain(V1_NO_TOKENS);
  });

  it('still offers "Switch org" to a v1 profile in more than one org', () => {
    const cookie: SessionStatus = { state: 'signed-in', kind: 'cookie' };
    expect(switchMenu(menuOf(cookie, TWO, { dialect: 'V1' }))).toBeDefined();
  });
});
