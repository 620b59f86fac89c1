import { render, screen, within } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import type { AuditEntry } from '../lib/api.js';
import { apiContext } from '../lib/api-context.js';
import { ProfilesStore } from '../lib/profiles.svelte.js';
import { FakeApi } from '../lib/testing/fake-api.js';
import ActivityScreen from './ActivityScreen.svelte';

const at = '2031-05-06T07:08:09.000Z';
const line = (entry: Partial<AuditEntry>): AuditEntry => ({
  at,
  action: 'copied',
  profileId: 'p1',
  profile: 'Prod',
  ...entry,
});

async function rows(entries: AuditEntry[]): Promise<string[][]> {
  const api = new FakeApi()
    .on('profiles:list', () => ({ profiles: [], secrets: {} }))
    .on('audit:list', () => entries);
  const store = new ProfilesStore(api);
  await store.load();
  render(ActivityScreen, { props: { store }, context: apiContext(api) });
  const table = await screen.findByRole('table');
  return within(table)
    .getAllByRole('row')
    .slice(1)
    .map((row) =>
      within(row)
        .getAllByRole('cell')
        .map((cell) => cell.textContent?.trim() ?? ''),
    );
}

describe('ActivityScreen', () => {
  it('names each kind of line, says what failed, and who did it', async () => {
    const shown = await rows([
      line({ action: 'revealed', source: 'window', fingerprint: 'abc' }),
      line({ action: 'pasted', source: 'window', kind: 'bearer' }),
      line({ action: 'error', operation: 'sign-in', source: 'cli', message: 'wrong password' }),
      line({ action: 'error', operation: 'renew', source: 'tray', code: 'NETWORK' }),
      line({ action: 'profile-edited', source: 'cli', message: 'changed name (was Old)' }),
      // Written by an older version: no source, no operation.
      line({ action: 'error', code: 'AUTH_FAILED' }),
    ]);
    expect(shown.map((cells) => cells.slice(2))).toEqual([
      ['Token revealed', 'Window', 'token abc'],
      ['Token pasted', 'Window', 'bearer token'],
      ['Sign-in failed', 'tsm', 'wrong password'],
      ['Renew failed', 'Tray', 'NETWORK'],
      ['Profile edited', 'tsm', 'changed name (was Old)'],
      ['Failed', '—', 'AUTH_FAILED'],
    ]);
  });
});
