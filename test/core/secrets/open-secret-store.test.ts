import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KeychainError } from '../../../electron/core/errors/index.js';
import {
  EncryptedFileStore,
  KeytarStore,
  loadKeytar,
  openSecretStore,
} from '../../../electron/core/secrets/index.js';
import { expectAppError } from '../../support/expect-error.js';
import { clearService, requireKeyring, uniqueService } from './support/keyring.js';

const service = uniqueService('open');
const scrypt = { N: 2 ** 10, r: 8, p: 1 };
const missingKeytar = () => loadKeytar('keytar-missing-for-this-test');
let configDir: string;

beforeAll(async () => {
  requireKeyring();
  configDir = await mkdtemp(join(tmpdir(), 'tsm-open-'));
});
afterAll(async () => {
  await clearService(service);
  await rm(configDir, { recursive: true, force: true });
});

describe('openSecretStore', () => {
  it('opens the keychain by default, under the given service', async () => {
    const store = await openSecretStore({ configDir, service });
    expect(store).toBeInstanceOf(KeytarStore);
    expect(store.describe()).toBe('the OS keychain (Secret Service)');
    await store.set('prod/password', 'pw');
    expect(await (await loadKeytar()).getPassword(service, 'prod/password')).toBe('pw');
    await store.delete('prod/password');
  });

  it('takes the service from TSM_KEYCHAIN_SERVICE', async () => {
    const store = await openSecretStore({ configDir, env: { TSM_KEYCHAIN_SERVICE: service } });
    expect((store as KeytarStore).service).toBe(service);
  });

  it('keeps using a reachable keychain even when the fallback was chosen', async () => {
    const store = await openSecretStore({ configDir, service, fallback: 'encrypted-file' });
    expect(store.kind).toBe('keychain');
    expect(await readdir(configDir)).toEqual([]);
  });

  it('throws the KeychainError as is when the keychain is unusable and no fallback was chosen', async () => {
    const error = (await expectAppError(
      openSecretStore({ configDir, service, loadKeytar: missingKeytar }),
      'KEYCHAIN_UNAVAILABLE',
    )) as KeychainError;
    expect(error.problem).toBe('NATIVE_MODULE');
    expect(await readdir(configDir)).toEqual([]);
  });

  it('uses <configDir>/secrets.enc only when the fallback was chosen', async () => {
    const store = await openSecretStore({
      configDir,
      service,
      fallback: 'encrypted-file',
      loadKeytar: missingKeytar,
      passphrase: () => Promise.resolve('chosen passphrase'),
      scrypt,
    });
    expect(store).toBeInstanceOf(EncryptedFileStore);
    expect(store.describe()).toBe(`an encrypted file at ${join(configDir, 'secrets.enc')}`);
    await store.set('prod/password', 'pw');
    expect(await readdir(configDir)).toEqual(['locks', 'secrets.enc']); // locks/: the file's cross-process lock
    expect(await readdir(join(configDir, 'locks'))).toEqual([]);
  });

  it('reads the fallback passphrase from TSM_SECRETS_PASSPHRASE when no prompt is given', async () => {
    const options = {
      configDir,
      service,
      fallback: 'encrypted-file',
      loadKeytar: missingKeytar,
      scrypt,
    } as const;
    const unlocked = await openSecretStore({
      ...options,
      env: { TSM_SECRETS_PASSPHRASE: 'chosen passphrase' },
    });
    expect(await unlocked.get('prod/password')).toBe('pw');
    const noPassphrase = await openSecretStore({ ...options, env: {} });
    const error = (await expectAppError(
      noPassphrase.get('prod/password'),
      'KEYCHAIN_UNAVAILABLE',
    )) as KeychainError;
    expect(error.problem).toBe('NO_PASSPHRASE');
  });
});
