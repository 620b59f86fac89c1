import { describe, expect, it } from 'vitest';
import type { SessionStatus } from '../../../electron/core/session/index.js';
import { fitTooltip, menuLabel, TOOLTIP_MAX } from '../../../electron/core/tray/menu-label.js';
import { formatTimeLeft, msUntilLabelChange } from '../../../electron/core/tray/time-left.js';
import {
  APP_NAME,
  buildTrayModel,
  refreshDelayMs,
  type TrayItem,
} from '../../../electron/core/tray/tray-model.js';
import { enabledActions, input, NOW, profile, submenus } from './support/tray-fixtures.js';

const MIN = 60_000;
const FIG = '\u2007';

const lines = (items: TrayItem[]): string[] => submenus(items).map((i) => i.label);

describe('tray model: which profiles, in which order', () => {
  it('lists the default first, then the most recently used, then the rest by name', () => {
    const profiles = [
      profile('Zeta'),
      profile('alpha'),
      profile('Old', { lastUsedAt: NOW - 10 * MIN }),
      profile('Default', { lastUsedAt: NOW - 99 * MIN }),
      profile('Recent', { lastUsedAt: NOW - MIN }),
      profile('Beta'),
    ];
    const model = buildTrayModel(input(profiles, {}, { defaultProfileId: 'default' }));
    expect(lines(model.items).map((l) => l.split(' — ')[0])).toEqual([
      'Default',
      'Recent',
      'Old',
      'alpha',
      'Beta',
      'Zeta',
    ]);
    expect(model.items.some((i) => i.kind === 'action' && i.id === 'all-profiles')).toBe(false);
  });

  it('shows at most 10 profiles, then "All profiles…", then Open window and Quit', () => {
    const profiles = Array.from({ length: 12 }, (_, n) =>
      profile(`P${String(n + 1).padStart(2, '0')}`, { lastUsedAt: NOW - n * MIN }),
    );
    const { items } = buildTrayModel(input(profiles, {}, { defaultProfileId: 'p12' }));
    const shown = lines(items).map((l) => l.split(' — ')[0]);
    expect(shown).toHaveLength(10);
    expect(shown.slice(0, 3)).toEqual(['P12', 'P01', 'P02']);
    expect(shown).not.toContain('P11');
    const tail = items.slice(10).map((i) => (i.kind === 'action' ? i.action : i.kind));
    expect(tail).toEqual([
      { type: 'all-profiles' },
      'separator',
      { type: 'open-window' },
      { type: 'quit' },
    ]);
  });

  it('honours maxProfiles and says so when there are no profiles', () => {
    const three = [profile('A'), profile('B'), profile('C')];
    expect(lines(buildTrayModel(input(three, {}, { maxProfiles: 2 })).items)).toHaveLength(2);
    const empty = buildTrayModel(input([]));
    expect(empty.items[0]).toEqual({ kind: 'label', label: 'No profiles yet' });
    expect(empty.items.filter((i) => i.kind === 'action').map((i) => i.id)).toEqual([
      'open-window',
      'quit',
    ]);
  });
});

