import { describe, expect, it } from 'vitest';
import {
  exportProfiles,
  importProfiles,
  ProfileStore,
} from '../../../electron/core/profiles/index.js';
import { useTempDir } from '../../support/temp-dir.js';

const tempDir = useTempDir();

describe('import and export', () => {
  it('exports settings only, and imports them into another setup', async () => {
    const source = new ProfileStore({ configDir: tempDir() });
    const added = await source.add({
      name: 'Prod',
      url: 'https://prod.example.com',
      username: 'tsadmin',
      org: 1,
      dialect: 'C',
    });
    await source.note(added.id, { detectedDialect: 'C', lastUsedAt: 5 });
    const text = exportProfiles(source.list());
    expect(text).not.toContain(added.id);
    expect(JSON.parse(text)).toEqual({
      format: 'tsm-profiles',
      version: 1,
      profiles: [
        {
          name: 'Prod',
          url: 'https://prod.example.com',
          username: 'tsadmin',
          auth: 'password',
          dialect: 'C',
          org: 1,
          tls: { insecure: false },
          validitySeconds: 3600,
          autoRenew: true,
        },
      ],
    });
    const target = new ProfileStore({ configDir: tempDir() });
    expect(await importProfiles(text, target)).toEqual({
      added: ['Prod'],
      skipped: [],
      warnings: [],
    });
    expect(target.get('Prod')).toMatchObject({
      url: 'https://prod.example.com',
      org: 1,
      dialect: 'C',
    });
  });

  it('reports what it skipped and why, and never imports a secret', async () => {
    const store = new ProfileStore({ configDir: tempDir() });
    await store.add({ name: 'Existing', url: 'https://a.example.com', username: 'u' });
    const text = JSON.stringify({
      format: 'tsm-profiles',
      version: 1,
      profiles: [
        { name: 'Existing', url: 'https://a.example.com', username: 'u' },
        { name: 'Leaky', url: 'https://a.example.com', username: 'u', password: 'hunter2' },
        { name: 'NoUrl', username: 'u' },
        { name: 'BadUrl', url: 'javascript:alert(1)', username: 'u' },
        { name: 'Fine', url: 'https://b.example.com/', username: 'v' },
      ],
    });
    expect(await importProfiles(text, store)).toEqual({
      added: ['Fine'],
      skipped: [
        {
          name: 'Leaky',
          reason: 'it contains a secret; profiles are imported without secrets only',
        },
        { name: 'NoUrl', reason: '"url" is missing or has the wrong type' },
        {
          name: 'Existing',
          reason: 'A profile named "Existing" already exists; choose another name',
        },
        {
          name: 'BadUrl',
          reason: 'The cluster URL must start with https:// or http://, not javascript:',
        },
      ],
      warnings: [],
    });
    expect(JSON.stringify(store.list())).not.toContain('hunter2');
  });

  it.each([
    ['not json', 'The import file is not valid JSON'],
    [
      '{"profiles":[]}',
      'The import file is not a profile export (expected "format": "tsm-profiles" and a "profiles" list)',
    ],
  ])('refuses %j as a whole', async (text, message) => {
    const store = new ProfileStore({ configDir: tempDir() });
    await expect(importProfiles(text, store)).rejects.toThrow(message);
    expect(store.list()).toEqual([]);
  });
});
