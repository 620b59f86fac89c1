import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KeychainError } from '../../../electron/core/errors/index.js';
import {
  checkNewPassphrase,
  EncryptedFileStore,
  MIN_NEW_PASSPHRASE_LENGTH,
  newPassphraseProblem,
  passphraseFrom,
  type ScryptParams,
} from '../../../electron/core/secrets/index.js';
import {
  deriveKey,
  encryptEntries,
  keyCheck,
  newKdf,
} from '../../../electron/core/secrets/secrets-file.js';
import { expectAppError } from '../../support/expect-error.js';

const run = promisify(execFile);
const FAST: ScryptParams = { N: 2 ** 10, r: 8, p: 1 };
const WRITER = 'test/core/secrets/support/file-store-writer.ts';

let root: string;
let count = 0;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'tsm-secrets-hard-'));
});
afterAll(() => rm(root, { recursive: true, force: true }));

function newPath(): string {
  count += 1;
  return join(root, `case-${count}`, 'secrets.enc');
}

function storeAt(path: string, passphrase: string, scrypt?: ScryptParams): EncryptedFileStore {
  return new EncryptedFileStore({
    path,
    passphrase: () => Promise.resolve(passphrase),
    ...(scrypt ? { scrypt } : {}),
  });
}

async function expectProblem(promise: Promise<unknown>, problem: string): Promise<KeychainError> {
  const error = (await expectAppError(promise, 'KEYCHAIN_UNAVAILABLE')) as KeychainError;
  expect(error.problem).toBe(problem);
  return error;
}

async function kdfOf(path: string): Promise<{ N: number; r: number; p: number; salt: string }> {
  return (
    JSON.parse(await readFile(path, 'utf8')) as {
      kdf: { N: number; r: number; p: number; salt: string };
    }
  ).kdf;
}

function writer(path: string, prefix: string, n: number, toDelete?: string) {
  const args = ['--import', 'tsx', WRITER, path, prefix, String(n)];
  return run(process.execPath, toDelete === undefined ? args : [...args, toDelete]);
}

describe('the encrypted file across processes', () => {
  it('parallel writers in three processes lose no entry', async () => {
    const path = newPath();
    await storeAt(path, 'open sesame', FAST).set('seed/0', 'seed');
    await Promise.all(['a', 'b', 'c'].map((prefix) => writer(path, prefix, 8)));
    const accounts = await storeAt(path, 'open sesame', FAST).accounts();
    expect(accounts).toHaveLength(1 + 3 * 8);
    for (const prefix of ['a', 'b', 'c']) expect(accounts).toContain(`${prefix}/7`);
  }, 60_000);

  it('a delete reported done stays done while another process keeps writing', async () => {
    const path = newPath();
    const here = storeAt(path, 'open sesame', FAST);
    await here.set('prod/token', 'tok-1');
    const busy = writer(path, 'other', 10);
    expect(await here.delete('prod/token')).toBe(true);
    await busy;
    expect(await storeAt(path, 'open sesame', FAST).get('prod/token')).toBeUndefined();
  }, 60_000);
});

describe('passphrase rules', () => {
  it('refuses an empty passphrase, whoever supplies it', async () => {
    await expectProblem(storeAt(newPath(), '', FAST).set('prod/password', 'pw'), 'NO_PASSPHRASE');
    const path = newPath();
    await storeAt(path, 'long enough', FAST).set('prod/password', 'pw');
    await expectProblem(storeAt(path, '', FAST).get('prod/password'), 'NO_PASSPHRASE');
  });

  it(`a new file needs at least ${MIN_NEW_PASSPHRASE_LENGTH} characters; nothing is written otherwise`, async () => {
    const path = newPath();
    const error = await expectProblem(
      storeAt(path, 'short', FAST).set('a/b', 'v'),
      'NO_PASSPHRASE',
    );
    expect(error.message).toMatch(/at least 8 characters/);
    await expect(readFile(path)).rejects.toMatchObject({ code: 'ENOENT' });
    expect(newPassphraseProblem('1234567')).toMatch(/at least 8/);
    expect(newPassphraseProblem('12345678')).toBeUndefined();
    expect(checkNewPassphrase('12345678')).toBe('12345678');
    await expectProblem(passphraseFrom({}, () => Promise.resolve(''))(), 'NO_PASSPHRASE');
  });

  it('an existing file opens with its own passphrase, however short', async () => {
    // As an older version made it, when any length was accepted.
    const path = newPath();
    const fresh = newKdf(FAST);
    const key = await deriveKey('pw', Buffer.from(fresh.salt, 'base64'), fresh);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, encryptEntries({ 'a/b': 'v' }, key, { ...fresh, check: keyCheck(key) }));
    const store = storeAt(path, 'pw', FAST);
    expect(await store.get('a/b')).toBe('v');
    await store.set('a/c', 'w');
    expect(await storeAt(path, 'pw', FAST).accounts()).toEqual(['a/b', 'a/c']);
  });
});

describe('key derivation', () => {
  it('refuses a file below N=2^14 in production, with a clear message, and leaves it as it is', async () => {
    const path = newPath();
    await storeAt(path, 'open sesame', FAST).set('prod/password', 'pw');
    const before = await readFile(path, 'utf8');
    const error = await expectProblem(storeAt(path, 'open sesame').get('prod/password'), 'CORRUPT');
    expect(error.message).toMatch(/too weak to trust \(scrypt N=1024, below 16384\)/);
    expect(await readFile(path, 'utf8')).toBe(before);
  });

  it('upgrades a weaker file to the current parameters on the next write', async () => {
    const path = newPath();
    await storeAt(path, 'open sesame', { N: 2 ** 14, r: 8, p: 1 }).set('prod/password', 'pw');
    const old = await kdfOf(path);
    const current = storeAt(path, 'open sesame', { N: 2 ** 15, r: 8, p: 1 });
    expect(await current.get('prod/password')).toBe('pw');
    expect((await kdfOf(path)).N).toBe(2 ** 14); // reading changes nothing
    await current.set('prod/token', 'tok');
    const upgraded = await kdfOf(path);
    expect(upgraded).toMatchObject({ N: 2 ** 15, r: 8, p: 1 });
    expect(upgraded.salt).not.toBe(old.salt);
    expect(
      await storeAt(path, 'open sesame', { N: 2 ** 15, r: 8, p: 1 }).get('prod/password'),
    ).toBe('pw');
  });
});
