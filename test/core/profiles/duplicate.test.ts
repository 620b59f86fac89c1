import { describe, expect, it } from 'vitest';
import { ProfileStore } from '../../../electron/core/profiles/index.js';
import { useTempDir } from '../../support/temp-dir.js';

const tempDir = useTempDir();

describe('duplicating a profile', () => {
  it('copies every setting under a new id and the name "<name> (copy)"', async () => {
    const store = new ProfileStore({ configDir: tempDir(), now: () => 1000 });
    const original = await store.add({
      name: 'Prod',
      url: 'https://prod.example.com',
      username: 'tsadmin',
      auth: 'secret-key',
      org: 1,
      dialect: 'C',
      validitySeconds: 600,
      autoRenew: false,
    });
    const copy = await store.duplicate(original.id);
    const { id, name, ...settings } = copy;
    expect(id).not.toBe(original.id);
    expect(name).toBe('Prod (copy)');
    const { id: _id, name: _name, ...originalSettings } = original;
    expect(settings).toEqual(originalSettings);
    expect(store.list().map((p) => p.name)).toEqual(['Prod', 'Prod (copy)']);
  });

  it('takes the first free "(copy N)" name, ignoring case, and finds the original by name too', async () => {
    const store = new ProfileStore({ configDir: tempDir() });
    await store.add({ name: 'Prod', url: 'https://prod.example.com', username: 'me' });
    await store.add({ name: 'prod (COPY)', url: 'https://prod.example.com', username: 'me' });
    expect((await store.duplicate('Prod')).name).toBe('Prod (copy 2)');
    expect((await store.duplicate('Prod')).name).toBe('Prod (copy 3)');
  });

  it('cuts the copy of a long name to the 64 characters a name may have', async () => {
    const store = new ProfileStore({ configDir: tempDir() });
    const long = await store.add({
      name: 'N'.repeat(60),
      url: 'https://prod.example.com',
      username: 'me',
    });
    const copy = await store.duplicate(long.id);
    expect(copy.name).toBe(`${'N'.repeat(60)} (co`);
    expect(copy.name).toHaveLength(64);
  });
});
