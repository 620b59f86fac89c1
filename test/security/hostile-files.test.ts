import { spawnSync } from 'node:child_process';
import {
  mkdirSync,
  readdirSync,
  readFileSync,
  statSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isAppError } from '../../electron/core/errors/index.js';
import {
  importProfiles,
  ProfileStore,
  readImportFile,
} from '../../electron/core/profiles/index.js';
import { readSettings } from '../../electron/core/profiles/recover.js';
import { expectAppError } from '../support/expect-error.js';
import { useTempDir } from '../support/temp-dir.js';

const tempDir = useTempDir('tsm-hostile-');
const mode = (path: string) => statSync(path).mode & 0o777;

describe('profile import reads only what it should', () => {
  it('refuses /dev/zero without reading it', async () => {
    const error = await expectAppError(readImportFile('/dev/zero'), 'INVALID_INPUT');
    expect(error.message).toBe('The import file /dev/zero is not a regular file');
  });

  it('refuses a FIFO at once instead of waiting for a writer', async () => {
    const fifo = join(tempDir(), 'pipe');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    const started = Date.now();
    await expectAppError(readImportFile(fifo), 'INVALID_INPUT');
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('refuses a file over 5 MiB by its size, before reading it', async () => {
    const big = join(tempDir(), 'big.json');
    writeFileSync(big, '');
    truncateSync(big, 64 * 1024 * 1024 * 1024); // sparse: 64 GiB that would never fit in memory
    const error = await expectAppError(readImportFile(big), 'INVALID_INPUT');
    expect(error.message).toBe('The import file is larger than 5 MiB');
  });

  it('reads a regular export, and warns about imported TLS weakenings as profile add does', async () => {
    const dir = tempDir();
    const file = join(dir, 'export.json');
    const ca = join(dir, 'ca.pem');
    writeFileSync(ca, '-----BEGIN CERTIFICATE-----\n');
    writeFileSync(
      file,
      JSON.stringify({
        format: 'tsm-profiles',
        version: 1,
        profiles: [
          { name: 'Lax', url: 'https://a.example.com', username: 'u', tls: { insecure: true } },
          {
            name: 'OwnCa',
            url: 'https://b.example.com',
            username: 'u',
            tls: { caFile: ca },
          },
          { name: 'Plain', url: 'https://c.example.com', username: 'u' },
        ],
      }),
    );
    const report = await importProfiles(
      await readImportFile(file),
      new ProfileStore({ configDir: dir }),
    );
    expect(report.added).toEqual(['Lax', 'OwnCa', 'Plain']);
    expect(report.warnings).toEqual([
      '"Lax" accepts any TLS certificate; anyone on the network can read its password',
      `"OwnCa" trusts the certificates in ${ca}`,
    ]);
  });
});

describe('the settings file', () => {
  it('a file of hundreds of MB is refused with a settings error and left as it is', () => {
    const dir = tempDir();
    const path = join(dir, 'settings.json');
    writeFileSync(path, '{"version":1,');
    truncateSync(path, 300 * 1024 * 1024);
    let caught: unknown;
    try {
      new ProfileStore({ configDir: dir }).list();
    } catch (error) {
      caught = error;
    }
    expect(isAppError(caught) && caught.code).toBe('STORAGE_FAILED');
    expect((caught as Error).message).toMatch(
      /is 300 MiB, far larger than settings can be \(4 MiB at most\); it was left as it is/,
    );
    expect(statSync(path).size).toBe(300 * 1024 * 1024);
    expect(readdirSync(dir)).toEqual(['settings.json']); // no backup, no repair
  });

  it('drops keys the format does not know (a hand-added "password" travels nowhere)', async () => {
    const dir = tempDir();
    const store = new ProfileStore({ configDir: dir });
    const profile = await store.add({ name: 'Prod', url: 'https://a.example.com', username: 'u' });
    const data = JSON.parse(readFileSync(store.path, 'utf8')) as {
      profiles: Record<string, unknown>[];
      [key: string]: unknown;
    };
    data.token = 'tok-top-level-4f2';
    data.profiles = data.profiles.map((p) => ({
      ...p,
      password: 'pw-hand-added-9c1',
      tls: { insecure: false, pin: 'x' },
    }));
    writeFileSync(store.path, JSON.stringify(data));

    const read = readSettings(store.path);
    expect(JSON.stringify(read)).not.toContain('pw-hand-added-9c1');
    expect(JSON.stringify(read)).not.toContain('tok-top-level-4f2');
    expect(store.list()[0]).toEqual({ ...profile, tls: { insecure: false } });
    await store.note(profile.id, { lastUsedAt: 1 });
    expect(readFileSync(store.path, 'utf8')).not.toContain('pw-hand-added-9c1');
  });
});

describe('file modes', () => {
  it('settings.json and its repair backup are 0600; the config dir and locks/ are 0700', async () => {
    const dir = join(tempDir(), 'fresh', 'config');
    const store = new ProfileStore({ configDir: dir });
    await store.add({ name: 'Prod', url: 'https://a.example.com', username: 'u' });
    expect(mode(dir)).toBe(0o700);
    expect(mode(store.path)).toBe(0o600);
    expect(mode(join(dir, '..'))).toBe(0o700);

    writeFileSync(store.path, '{ not json', { mode: 0o644 });
    expect(store.list()).toHaveLength(1); // restored from the last good copy
    const backup = readdirSync(dir).find((name) => name.includes('.backup-'));
    expect(backup).toBeDefined();
    expect(mode(join(dir, backup ?? ''))).toBe(0o600);
    expect(mode(store.path)).toBe(0o600);
  });

  it('locks/ is made 0700', async () => {
    const { withLock } = await import('../../electron/core/storage/file-lock.js');
    const dir = tempDir();
    mkdirSync(dir, { recursive: true });
    await withLock(join(dir, 'locks', 'p.lock'), () => Promise.resolve());
    expect(mode(join(dir, 'locks'))).toBe(0o700);
  });
});
