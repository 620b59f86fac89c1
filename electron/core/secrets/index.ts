export type { SecretStore } from './secret-store.js';
export {
  KeytarStore,
  keychainService,
  loadKeytar,
  DEFAULT_SERVICE,
  type KeytarApi,
  type KeytarStoreOptions,
} from './keytar-store.js';
export { keychainErrorFrom, type KeychainErrorContext } from './keychain-errors.js';
export { EncryptedFileStore, type EncryptedFileStoreOptions } from './encrypted-file-store.js';
export { DEFAULT_SCRYPT, type ScryptParams } from './secrets-file.js';
export { passphraseFrom, PASSPHRASE_ENV } from './passphrase.js';
export { ProfileVault, SECRET_KINDS, type SecretKind } from './vault.js';
export { TOKEN_FORMAT, type StoredToken, type TokenOwner } from './stored-token.js';
export {
  keychainIsUnreachable,
  openSecretStore,
  SECRETS_FILE_NAME,
  type OpenSecretStoreOptions,
} from './open-secret-store.js';
export {
  ChangeStamp,
  STAMP_FILE_NAME,
  sameGeneration,
  nextGeneration,
  type Generation,
} from './change-stamp.js';
export {
  CachingSecretStore,
  DEFAULT_MAX_AGE_MS,
  type CachingStoreOptions,
} from './caching-store.js';
export { StampedSecretStore } from './stamped-store.js';
