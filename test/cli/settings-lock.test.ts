// Issue 12: a settings change that cannot get the settings lock (another process holds it and
// stays alive) gives up with a StorageError, and tsm exits 6, the settings file's code.
import { utimesSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requireBuiltCli, TsmSandbox } from './support/run-tsm.js';

let sandbox: TsmSandbox;

beforeAll(() => {
  requireBuiltCli();
  sandbox = new TsmSandbox();
});
afterAll(() => sandbox.dispose());

describe('the settings lock', () => {
  it(
    'held by a live process that keeps it fresh: tsm profile add exits 6 and changes nothing',
    { timeout: 40_000 },
    async () => {
      const lock = join(sandbox.configDir, 'settings.lock');
      // This test process is the holder: alive, on this host, touching the lock as a holder does.
      writeFileSync(
        lock,
        JSON.stringify({
          pid: process.pid,
          host: hostname(),
          token: 'held-by-test',
          at: Date.now(),
        }),
      );
      const touch = setInterval(() => {
        const now = new Date();
        utimesSync(lock, now, now);
      }, 500);
      try {
        const result = await sandbox.spawn(
          ['profile', 'add', 'Late', '--url', 'https://late.example.com', '--user', 'u'],
          { timeoutMs: 30_000 },
        );
        expect(result).toEqual({
          code: 6,
          signal: null,
          stdout: '',
          stderr: `tsm: Timed out waiting for the lock ${lock}; another tsm process may be stuck\n`,
        });
      } finally {
        clearInterval(touch);
      }
      const list = await sandbox.run(['profile', 'list', '--json']);
      expect(JSON.parse(list.stdout)).toEqual([]);
    },
  );
});
