import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { isAppError, KeychainError, type KeychainProblem } from '../errors/index.js';
import {
  CachingSecretStore,
  ChangeStamp,
  checkNewPassphrase,
  checkPassphrase,
  EncryptedFileStore,
  keychainIsUnreachable,
  openSecretStore,
  SECRETS_FILE_NAME,
  secretsPlace,
  type SecretStore,
} from '../secrets/index.js';

/** Where secrets live now, or why they cannot be reached and what the person may do about it. */
export interface SecretsStatus {
  location?: string;
  /** How the window names where secrets go ("the keychain", "the encrypted secrets file"); always set. */
  place?: string;
  problem?: {
    code: 'KEYCHAIN_UNAVAILABLE';
    cause: KeychainProblem;
    message: string;
    /** Offered only when there is no keychain at all; a locked one is unlocked, never bypassed. */
    canUseEncryptedFile: boolean;
  };
}

/**
 * The app's SecretStore: the keychain, opened on first use; when it cannot be reached, every call
 * fails with the specific KeychainError until the person opts in to the encrypted file. Whichever
 * store is used is kept in memory in front (CachingSecretStore), a fresh memory per store.
 */
export class SecretsController implements SecretStore {
  #active: Promise<SecretStore> | undefined;
  #problem: KeychainError | undefined;
  #kind: SecretStore['kind'] = 'keychain';
  readonly #stamp: ChangeStamp;

  constructor(private readonly options: { configDir: string; env: NodeJS.ProcessEnv }) {
    this.#stamp = new ChangeStamp(options.configDir);
  }

  get kind(): SecretStore['kind'] {
    return this.#kind;
  }

  /** The change stamp this process bumps after each of its writes (watched for others' writes). */
  get stamp(): ChangeStamp {
    return this.#stamp;
  }

  describe(): string {
    return this.#kind === 'keychain'
      ? 'the OS keychain'
      : `an encrypted file at ${join(this.options.configDir, SECRETS_FILE_NAME)}`;
  }

  async status(): Promise<SecretsStatus> {
    try {
      const store = await this.#store();
      return { location: store.describe(), place: secretsPlace(store.kind) };
    } catch (error) {
      if (!(error instanceof KeychainError)) throw error;
      return {
        place: secretsPlace(this.#kind),
        problem: {
          code: 'KEYCHAIN_UNAVAILABLE',
          cause: error.problem,
          message: error.message,
          canUseEncryptedFile: keychainIsUnreachable(error.problem),
        },
      };
    }
  }

  /**
   * The person's explicit choice: secrets in a file encrypted under their passphrase. Never an
   * empty one; a file that does not exist yet only under one of 8+ characters (checked now, not
   * at the first sign-in, which would fail after the window said all was well).
   */
  async useEncryptedFile(passphrase: string): Promise<SecretsStatus> {
    const path = join(this.options.configDir, SECRETS_FILE_NAME);
    if (existsSync(path)) checkPassphrase(passphrase);
    else checkNewPassphrase(passphrase);
    const store = new EncryptedFileStore({ path, passphrase: () => Promise.resolve(passphrase) });
    await store.accounts(); // a wrong passphrase or a damaged file fails here, before anything is used
    this.#active = Promise.resolve(this.#cached(store));
    this.#kind = 'encrypted-file';
    this.#problem = undefined;
    return { location: store.describe(), place: secretsPlace(store.kind) };
  }

  async get(account: string): Promise<string | undefined> {
    return (await this.#store()).get(account);
  }

  async set(account: string, value: string): Promise<void> {
    return (await this.#store()).set(account, value);
  }

  async delete(account: string): Promise<boolean> {
    return (await this.#store()).delete(account);
  }

  async accounts(): Promise<string[]> {
    return (await this.#store()).accounts();
  }

  #store(): Promise<SecretStore> {
    if (this.#problem) {
      // Try again: the person may have unlocked the keychain or started its service since.
      this.#active = undefined;
      this.#problem = undefined;
    }
    this.#active ??= openSecretStore({
      configDir: this.options.configDir,
      env: this.options.env,
    }).then(
      (store) => this.#cached(store),
      (error: unknown) => {
        if (isAppError(error) && error instanceof KeychainError) this.#problem = error;
        throw error;
      },
    );
    return this.#active;
  }

  #cached(store: SecretStore): SecretStore {
    return new CachingSecretStore(store, { stamp: this.#stamp });
  }
}
