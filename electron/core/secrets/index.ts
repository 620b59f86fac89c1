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
export { DEFAULT_SCRYPT, MIN_SCRYPT_N, type ScryptParams } from './secrets-file.js';
export {
  checkNewPassphrase,
  checkPassphrase,
  MIN_NEW_PASSPHRASE_LENGTH,
  newPassphraseProblem,
  passphraseFrom,
  PASSPHRASE_ENV,
} from './passphrase.js';
export { secretsPlace } from './secret-store.js';
export { type Binding } from './bound-secret.js';
export {
  ProfileVault,
  SECRET_KINDS,
  type SecretKind,
  type SecretOwner,
  type Who,
} from './vault.js';
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
