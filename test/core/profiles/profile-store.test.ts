import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ProfileStore, type ProfileInput } from '../../../electron/core/profiles/index.js';
import { expectAppError } from '../../support/expect-error.js';
import { useTempDir } from '../../support/temp-dir.js';

const tempDir = useTempDir();
const prod: ProfileInput = {
  name: 'Prod',
  url: 'https://prod.example.com/#/home',
  username: 'tsadmin',
};

async function throws(work: () => unknown): Promise<Error> {
  return expectAppError(Promise.resolve().then(work), 'INVALID_INPUT');
}

describe('profile store', () => {
  it('adds a profile with defaults, normalized URL, and makes the first one the default', async () => {
    const store = new ProfileStore({ configDir: tempDir(), now: () => 1000 });
    const added = await store.add(prod);
    expect(added).toEqual({
      id: expect.any(String) as unknown,
      name: 'Prod',
      url: 'https://prod.example.com',
      username: 'tsadmin',
      auth: 'password',
      dialect: 'auto',
      tls: { insecure: false },
      validitySeconds: 3600,
      autoRenew: true,
      createdAt: 1000,
    });
    expect(store.defaultProfile()?.id).toBe(added.id);
    expect(store.get('prod').id).toBe(added.id);
    const onDisk = JSON.parse(readFileSync(store.path, 'utf8')) as {
      version: number;
      profiles: unknown[];
    };
    expect(onDisk.version).toBe(1);
    expect(onDisk.profiles).toHaveLength(1);
  });

  it('two stores on one directory see each other (the window and the terminal)', async () => {
    const dir = tempDir();
    const app = new ProfileStore({ configDir: dir });
    const cli = new ProfileStore({ configDir: dir });
    await cli.add(prod);
    expect(app.list().map((p) => p.name)).toEqual(['Prod']);
  });

  it('renaming keeps the id (so the keychain entries stay), and a URL change forgets the detected dialect', async () => {
    const store = new ProfileStore({ configDir: tempDir() });
    const added = await store.add(prod);
    await store.note(added.id, { detectedDialect: 'C' });
    const renamed = await store.update(added.id, { ...prod, name: 'Production' });
    expect(renamed.id).toBe(added.id);
    expect(renamed.detectedDialect).toBe('C');
    const moved = await store.update(added.id, {
      ...prod,
      name: 'Production',
      url: 'https://other.example.com',
    });
    expect(moved.detectedDialect).toBeUndefined();
  });

  it('keeps the org when an update leaves it out, and clears it when asked with null', async () => {
    const store = new ProfileStore({ configDir: tempDir() });
    const added = await store.add({ ...prod, org: 2 });
    expect((await store.update(added.id, { ...prod })).org).toBe(2);
    const cleared = await store.update(added.id, { ...prod, org: null });
    expect(cleared.org).toBeUndefined();
    expect(store.get(added.id).org).toBeUndefined();
    expect(readFileSync(store.path, 'utf8')).not.toMatch(/"org"/);
  });

  it('removes a profile and moves the default to another one', async () => {
    const store = new ProfileStore({ configDir: tempDir() });
    const a = await store.add(prod);
    const b = await store.add({ ...prod, name: 'Staging' });
    await store.setDefault(a.id);
    await store.remove(a.id);
    expect(store.list().map((p) => p.name)).toEqual(['Staging']);
    expect(store.defaultProfile()?.id).toBe(b.id);
  });

  it.each([
    ['A profile named "Prod" already exists; choose another name', { ...prod, name: 'PROD' }],
    [
      'The cluster URL needs a scheme: https://prod.example.com (or http:// for a local test cluster)',
      { ...prod, name: 'New', url: 'prod.example.com' },
    ],
    [
      'Dialect A has no trusted authentication; choose B, C or auto for a secret key',
      { ...prod, name: 'New', auth: 'secret-key', dialect: 'A' },
    ],
    [
      'Token validity must be a whole number of seconds from 60 to 31536000',
      { ...prod, name: 'New', validitySeconds: 5 },
    ],
    [
      'The org must be a whole number, such as 0 for the primary org',
      { ...prod, name: 'New', org: -1 },
    ],
    ['The profile name contains line breaks or control characters', { ...prod, name: 'a\nb' }],
    [
      'The username is longer than 256 characters',
      { ...prod, name: 'New', username: 'x'.repeat(300) },
    ],
    [
      'The CA file /nonexistent/ca.pem does not exist',
      { ...prod, name: 'New', tls: { caFile: '/nonexistent/ca.pem' } },
    ],
    [
      'The CA file path must be absolute: relative/ca.pem',
      { ...prod, name: 'New', tls: { caFile: 'relative/ca.pem' } },
    ],
  ] as [string, ProfileInput][])('refuses with "%s", storing nothing', async (message, input) => {
    const store = new ProfileStore({ configDir: tempDir() });
    await store.add(prod);
    const before = readFileSync(store.path, 'utf8');
    const error = await throws(() => store.add(input));
    expect(error.message).toBe(message);
    expect(readFileSync(store.path, 'utf8')).toBe(before);
  });

  it('checks that a CA file holds a certificate', async () => {
    const dir = tempDir();
    const notPem = join(dir, 'ca.pem');
    writeFileSync(notPem, 'hello');
    const store = new ProfileStore({ configDir: dir });
    const error = await throws(() => store.add({ ...prod, tls: { caFile: notPem } }));
    expect(error.message).toBe(
      `The CA file ${notPem} holds no PEM certificate (-----BEGIN CERTIFICATE-----)`,
    );
  });

  it('says which profile is missing', async () => {
    const store = new ProfileStore({ configDir: tempDir() });
    const error = await throws(() => store.get('nope'));
    expect(error.message).toBe('There is no profile named "nope"');
  });

  it('the JSON schema guards the file: conf refuses to write a broken profile', async () => {
    const store = new ProfileStore({ configDir: tempDir() });
    await store.add(prod);
    const before = readFileSync(store.path, 'utf8');
    // Bypass validation on purpose: note() writes what it is given.
    await expect(store.note(store.list()[0]?.id ?? '', { lastUsedAt: -5 })).rejects.toThrow(
      /schema/i,
    );
    expect(readFileSync(store.path, 'utf8')).toBe(before);
  });
});
