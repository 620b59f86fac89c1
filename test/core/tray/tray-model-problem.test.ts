// A failure that left the session as it was (a wrong password: still signed out; a renewal that
// failed: still signed in) says why under the profile's name, as an unreadable status does.
import { describe, expect, it } from 'vitest';
import type { SessionStatus } from '../../../electron/core/session/index.js';
import { REASON_MAX } from '../../../electron/core/tray/menu-label.js';
import { buildTrayModel, type TrayItem } from '../../../electron/core/tray/tray-model.js';
import { input, NOW, profile, submenus } from './support/tray-fixtures.js';

/** The labels above the submenu's first separator: who and where, then the reason if any. */
function details(status: SessionStatus): string[] {
  const [menu] = submenus(buildTrayModel(input([profile('Prod')], { prod: status })).items);
  const items: TrayItem[] = menu?.items ?? [];
  const end = items.findIndex((i) => i.kind === 'separator');
  return items.slice(0, end).map((i) => (i.kind === 'label' ? i.label : i.kind));
}

const WHO = 'tsadmin @ https://prod.example.com';

describe('tray model: the reason of a failure that left the session as it was', () => {
  it.each<[string, SessionStatus]>([
    [
      'signed out after a refused sign-in',
      { state: 'signed-out', problem: { code: 'AUTH_FAILED', message: 'Wrong password' } },
    ],
    [
      'still signed in after a failed renewal',
      {
        state: 'signed-in',
        kind: 'bearer',
        expiresAt: NOW + 3_600_000,
        problem: { code: 'NETWORK', message: 'Wrong password' },
      },
    ],
    [
      'expired after a failed renewal',
      { state: 'expired', kind: 'bearer', problem: { code: 'NETWORK', message: 'Wrong password' } },
    ],
    ['revoked', { state: 'revoked', problem: { code: 'FORBIDDEN', message: 'Wrong password' } }],
  ])('%s: shows the reason under who and where', (_name, status) => {
    expect(details(status)).toEqual([WHO, 'Wrong password']);
  });

  it('shows nothing more without a problem', () => {
    expect(details({ state: 'signed-out' })).toEqual([WHO]);
  });

  it('strips control characters and cuts a long reason, for a problem and an error alike', () => {
    const hostile = `Denied\u001b]52;c;ZXZpbA==\u0007 by\nthe cluster ${'x'.repeat(200)}`;
    const shown = [
      details({ state: 'signed-out', problem: { code: 'SERVER_ERROR', message: hostile } })[1],
      details({ state: 'error', code: 'SERVER_ERROR', message: hostile })[1],
    ];
    for (const label of shown) {
      expect(label).toMatch(/^Denied\]52;c;ZXZpbA== by the cluster x+…$/);
      expect([...(label ?? '')]).toHaveLength(REASON_MAX);
    }
  });
});
