// `tsm` marks its audit lines as its own, so Activity tells the terminal from the window; adding,
// editing and removing a profile are lines too, naming the fields that changed.
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
});
