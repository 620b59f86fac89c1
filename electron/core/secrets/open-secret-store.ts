import { join } from 'node:path';
import { KeychainError, type KeychainProblem } from '../errors/index.js';
import { EncryptedFileStore } from './encrypted-file-store.js';
import { KeytarStore, keychainService, type KeytarApi } from './keytar-store.js';
import { passphraseFrom } from './passphrase.js';
import type { SecretStore } from './secret-store.js';
import type { ScryptParams } from './secrets-file.js';

export const SECRETS_FILE_NAME = 'secrets.enc';

export interface OpenSecretStoreOptions {
  configDir: string;
  /** The person chose it: used when the keychain cannot be reached at all. */
  fallback?: 'encrypted-file';
  /** Asked once, only if the encrypted file is used; default: TSM_SECRETS_PASSPHRASE only. */
  passphrase?: () => Promise<string>;
  /** Default: TSM_KEYCHAIN_SERVICE, else "ThoughtSpot Session Manager". */
  service?: string;
  env?: NodeJS.ProcessEnv;
  loadKeytar?: () => Promise<KeytarApi>;
  scrypt?: ScryptParams;
}

/** Problems that mean "there is no keychain here"; a locked or refused one is never bypassed. */
const UNREACHABLE: ReadonlySet<KeychainProblem> = new Set([
  'NO_DBUS',
  'NO_SECRET_SERVICE',
  'NATIVE_MODULE',
]);

/** True when there is no keychain here at all: the one case the encrypted file may stand in. */
export function keychainIsUnreachable(problem: KeychainProblem): boolean {
  return UNREACHABLE.has(problem);
}

/**
 * The keychain, checked with one harmless read. The encrypted file is used only when the caller
 * asked for it and the keychain cannot be reached; otherwise the KeychainError is thrown as is,
 * so secrets never land somewhere the person did not choose. Show `describe()` to say where.
 */
export async function openSecretStore(options: OpenSecretStoreOptions): Promise<SecretStore> {
  const env = options.env ?? process.env;
  const keychain = new KeytarStore({
    service: options.service ?? keychainService(env),
    env,
    ...(options.loadKeytar === undefined ? {} : { load: options.loadKeytar }),
  });
  try {
    await keychain.probe();
    return keychain;
  } catch (error) {
    const unreachable = error instanceof KeychainError && keychainIsUnreachable(error.problem);
    if (options.fallback !== 'encrypted-file' || !unreachable) throw error;
    return new EncryptedFileStore({
      path: join(options.configDir, SECRETS_FILE_NAME),
      passphrase: options.passphrase ?? passphraseFrom(env),
      ...(options.scrypt === undefined ? {} : { scrypt: options.scrypt }),
    });
  }
}
