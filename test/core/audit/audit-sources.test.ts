// Who did what: every line names its source (window, tray, tsm), set by the host; lines written
// before sources existed still read; a profile change names the fields it changed.
import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AuditLog } from '../../../electron/core/audit/audit-log.js';
import { changedFields, logProfileChange } from '../../../electron/core/audit/profile-changes.js';
import type { Profile } from '../../../electron/core/profiles/index.js';
import { useTempDir } from '../../support/temp-dir.js';

const tempDir = useTempDir('tsm-audit-sources-');

const profile: Profile = {
  id: 'p1',
  name: 'Prod',
  url: 'https://prod.example.com',
  username: 'ana',
  auth: 'password',
  dialect: 'auto',
  tls: { insecure: false },
  validitySeconds: 3600,
  autoRenew: true,
  createdAt: 1,
};

describe('audit sources', () => {
  it('marks lines with the host’s source, or the one a piece of work runs as', async () => {
    const log = new AuditLog(tempDir(), { source: 'window' });
    log.append({ action: 'signed-in', profileId: 'p1', profile: 'Prod' });
    // The tray's work, however late its lines come (after an await), is the tray's.
    await log.as('tray', async () => {
      await new Promise((resolve) => setTimeout(resolve, 5));
      log.append({ action: 'copied', profileId: 'p1', profile: 'Prod' });
    });
    log.append({ action: 'signed-out', profileId: 'p1', profile: 'Prod' });
    expect(log.read().map((e) => [e.action, e.source])).toEqual([
      ['signed-out', 'window'],
      ['copied', 'tray'],
      ['signed-in', 'window'],
    ]);
  });

  it('reads lines written before sources existed, and drops a source it does not know', () => {
    const dir = tempDir();
    mkdirSync(dir, { recursive: true });
    appendFileSync(
      join(dir, 'audit.log'),
      [
        JSON.stringify({
          at: '2030-01-01T00:00:00.000Z',
          action: 'copied',
          profileId: 'p1',
          profile: 'Prod',
        }),
        JSON.stringify({
          at: '2030-01-01T00:00:01.000Z',
          action: 'copied',
          profileId: 'p1',
          profile: 'Prod',
          source: '\u001b[31mevil',
        }),
        JSON.stringify({
          at: '2030-01-01T00:00:02.000Z',
          action: 'error',
          profileId: 'p1',
          profile: 'Prod',
          operation: 'sign-in',
        }),
        '',
      ].join('\n'),
    );
    const entries = new AuditLog(dir, { source: 'cli' }).read();
    expect(entries).toHaveLength(3);
    expect(entries.map((e) => [e.source, e.operation])).toEqual([
      [undefined, 'sign-in'],
      [undefined, undefined],
      [undefined, undefined],
    ]);
  });

  it('names the fields an edit changed, and writes nothing for a save that changed none', () => {
    const log = new AuditLog(tempDir(), { source: 'cli' });
    const after: Profile = { ...profile, name: 'Production', validitySeconds: 600, lastUsedAt: 5 };
    expect(changedFields(profile, after)).toEqual(['name', 'token lifetime']);
    logProfileChange(log, {
      type: 'edited',
      before: profile,
      after: { ...profile, lastUsedAt: 9 },
    });
    expect(log.read()).toEqual([]);
    logProfileChange(log, { type: 'edited', before: profile, after });
    expect(log.read()).toMatchObject([
      {
        action: 'profile-edited',
        profile: 'Production',
        source: 'cli',
        message: 'changed name, token lifetime (was Prod)',
      },
    ]);
  });
});
