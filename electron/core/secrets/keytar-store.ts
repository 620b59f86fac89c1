import { createRequire } from 'node:module';
import { PRODUCT_NAME } from '../product.js';
import { InputError } from '../errors/index.js';
import { hasDisplay, keychainErrorFrom, nativeModuleError } from './keychain-errors.js';
import { checkAccount, checkValue, type SecretStore } from './secret-store.js';

/** The part of keytar we use (its own typings, narrowed). */
export interface KeytarApi {
  getPassword(service: string, account: string): Promise<string | null>;
  setPassword(service: string, account: string, password: string): Promise<void>;
  deletePassword(service: string, account: string): Promise<boolean>;
  findCredentials(service: string): Promise<Array<{ account: string; password: string }>>;
}

export const DEFAULT_SERVICE = PRODUCT_NAME;

/**
 * A non-secret entry that lets the store tell "no such secret" from "the keychain is locked":
 * libsecret answers a read of a locked item with nothing at all (no error), and keytar's
 * findCredentials crashes the whole process (SIGSEGV, a NULL secret) on a locked item.
 */
export const UNLOCK_CHECK_ACCOUNT = '.unlock-check';
const UNLOCK_CHECK_VALUE = 'Lets the app tell a locked keychain from a missing secret.';

/** Loaded on first use so that a missing or mis-built native module is an error, not a crash. */
export function loadKeytar(specifier = 'keytar'): Promise<KeytarApi> {
  try {
    const loaded: unknown = createRequire(import.meta.url)(specifier);
    if (!isKeytarApi(loaded)) throw new Error(`${specifier} does not export the keytar functions`);
    return Promise.resolve(loaded);
  } catch (error) {
    return Promise.reject(nativeModuleError(error));
  }
}

function isKeytarApi(value: unknown): value is KeytarApi {
  if (typeof value !== 'object' || value === null) return false;
  const api = value as Record<string, unknown>;
  return ['getPassword', 'setPassword', 'deletePassword', 'findCredentials'].every(
    (name) => typeof api[name] === 'function',
  );
}

export interface KeytarStoreOptions {
  service: string;
  load?: () => Promise<KeytarApi>;
  platform?: NodeJS.Platform;
  /** Read for DISPLAY/WAYLAND_DISPLAY: whether an unlock prompt could have been shown. */
  env?: NodeJS.ProcessEnv;
}

/** The service name all entries share; TSM_KEYCHAIN_SERVICE lets tests and side-by-side installs differ. */
export function keychainService(env: NodeJS.ProcessEnv = process.env): string {
  return env.TSM_KEYCHAIN_SERVICE || DEFAULT_SERVICE;
}

export class KeytarStore implements SecretStore {
  readonly kind = 'keychain';
  readonly service: string;
  readonly #load: () => Promise<KeytarApi>;
  readonly #platform: NodeJS.Platform;
  readonly #hasDisplay: boolean;
  #keytar: Promise<KeytarApi> | undefined;
  /** Per entry, the end of the last call made for it (see #inTurn). */
  readonly #turns = new Map<string, Promise<void>>();

  constructor(options: KeytarStoreOptions) {
    this.service = options.service;
    this.#load = options.load ?? (() => loadKeytar());
    this.#platform = options.platform ?? process.platform;
    this.#hasDisplay = hasDisplay(options.env ?? process.env);
  }

  describe(): string {
    if (this.#platform === 'darwin') return 'the macOS Keychain';
    if (this.#platform === 'win32') return 'the Windows Credential Manager';
    return 'the OS keychain (Secret Service)';
  }

  // Async so that a refused account name is a rejection, as every other failure is.
  async get(account: string): Promise<string | undefined> {
    checkOwnAccount(account);
    return await this.#inTurn(account, async () => {
      const value = await this.#call((keytar) => keytar.getPassword(this.service, account));
      if (value !== null) return value;
      await this.#confirmUnlocked();
      return undefined;
    });
  }

  async set(account: string, value: string): Promise<void> {
    checkOwnAccount(account);
    checkValue(value);
    await this.#inTurn(account, () =>
      this.#call((keytar) => keytar.setPassword(this.service, account, value), value),
    );
  }

  async delete(account: string): Promise<boolean> {
    checkOwnAccount(account);
    return await this.#inTurn(account, async () => {
      const deleted = await this.#call((keytar) => keytar.deletePassword(this.service, account));
      if (!deleted) await this.#confirmUnlocked();
      return deleted;
    });
  }

  async accounts(): Promise<string[]> {
    // Must come first: findCredentials on a locked collection kills the process.
    await this.#confirmUnlocked();
    const found = await this.#call((keytar) => keytar.findCredentials(this.service));
    return found
      .map((credential) => credential.account)
      .filter((account) => account !== UNLOCK_CHECK_ACCOUNT)
      .sort();
  }

  /** Loads keytar and asks the keychain one harmless question, so open can fail early. */
  async probe(): Promise<void> {
    await this.#call((keytar) => keytar.getPassword(this.service, UNLOCK_CHECK_ACCOUNT));
  }

  /**
   * On Linux, "nothing there" may mean "locked": the check entry is read (present means the
   * collection is open) and, when absent, written, which fails on a locked collection with a
   * message that names the problem. Elsewhere the keychain reports locks as errors itself.
   */
  async #confirmUnlocked(): Promise<void> {
    if (this.#platform !== 'linux') return;
    await this.#inTurn(UNLOCK_CHECK_ACCOUNT, async () => {
      const check = await this.#call((keytar) =>
        keytar.getPassword(this.service, UNLOCK_CHECK_ACCOUNT),
      );
      if (check !== null) return;
      await this.#call((keytar) =>
        keytar.setPassword(this.service, UNLOCK_CHECK_ACCOUNT, UNLOCK_CHECK_VALUE),
      );
    });
  }

  /**
   * Runs calls for one entry one after another, in the order they were made. keytar runs each
   * call on a worker thread, so two calls for one entry may otherwise overlap and land in either
   * order: the last write made would not always be the one kept, and two deletes of one entry
   * fail inside libsecret. Calls for different entries still run side by side.
   */
  #inTurn<T>(account: string, work: () => Promise<T>): Promise<T> {
    const previous = this.#turns.get(account) ?? Promise.resolve();
    const run = previous.then(work);
    const done = run.then(
      () => undefined,
      () => undefined,
    );
    this.#turns.set(account, done);
    void done.then(() => {
      if (this.#turns.get(account) === done) this.#turns.delete(account);
    });
    return run;
  }

  async #call<T>(operation: (keytar: KeytarApi) => Promise<T>, secret?: string): Promise<T> {
    this.#keytar ??= this.#load();
    let keytar: KeytarApi;
    try {
      keytar = await this.#keytar;
    } catch (error) {
      this.#keytar = undefined; // a later call may succeed (e.g. after a rebuild in dev)
      throw nativeModuleError(error);
    }
    try {
      return await operation(keytar);
    } catch (error) {
      const context = secret === undefined ? {} : { secret };
      throw keychainErrorFrom(error, { hasDisplay: this.#hasDisplay, ...context });
    }
  }
}

function checkOwnAccount(account: string): void {
  checkAccount(account);
  if (account === UNLOCK_CHECK_ACCOUNT) {
    throw new InputError(
      `The account name ${UNLOCK_CHECK_ACCOUNT} is reserved by the keychain store`,
    );
  }
}
