import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ensureDemoProfile } from '../../../electron/core/app/demo-profile.js';
import { DEFAULT_PREFERENCES, PreferencesFile } from '../../../electron/core/app/preferences.js';
import { ProfileStore } from '../../../electron/core/profiles/index.js';
import { useTempDir } from '../../support/temp-dir.js';

const tempDir = useTempDir();

describe('preferences', () => {
  it('defaults, updates, and reads a damaged file as the defaults', () => {
    const dir = tempDir();
    const file = new PreferencesFile(dir);
    expect(file.read()).toEqual(DEFAULT_PREFERENCES);
    expect(file.update({ revokeOnQuit: true }).revokeOnQuit).toBe(true);
    expect(JSON.parse(readFileSync(join(dir, 'preferences.json'), 'utf8'))).toMatchObject({
      revokeOnQuit: true,
    });
    writeFileSync(join(dir, 'preferences.json'), '{"clipboardClearSeconds": "soon"');
    expect(file.read()).toEqual(DEFAULT_PREFERENCES);
  });
});

describe('the demo profile', () => {
  it('is added only when there is no profile, with its SSO twin, and follows the emulator port', async () => {
    const store = new ProfileStore({ configDir: tempDir() });
    await ensureDemoProfile(store, 'http://127.0.0.1:1111');
    expect(store.list().map((p) => [p.name, p.url, p.username, p.auth])).toEqual([
      ['Demo cluster', 'http://127.0.0.1:1111', 'tsadmin', 'password'],
      ['Demo cluster (SSO)', 'http://127.0.0.1:1111', '', 'saml'],
    ]);
    await ensureDemoProfile(store, 'http://127.0.0.1:2222');
    expect(store.get('Demo cluster').url).toBe('http://127.0.0.1:2222');
    expect(store.get('Demo cluster (SSO)').url).toBe('http://127.0.0.1:2222');

    const mine = new ProfileStore({ configDir: tempDir() });
    await mine.add({ name: 'Prod', url: 'https://prod.example.com', username: 'me' });
    await ensureDemoProfile(mine, 'http://127.0.0.1:1111');
    expect(mine.list().map((p) => p.name)).toEqual(['Prod']);
  });
});