describe('tray model: a line per profile with its state and time left', () => {
  const line = (status: SessionStatus | undefined): string =>
    lines(buildTrayModel(input([profile('Prod')], status ? { prod: status } : {})).items)[0] ?? '';

  it.each<[string, SessionStatus | undefined, string]>([
    ['no status yet', undefined, 'Prod — signed out'],
    ['signed out', { state: 'signed-out' }, 'Prod — signed out'],
    ['signing in', { state: 'signing-in' }, 'Prod — signing in…'],
    [
      'bearer, 42 min',
      { state: 'signed-in', kind: 'bearer', expiresAt: NOW + 42 * MIN },
      'Prod — signed in, 42 min left',
    ],
    [
      'rounded up',
      { state: 'signed-in', kind: 'bearer', expiresAt: NOW + 41 * MIN + 1 },
      'Prod — signed in, 42 min left',
    ],
    [
      'one digit keeps its width',
      { state: 'signed-in', kind: 'bearer', expiresAt: NOW + 9 * MIN },
      `Prod — signed in, ${FIG}9 min left`,
    ],
    [
      'hours',
      { state: 'signed-in', kind: 'bearer', expiresAt: NOW + 65 * MIN },
      'Prod — signed in, 1 h 05 min left',
    ],
    [
      'days',
      { state: 'signed-in', kind: 'bearer', expiresAt: NOW + 51 * 60 * MIN },
      'Prod — signed in, 2 d 03 h left',
    ],
    ['cookie without expiry', { state: 'signed-in', kind: 'cookie' }, 'Prod — signed in'],
    ['renewing', { state: 'renewing', kind: 'bearer', expiresAt: NOW + MIN }, 'Prod — renewing…'],
    [
      'expiring soon',
      { state: 'expiring-soon', kind: 'bearer', expiresAt: NOW + 2 * MIN },
      `Prod — expiring, ${FIG}2 min left`,
    ],
    [
      'past its expiry before the timer fired',
      { state: 'signed-in', kind: 'bearer', expiresAt: NOW - 1 },
      'Prod — expired',
    ],
    ['expired', { state: 'expired', kind: 'bearer' }, 'Prod — expired'],
    ['revoked', { state: 'revoked' }, 'Prod — revoked'],
    ['error', { state: 'error', code: 'NETWORK', message: 'x' }, 'Prod — error'],
  ])('%s', (_name, status, expected) => {
    expect(line(status)).toBe(expected);
  });

  it('opens each submenu with who and where, and an error with its message', () => {
    const status: SessionStatus = {
      state: 'error',
      code: 'NETWORK',
      message: 'The cluster could not be reached',
    };
    const [menu] = submenus(buildTrayModel(input([profile('Prod')], { prod: status })).items);
    expect(menu?.items.slice(0, 3)).toEqual([
      { kind: 'label', label: 'tsadmin @ https://prod.example.com' },
      { kind: 'label', label: 'The cluster could not be reached' },
      { kind: 'separator' },
    ]);
    expect(menu?.items.slice(3).map((i) => (i.kind === 'action' ? i.label : i.kind))).toEqual([
      'Sign in…',
      'Copy token',
      'Copy as curl',
      'Renew',
      'Revoke token',
      'Sign out',
    ]);
  });

  it('carries the profile id in each action and is plain data', () => {
    const model = buildTrayModel(input([profile('Prod')]));
    const [menu] = submenus(model.items);
    const action = menu?.items.find((i) => i.kind === 'action' && i.label === 'Sign out');
    expect(action).toMatchObject({
      id: 'profile:prod:sign-out',
      action: { type: 'sign-out', profileId: 'prod' },
    });
    expect(JSON.parse(JSON.stringify(model))).toEqual(model);
  });
});

describe('tray model: actions enabled only when they make sense', () => {
  const live: SessionStatus = { state: 'signed-in', kind: 'bearer', expiresAt: NOW + 42 * MIN };
  const all = ['Sign in…', 'Copy token', 'Copy as curl', 'Renew', 'Revoke token', 'Sign out'];
  const tokenActions = ['Copy token', 'Copy as curl', 'Renew', 'Revoke token', 'Sign out'];

  it.each<[string, SessionStatus, string[]]>([
    ['signed out', { state: 'signed-out' }, ['Sign in…']],
    ['signing in', { state: 'signing-in' }, []],
    ['bearer session', live, tokenActions],
    [
      'expiring bearer',
      { state: 'expiring-soon', kind: 'bearer', expiresAt: NOW + MIN },
      tokenActions,
    ],
    ['cookie session', { state: 'signed-in', kind: 'cookie' }, ['Sign out']],
    ['renewing', { state: 'renewing', kind: 'bearer', expiresAt: NOW + MIN }, []],
    ['expired bearer', { state: 'expired', kind: 'bearer' }, ['Sign in…', 'Renew', 'Sign out']],
    ['expired cookie', { state: 'expired', kind: 'cookie' }, ['Sign in…', 'Sign out']],
    [
      'bearer past its expiry',
      { state: 'signed-in', kind: 'bearer', expiresAt: NOW },
      ['Sign in…', 'Renew', 'Sign out'],
    ],
    ['revoked', { state: 'revoked' }, ['Sign in…', 'Sign out']],
    ['error', { state: 'error', code: 'AUTH_FAILED', message: 'no' }, ['Sign in…', 'Sign out']],
  ])('%s', (_name, status, expected) => {
    expect(enabledActions(status)).toEqual(expected);
    expect(all).toEqual(expect.arrayContaining(expected));
  });

  it('offers Renew only when the profile may renew with its stored credential', () => {
    expect(enabledActions(live, { autoRenew: false })).toEqual([
      'Copy token',
      'Copy as curl',
      'Revoke token',
      'Sign out',
    ]);
    expect(enabledActions({ state: 'expired', kind: 'bearer' }, { autoRenew: false })).toEqual([
      'Sign in…',
      'Sign out',
    ]);
  });
});

