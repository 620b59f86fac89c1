// `tsm` marks its audit lines as its own, so Activity tells the terminal from the window; adding,
// editing and removing a profile are lines too, naming the fields that changed.
import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../electron/core/audit/audit-log.js';
import { requireKeyring, TsmSandbox } from './support/run-tsm.js';

let sandbox: TsmSandbox;

beforeAll(() => {
  requireKeyring();
  sandbox = new TsmSandbox();
});
afterAll(() => sandbox.dispose());

describe('tsm log', () => {
  it('records profile add, edit and remove as the CLI’s, with the fields an edit changed', async () => {
    const url = 'https://prod.example.com';
    expect((await sandbox.run(['profile', 'add', 'Prod', '--url', url, '--user', 'me'])).code).toBe(
      0,
    );
    expect((await sandbox.run(['profile', 'edit', 'Prod', '--name', 'Production'])).code).toBe(0);
    expect((await sandbox.run(['profile', 'remove', 'Production'])).code).toBe(0);
    const log = await sandbox.run(['log', '--json']);
    const entries = JSON.parse(log.stdout) as AuditEntry[];
    expect(entries.map((e) => [e.action, e.profile, e.source, e.message])).toEqual([
      ['profile-removed', 'Production', 'cli', undefined],
      ['profile-edited', 'Production', 'cli', 'changed name (was Prod)'],
      ['profile-added', 'Prod', 'cli', undefined],
    ]);
  });

  it('shows who did it in a SOURCE column, "—" for lines older than sources, columns aligned', async () => {
    // Lines another writer left: the window's, and one from before sources were recorded.
    const old = { at: '2024-01-02T03:04:05.000Z', action: 'signed-in', profileId: 'p1' };
    appendFileSync(
      join(sandbox.configDir, 'audit.log'),
      `${JSON.stringify({ ...old, profile: 'Legacy' })}\n` +
        `${JSON.stringify({ ...old, at: '2024-01-02T03:04:06.000Z', profile: 'Desk', source: 'window' })}\n`,
    );
    expect(
      (
        await sandbox.run([
          'profile',
          'add',
          'Cli',
          '--url',
          'https://c.example.com',
          '--user',
          'me',
        ])
      ).code,
    ).toBe(0);
    const log = await sandbox.run(['log', '-n', '3']);
    expect(log.code).toBe(0);
    const [header, ...rows] = log.stdout.trimEnd().split('\n');
    expect(header).toMatch(/^TIME +SOURCE +PROFILE +ACTION +TOKEN +DETAIL$/);
    const cells = rows.map((row) => row.split(/ {2,}/).slice(0, 4));
    expect(cells.map((c) => c.slice(1))).toEqual([
      ['tsm', 'Cli', 'profile-added'],
      ['Window', 'Desk', 'signed-in'],
      ['—', 'Legacy', 'signed-in'],
    ]);
    // Every row's SOURCE and PROFILE start where the header's do.
    for (const column of ['SOURCE', 'PROFILE']) {
      const start = header?.indexOf(column);
      const index = column === 'SOURCE' ? 1 : 2;
      for (const [i, row] of rows.entries())
        expect(row.indexOf(cells[i]?.[index] ?? '?')).toBe(start);
    }
  });
});
