import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KeychainError } from '../../../electron/core/errors/index.js';
import {
  DEFAULT_SCRYPT,
  EncryptedFileStore,
  passphraseFrom,
  ProfileVault,
} from '../../../electron/core/secrets/index.js';
import { expectAppError, expectNoSecrets } from '../../support/expect-error.js';

// Small scrypt cost for speed; one test below uses the real default.
const scrypt = { N: 2 ** 10, r: 8, p: 1 };
const SECRET = 'correct horse battery staple 🐎';

let root: string;
let count = 0;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'tsm-secrets-file-'));
});
afterAll(() => rm(root, { recursive: true, force: true }));

function newPath(): string {
  count += 1;
  return join(root, `case-${count}`, 'secrets.enc');
}

/** A store whose passphrase question counts how often it is asked. */
function storeAt(path: string, passphrase = 'open sesame') {
  const asked = { count: 0 };
  const store = new EncryptedFileStore({
    path,
    scrypt,
    passphrase: () => {
      asked.count += 1;
      return Promise.resolve(passphrase);
    },
  });
  return { store, asked };
}

async function expectProblem(promise: Promise<unknown>, problem: string): Promise<KeychainError> {
  const error = (await expectAppError(promise, 'KEYCHAIN_UNAVAILABLE')) as KeychainError;
  expect(error.problem).toBe(problem);
  return error;
}

describe('the encrypted-file store', () => {
  it('round-trips across two store instances, asking the passphrase once per instance', async () => {
    const path = newPath();
    const first = storeAt(path);
    await first.store.set('prod/password', SECRET);
    await first.store.set('prod/token', '{"v":2}');
    await first.store.set('dev/password', 'other');
    expect(await first.store.delete('dev/password')).toBe(true);
    expect(await first.store.delete('dev/password')).toBe(false);
    expect(first.asked.count).toBe(1);

    const second = storeAt(path);
    expect(await second.store.get('prod/password')).toBe(SECRET);
    expect(await second.store.accounts()).toEqual(['prod/password', 'prod/token']);
    expect(await second.store.get('dev/password')).toBeUndefined();
    expect(second.asked.count).toBe(1);
    expect(second.store.describe()).toBe(`an encrypted file at ${path}`);
    expect(second.store.kind).toBe('encrypted-file');
  });

  it('writes a versioned, 0600 file holding neither the secret nor the account names', async () => {
    const path = newPath();
    const { store } = storeAt(path);
    await store.set('prod/password', SECRET);
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    const bytes = await readFile(path);
    for (const plain of [SECRET, 'prod/password', 'open sesame']) {
      expect(bytes.includes(Buffer.from(plain))).toBe(false);
      expect(bytes.includes(Buffer.from(plain).toString('base64'))).toBe(false);
    }
    const file = JSON.parse(bytes.toString()) as Record<string, unknown>;
    expect(file).toMatchObject({
      format: 'tsm-secrets',
      version: 1,
      cipher: 'aes-256-gcm',
      kdf: { name: 'scrypt', ...scrypt },
    });
    expect(Object.keys(file).sort()).toEqual([
      'cipher',
      'data',
      'format',
      'iv',
      'kdf',
      'tag',
      'version',
    ]);
    // Atomic writes leave no temporary files behind, and the cross-process lock is released.
    expect(await readdir(join(path, '..'))).toEqual(['locks', 'secrets.enc']);
    expect(await readdir(join(path, '..', 'locks'))).toEqual([]);
  });

  it('uses a fresh IV on every write and keeps the salt', async () => {
    const path = newPath();
    const { store } = storeAt(path);
    await store.set('a/password', 'one');
    const before = JSON.parse(await readFile(path, 'utf8')) as {
      iv: string;
      kdf: { salt: string };
    };
    await store.set('a/password', 'one');
    const after = JSON.parse(await readFile(path, 'utf8')) as { iv: string; kdf: { salt: string } };
    expect(after.iv).not.toBe(before.iv);
    expect(after.kdf.salt).toBe(before.kdf.salt);
  });

  it('refuses a wrong passphrase, and asks again on the next try', async () => {
    const path = newPath();
    await storeAt(path).store.set('prod/password', SECRET);
    const before = await readFile(path);
    const wrong = storeAt(path, 'not it');
    const error = await expectProblem(wrong.store.get('prod/password'), 'WRONG_PASSPHRASE');
    expect(error.message).toBe(
      `The passphrase does not open the secrets file at ${path}; try again`,
    );
    expectNoSecrets(error, [SECRET, 'not it']);
    await expectProblem(wrong.store.set('prod/password', 'overwrite'), 'WRONG_PASSPHRASE');
    expect(wrong.asked.count).toBe(2);
    expect(await readFile(path)).toEqual(before);
  });

  it.each([
    ['truncated', (text: string) => text.slice(0, text.length / 2), /not JSON/],
    [
      'with a flipped ciphertext byte',
      (text: string) => {
        const file = JSON.parse(text) as { data: string };
        const data = Buffer.from(file.data, 'base64');
        data[0] = (data[0] ?? 0) ^ 0xff;
        return JSON.stringify({ ...file, data: data.toString('base64') });
      },
      /fail the integrity check/,
    ],
    [
      'with its header gone',
      (text: string) => JSON.stringify({ ...(JSON.parse(text) as object), iv: undefined }),
      /header is incomplete/,
    ],
    ['not a secrets file', () => '{"hello":"world"}', /not a secrets file/],
  ])('detects a file %s as CORRUPT and never overwrites it', async (_label, damage, reason) => {
    const path = newPath();
    await storeAt(path).store.set('prod/password', SECRET);
    await writeFile(path, damage(await readFile(path, 'utf8')));
    const damaged = await readFile(path);

    const { store } = storeAt(path);
    const error = await expectProblem(store.get('prod/password'), 'CORRUPT');
    expect(error.message).toMatch(new RegExp(`^The secrets file at ${path} is damaged`));
    expect(error.message).toMatch(reason);
    expect(error.message).toMatch(/left as it is/);
    await expectProblem(store.set('prod/password', 'new'), 'CORRUPT');
    await expectProblem(store.delete('prod/password'), 'CORRUPT');
    expect(await readFile(path)).toEqual(damaged);
  });

  it('reports a file from a newer version rather than calling it damaged', async () => {
    const path = newPath();
    await storeAt(path).store.set('prod/password', SECRET);
    const file = JSON.parse(await readFile(path, 'utf8')) as object;
    await writeFile(path, JSON.stringify({ ...file, version: 2 }));
    const error = await expectProblem(storeAt(path).store.get('prod/password'), 'CORRUPT');
    expect(error.message).toMatch(/written by a newer version of the app/);
  });

  it('needs no passphrase while there is no file', async () => {
    const { store, asked } = storeAt(newPath());
    expect(await store.get('prod/password')).toBeUndefined();
    expect(await store.accounts()).toEqual([]);
    expect(await store.delete('prod/password')).toBe(false);
    expect(asked.count).toBe(0);
  });

  it('keeps every change made at the same time within a process', async () => {
    const path = newPath();
    const { store } = storeAt(path);
    await Promise.all(['a', 'b', 'c', 'd'].map((id) => store.set(`${id}/password`, `pw-${id}`)));
    expect(await storeAt(path).store.accounts()).toEqual([
      'a/password',
      'b/password',
      'c/password',
      'd/password',
    ]);
  });

  it('reports WRITE_FAILED when the file cannot be written', async () => {
    // /proc reads as "no such file" and refuses to create one: a real write failure, even as root.
    const { store } = storeAt('/proc/self/tsm-secrets.enc');
    const error = await expectProblem(store.set('prod/password', SECRET), 'WRITE_FAILED');
    expect(error.message).toBe(
      'The secrets file at /proc/self/tsm-secrets.enc could not be written (ENOENT); ' +
        'nothing was changed',
    );
    expectNoSecrets(error, [SECRET]);
  });

  it('says when the file cannot be read, without calling it damaged', async () => {
    const blocker = join(root, 'a-file');
    await writeFile(blocker, 'not a directory');
    const { store } = storeAt(join(blocker, 'secrets.enc'));
    const error = await expectProblem(store.get('prod/password'), 'UNKNOWN');
    expect(error.message).toMatch(/could not be read \(ENOTDIR\)/);
  });

  it('works under the vault like the keychain does', async () => {
    const vault = new ProfileVault(storeAt(newPath()).store);
    await vault.setPassword('prod', SECRET);
    await vault.setCookies('prod', 'jar');
    expect(await vault.entries('prod')).toEqual(['password', 'cookies']);
    await vault.removeProfile('prod');
    expect(await vault.entries('prod')).toEqual([]);
  });

  it('opens with the default scrypt cost (N=2^17, r=8, p=1)', async () => {
    const path = newPath();
    const options = { path, passphrase: () => Promise.resolve('pw-default-cost') };
    await new EncryptedFileStore(options).set('prod/password', SECRET);
    expect(await new EncryptedFileStore(options).get('prod/password')).toBe(SECRET);
    const file = JSON.parse(await readFile(path, 'utf8')) as { kdf: object };
    expect(file.kdf).toMatchObject(DEFAULT_SCRYPT);
    expect(DEFAULT_SCRYPT).toEqual({ N: 2 ** 17, r: 8, p: 1 });
  });
});