describe('tray model: icon and tooltip', () => {
  const profiles = [profile('Prod'), profile('Staging'), profile('Dev')];

  it('is calm when nothing is expiring', () => {
    const model = buildTrayModel(
      input(profiles, {
        prod: { state: 'signed-in', kind: 'bearer', expiresAt: NOW + 42 * MIN },
        staging: { state: 'revoked' },
      }),
    );
    expect(model).toMatchObject({ icon: 'normal', tooltip: APP_NAME });
  });

  it('shows an expiring session with its time left', () => {
    const model = buildTrayModel(
      input(profiles, {
        prod: { state: 'expiring-soon', kind: 'bearer', expiresAt: NOW + 90_000 },
      }),
    );
    expect(model.icon).toBe('expiring');
    expect(model.tooltip).toBe(`${APP_NAME} — Prod expires in 2 min`);
  });

  it('shows an expired session, and expired wins over expiring for the icon', () => {
    const expiredOnly = buildTrayModel(
      input(profiles, { staging: { state: 'expired', kind: 'bearer' } }),
    );
    expect(expiredOnly).toMatchObject({
      icon: 'expired',
      tooltip: `${APP_NAME} — Staging expired`,
    });
    const both = buildTrayModel(
      input(profiles, {
        staging: { state: 'expired', kind: 'bearer' },
        dev: { state: 'expiring-soon', kind: 'bearer', expiresAt: NOW + 5 * MIN },
      }),
    );
    expect(both.icon).toBe('expired');
    expect(both.tooltip).toBe(`${APP_NAME} — Dev expires in 5 min; Staging expired`);
  });

  it('counts sessions beyond the tenth too, and keeps the tooltip within Windows limits', () => {
    const many = Array.from({ length: 14 }, (_, n) => profile(`Cluster number ${n + 1}`));
    const statuses = Object.fromEntries(
      many.map((p) => [p.id, { state: 'expired', kind: 'bearer' } satisfies SessionStatus]),
    );
    const model = buildTrayModel(input(many, statuses));
    expect(model.icon).toBe('expired');
    expect(model.tooltip.length).toBe(TOOLTIP_MAX);
    expect(model.tooltip.endsWith('…')).toBe(true);
  });
});

describe('tray model: countdown refresh', () => {
  const bearer = (msLeft: number): SessionStatus => ({
    state: 'signed-in',
    kind: 'bearer',
    expiresAt: NOW + msLeft,
  });

  it('is undefined when nothing counts down', () => {
    expect(refreshDelayMs(input([]))).toBeUndefined();
    expect(
      refreshDelayMs(
        input([profile('A'), profile('B'), profile('C')], {
          a: { state: 'signed-in', kind: 'cookie' },
          b: { state: 'expired', kind: 'bearer' },
          c: bearer(-5),
        }),
      ),
    ).toBeUndefined();
  });

  it('waits until the shown minute changes, never longer than a minute', () => {
    expect(refreshDelayMs(input([profile('A')], { a: bearer(42 * MIN + 30_000) }))).toBe(30_000);
    expect(refreshDelayMs(input([profile('A')], { a: bearer(42 * MIN) }))).toBe(MIN);
    expect(refreshDelayMs(input([profile('A')], { a: bearer(20_000) }))).toBe(20_000);
  });

  it('follows the soonest-ending session only, so several countdowns still mean one rebuild a minute', () => {
    const both = input([profile('A'), profile('B')], {
      a: bearer(50 * MIN + 10_000),
      b: { state: 'expiring-soon', kind: 'bearer', expiresAt: NOW + MIN + 45_000 },
    });
    expect(refreshDelayMs(both)).toBe(45_000);
  });

  it('rebuilds exactly when a line would change', () => {
    for (const msLeft of [
      1,
      59_999,
      MIN,
      MIN + 1,
      59 * MIN + 1,
      24 * 60 * MIN + 1,
      3 * 24 * 60 * MIN,
    ]) {
      const before = buildTrayModel(input([profile('A')], { a: bearer(msLeft) }));
      const delay = refreshDelayMs(input([profile('A')], { a: bearer(msLeft) })) ?? 0;
      expect(delay).toBeGreaterThan(0);
      const at = (t: number): string =>
        lines(buildTrayModel(input([profile('A')], { a: bearer(msLeft) }, { now: t })).items)[0] ??
        '';
      expect(at(NOW + delay - 1)).toBe(lines(before.items)[0]);
      expect(at(NOW + delay)).not.toBe(lines(before.items)[0]);
    }
  });
});

describe('tray helpers', () => {
  it('formats time left without changing width needlessly', () => {
    expect(formatTimeLeft(30_000)).toBe(`${FIG}1 min`);
    expect(formatTimeLeft(30_000, { padded: false })).toBe('1 min');
    expect(formatTimeLeft(10 * MIN)).toBe('10 min');
    expect(formatTimeLeft(60 * MIN)).toBe('1 h 00 min');
    expect(formatTimeLeft(24 * 60 * MIN)).toBe('24 h 00 min');
    expect(formatTimeLeft(24 * 60 * MIN + 1)).toBe('1 d 01 h');
    expect(msUntilLabelChange(0)).toBe(0);
    expect(msUntilLabelChange(24 * 60 * MIN + 1)).toBe(1);
  });

  it('escapes menu mnemonics and fits tooltips', () => {
    expect(menuLabel('R&D — signed in')).toBe('R&&D — signed in');
    expect(fitTooltip('short')).toBe('short');
    expect(fitTooltip('x'.repeat(200))).toHaveLength(TOOLTIP_MAX);
  });
});
