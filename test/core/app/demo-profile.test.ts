// The demo profiles follow each run's emulator port, and so do their duplicates; a duplicate
// starts signed out, whatever the original was.
import { describe, expect, it } from 'vitest';
import { ensureDemoProfile } from '../../../electron/core/app/demo-profile.js';
import { ProfileStore } from '../../../electron/core/profiles/index.js';
import { useTempDir } from '../../support/temp-dir.js';

const tempDir = useTempDir();

describe('duplicates of the demo profile', () => {
  it('follow the emulator to its new port, and profiles elsewhere stay as they are', async () => {
    const store = new ProfileStore({ configDir: tempDir() });
    await ensureDemoProfile(store, 'http://127.0.0.1:1111');
    await store.duplicate('Demo cluster');
    const renamed = await store.duplicate('Demo cluster (SSO)');
    await store.update(renamed.id, { name: 'My SSO try', url: renamed.url, username: '' });
    await store.add({ name: 'Prod', url: 'https://prod.example.com', username: 'me' });
    await store.add({ name: 'Other local', url: 'http://127.0.0.1:3333', username: 'me' });

    await ensureDemoProfile(store, 'http://127.0.0.1:2222');
    expect(store.list().map((p) => [p.name, p.url])).toEqual([
      ['Demo cluster', 'http://127.0.0.1:2222'],
      ['Demo cluster (SSO)', 'http://127.0.0.1:2222'],
      ['Demo cluster (copy)', 'http://127.0.0.1:2222'],
      ['My SSO try', 'http://127.0.0.1:2222'],
      ['Prod', 'https://prod.example.com'],
      ['Other local', 'http://127.0.0.1:3333'],
    ]);
  });
});