describe('where the passphrase comes from', () => {
  it('prefers TSM_SECRETS_PASSPHRASE, for headless use', async () => {
    let asked = 0;
    const prompt = () => {
      asked += 1;
      return Promise.resolve('typed');
    };
    expect(await passphraseFrom({ TSM_SECRETS_PASSPHRASE: 'from-env' }, prompt)()).toBe('from-env');
    expect(asked).toBe(0);
    expect(await passphraseFrom({}, prompt)()).toBe('typed');
    expect(await passphraseFrom({ TSM_SECRETS_PASSPHRASE: '' }, prompt)()).toBe('typed');
  });

  it('is NO_PASSPHRASE when nothing is given, and the store asks again next time', async () => {
    await expectProblem(passphraseFrom({})(), 'NO_PASSPHRASE');
    const error = await expectProblem(
      passphraseFrom({}, () => Promise.resolve(''))(),
      'NO_PASSPHRASE',
    );
    expect(error.message).toMatch(/set TSM_SECRETS_PASSPHRASE or enter it when asked/);

    const answers = ['', 'second answer'];
    const store = new EncryptedFileStore({
      path: newPath(),
      scrypt,
      passphrase: passphraseFrom({}, () => Promise.resolve(answers.shift() ?? '')),
    });
    await expectProblem(store.set('prod/password', SECRET), 'NO_PASSPHRASE');
    await store.set('prod/password', SECRET);
    expect(await store.get('prod/password')).toBe(SECRET);
  });
});
