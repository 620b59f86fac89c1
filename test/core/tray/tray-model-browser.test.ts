// The tray for profiles that sign in through a browser (SAML, OIDC, the cluster's page).
import { describe, expect, it } from 'vitest';
import type { Profile } from '../../../electron/core/profiles/index.js';
import type { SessionStatus } from '../../../electron/core/session/index.js';
import { buildTrayModel } from '../../../electron/core/tray/tray-model.js';
import { enabledActions, input, profile, submenus } from './support/tray-fixtures.js';

describe('tray model: profiles that sign in through a browser', () => {
  const firstAction = (status: SessionStatus, extra: Partial<Profile>) => {
    const [menu] = submenus(
      buildTrayModel(input([profile('Prod', extra)], { prod: status })).items,
    );
    return menu?.items.find((i) => i.kind === 'action');
  };

  it.each([
    ['saml', 'Sign in with SSO…'],
    ['oidc', 'Sign in with SSO…'],
    ['browser', 'Open sign-in page…'],
  ] as const)('%s: the first action runs the browser sign-in, "%s"', (auth, label) => {
    expect(firstAction({ state: 'signed-out' }, { auth })).toEqual({
      kind: 'action',
      id: 'profile:prod:browser-sign-in',
      label,
      action: { type: 'browser-sign-in', profileId: 'prod' },
      enabled: true,
    });
  });

  it('offers to cancel while the sign-in is under way', () => {
    expect(firstAction({ state: 'signing-in' }, { auth: 'saml' })).toEqual({
      kind: 'action',
      id: 'profile:prod:cancel-sign-in',
      label: 'Signing in… (Cancel)',
      action: { type: 'cancel-sign-in', profileId: 'prod' },
      enabled: true,
    });
    expect(enabledActions({ state: 'signing-in' }, { auth: 'saml' })).toEqual([
      'Signing in… (Cancel)',
    ]);
  });

  it('is disabled while signed in, like a password sign-in', () => {
    const live: SessionStatus = { state: 'signed-in', kind: 'cookie' };
    expect(firstAction(live, { auth: 'oidc' })).toMatchObject({ enabled: false });
    expect(enabledActions(live, { auth: 'oidc' })).toEqual(['Sign out']);
  });

  it('a password profile signing in keeps "Sign in…" (the window signs it in), disabled', () => {
    expect(firstAction({ state: 'signing-in' }, {})).toMatchObject({
      label: 'Sign in…',
      action: { type: 'sign-in', profileId: 'prod' },
      enabled: false,
    });
  });

  it('names only the cluster until the cluster has named the user', () => {
    const [menu] = submenus(
      buildTrayModel(input([profile('Prod', { auth: 'saml', username: '' })])).items,
    );
    expect(menu?.items[0]).toEqual({ kind: 'label', label: 'https://prod.example.com' });
  });
});
