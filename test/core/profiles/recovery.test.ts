import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ProfileStore } from '../../../electron/core/profiles/index.js';
import { expectAppError } from '../../support/expect-error.js';
import { useTempDir } from '../../support/temp-dir.js';

const tempDir = useTempDir();
const NOW = Date.UTC(2026, 10, 28, 12, 0, 0);

function profile(id: string, name: string): Record<string, unknown> {
  return {
    id,
    name,
    url: 'https://c.example.com',
    username: 'u',
    auth: 'password',
    dialect: 'auto',
    tls: { insecure: false },
    validitySeconds: 3600,
    autoRenew: true,
    createdAt: 1,
  };
}

function settingsFile(dir: string, content: string): string {
  const path = join(dir, 'settings.json');
  writeFileSync(path, content);
  return path;
}

const backups = (dir: string) =>
  readdirSync(dir).filter((name) => name.startsWith('settings.json.backup-'));

describe('a damaged settings file', () => {
  it('that is not JSON: keeps the original as a timestamped backup and starts empty, saying so', async () => {
    const dir = tempDir();
    const path = settingsFile(dir, '{"version":1,"profiles":[{"id":"a"');
    const store = new ProfileStore({ configDir: dir, now: () => NOW });
    expect(store.list()).toEqual([]);
    const backupPath = `${path}.backup-2026-11-28T12-00-00-000Z`;
    expect(store.notice?.backupPath).toBe(backupPath);
    expect(readFileSync(backupPath, 'utf8')).toBe('{"version":1,"profiles":[{"id":"a"');
    expect(store.notice?.message).toBe(
      `The settings file ${path} was damaged (not valid JSON); it was kept as ${backupPath} and the app started with no profiles`,
    );
    await store.add({ name: 'Fresh', url: 'https://c.example.com', username: 'u' });
    expect(store.list()).toHaveLength(1);
  });

  it('hand-edited with one broken profile: keeps the others and names the one dropped', () => {
    const dir = tempDir();
    const broken = { ...profile('b', 'Broken'), validitySeconds: 'forever' };
    settingsFile(
      dir,
      JSON.stringify({
        version: 1,
        profiles: [profile('a', 'Good'), broken, profile('c', 'good')],
        defaultProfileId: 'b',
      }),
    );
    const store = new ProfileStore({ configDir: dir, now: () => NOW });
    expect(store.list().map((p) => p.name)).toEqual(['Good']);
    expect(store.notice?.dropped).toEqual([
      { name: 'Broken', reason: '"validitySeconds" is missing or invalid' },
      { name: 'good', reason: 'duplicate name' },
    ]);
    expect(store.notice?.message).toContain('1 profile(s) were recovered');
    expect(store.defaultProfile()?.name).toBe('Good');
    expect(backups(dir)).toHaveLength(1);
  });

  it('truncated while the app runs: restored from the last good copy, with a backup, nothing lost', async () => {
    const dir = tempDir();
    const store = new ProfileStore({ configDir: dir, now: () => NOW });
    await store.add({ name: 'A', url: 'https://c.example.com', username: 'u' });
    await store.add({ name: 'B', url: 'https://c.example.com', username: 'u' });
    writeFileSync(store.path, readFileSync(store.path, 'utf8').slice(0, 20));
    expect(store.list().map((p) => p.name)).toEqual(['A', 'B']);
    expect(store.notice?.message).toMatch(
      /was damaged \(not valid JSON\); it was kept as .* and restored from the last good copy this app had read \(2 profile\(s\)\)$/,
    );
    expect(backups(dir)).toHaveLength(1);
    // The file itself is whole again, for the other processes too.
    expect(new ProfileStore({ configDir: dir }).list().map((p) => p.name)).toEqual(['A', 'B']);
  });

  it('from a pre-release build (format 0) is migrated, with a backup of the original', () => {
    const dir = tempDir();
    const { id: _id, ...old } = profile('x', 'Old');
    settingsFile(dir, JSON.stringify({ profiles: { x: old }, default: 'x' }));
    const store = new ProfileStore({ configDir: dir, now: () => NOW });
    expect(store.list().map((p) => [p.id, p.name])).toEqual([['x', 'Old']]);
    expect(store.defaultProfile()?.id).toBe('x');
    expect(store.notice).toBeUndefined();
    expect(backups(dir)).toHaveLength(1);
    expect((JSON.parse(readFileSync(store.path, 'utf8')) as { version: number }).version).toBe(1);
  });

  it('written by a newer version is refused and left alone', async () => {
    const dir = tempDir();
    const path = settingsFile(dir, JSON.stringify({ version: 99, profiles: [] }));
    const error = await expectAppError(
      Promise.resolve().then(() => new ProfileStore({ configDir: dir })),
      'INVALID_INPUT',
    );
    expect(error.message).toBe(
      `The settings file ${path} was written by a newer version of ThoughtSpot Session Manager (format 99); update the app to use it`,
    );
    expect(readFileSync(path, 'utf8')).toBe(JSON.stringify({ version: 99, profiles: [] }));
    expect(existsSync(`${path}.backup`)).toBe(false);
  });
});
