import { randomBytes, timingSafeEqual } from 'node:crypto';
import { mkdir, open, readFile, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { KeychainError, StorageError } from '../errors/index.js';
import { LockTimeoutError, withLock } from '../storage/file-lock.js';
import { checkNewPassphrase, checkPassphrase } from './passphrase.js';
import { checkAccount, checkValue, type SecretStore } from './secret-store.js';
import {
  corrupt,
  DEFAULT_SCRYPT,
  decryptEntries,
  deriveKey,
  encryptEntries,
  keyCheck,
  MIN_SCRYPT_N,
  newKdf,
  parseSecretsFile,
  type Kdf,
  type ScryptParams,
} from './secrets-file.js';

export interface EncryptedFileStoreOptions {
  /** e.g. `<configDir>/secrets.enc` */
  path: string;
  passphrase: () => Promise<string>;
  /**
   * For new files and upgrades; an existing file's own parameters are used to open it. A lower
   * cost than the default is for tests: files that weak are then accepted too.
   */
  scrypt?: ScryptParams;
}

const MAX_FILE_BYTES = 16 * 1024 * 1024;

interface Loaded {
  entries: Map<string, string>;
  kdf: Kdf | undefined;
  key: Buffer | undefined;
}

/**
 * The opt-in fallback for machines without a keychain: one encrypted file, rewritten whole and
 * atomically on every change. The passphrase is asked once per instance and the derived key kept
 * (scrypt is deliberately slow). Every change is a read-modify-write under a lock file shared
 * with other processes (the app, `tsm`), so parallel writers lose nothing and a delete stays done.
 */
export class EncryptedFileStore implements SecretStore {
  readonly kind = 'encrypted-file';
  readonly path: string;
  readonly #lockPath: string;
  readonly #askPassphrase: () => Promise<string>;
  readonly #scrypt: ScryptParams;
  /** Files below this cost are refused: the floor, or the injected cost when that is lower. */
  readonly #minN: number;
  #passphrase: Promise<string> | undefined;
  #key: { id: string; key: Promise<Buffer> } | undefined;
  #queue: Promise<unknown> = Promise.resolve();

  constructor(options: EncryptedFileStoreOptions) {
    this.path = options.path;
    this.#lockPath = join(dirname(this.path), 'locks', `${basename(this.path)}.lock`);
    this.#askPassphrase = options.passphrase;
    this.#scrypt = options.scrypt ?? DEFAULT_SCRYPT;
    this.#minN = Math.min(MIN_SCRYPT_N, this.#scrypt.N);
  }

  describe(): string {
    return `an encrypted file at ${this.path}`;
  }

  async get(account: string): Promise<string | undefined> {
    checkAccount(account);
    return (await this.#load()).entries.get(account);
  }

  async accounts(): Promise<string[]> {
    return [...(await this.#load()).entries.keys()].sort();
  }

  async set(account: string, value: string): Promise<void> {
    checkAccount(account);
    checkValue(value);
    return this.#change((entries) => {
      entries.set(account, value);
      return { result: undefined, changed: true };
    });
  }

  async delete(account: string): Promise<boolean> {
    checkAccount(account);
    return this.#change((entries) => {
      const deleted = entries.delete(account);
      return { result: deleted, changed: deleted };
    });
  }

  /**
   * One change at a time in this process, and across processes under the lock file. The
   * passphrase is asked (and a new one checked) before the lock is taken, so nobody waits on a
   * person typing; inside it the file is read again, so another process's change is kept.
   */
  #change<T>(
    change: (entries: Map<string, string>) => { result: T; changed: boolean },
  ): Promise<T> {
    const result = this.#queue.then(async () => {
      const before = await this.#load();
      // A first write makes the file: its passphrase is checked now (a no-op asks for nothing).
      if (before.kdf === undefined && change(new Map(before.entries)).changed) {
        await this.#newFilePassphrase();
      }
      return withLock(this.#lockPath, async () => {
        const loaded = await this.#load();
        const { result: value, changed } = change(loaded.entries);
        if (changed || this.#weak(loaded.kdf)) await this.#save(loaded);
        return value;
      }).catch((error: unknown) => {
        throw this.#lockError(error);
      });
    });
    this.#queue = result.catch(() => undefined);
    return result;
  }

  /** The lock's own trouble, said about the secrets file (never "settings" or "keychain"). */
  #lockError(error: unknown): unknown {
    if (error instanceof LockTimeoutError) {
      return new KeychainError(
        'WRITE_FAILED',
        `The secrets file at ${this.path} is being changed by another process that does not ` +
          'finish; nothing was changed, try again',
      );
    }
    if (error instanceof StorageError) {
      return new KeychainError(
        'WRITE_FAILED',
        `The secrets file at ${this.path} could not be written (${error.details.cause ?? 'I/O error'}); ` +
          'nothing was changed',
      );
    }
    return error;
  }

  /** A missing file is an empty store, and needs no passphrase. */
  async #load(): Promise<Loaded> {
    let text: string;
    try {
      const bytes = await readFile(this.path);
      if (bytes.length > MAX_FILE_BYTES) throw corrupt(this.path, 'it is far too large');
      text = bytes.toString('utf8');
    } catch (error) {
      if (errno(error) === 'ENOENT') return { entries: new Map(), kdf: undefined, key: undefined };
      if (error instanceof KeychainError) throw error;
      throw new KeychainError(
        'UNKNOWN',
        `The secrets file at ${this.path} could not be read (${errno(error) ?? 'I/O error'})`,
      );
    }
    const file = parseSecretsFile(text, this.path);
    if (file.kdf.N < this.#minN) {
      throw new KeychainError(
        'CORRUPT',
        `The secrets file at ${this.path} is protected by a key derivation too weak to trust ` +
          `(scrypt N=${file.kdf.N}, below ${this.#minN}); it was left as it is: move it aside and ` +
          'sign in again to make a new one',
      );
    }
    const key = await this.#keyFor(file.kdf);
    if (!sameText(keyCheck(key), file.kdf.check)) {
      this.#passphrase = undefined; // let the next attempt ask again
      this.#key = undefined;
      throw new KeychainError(
        'WRONG_PASSPHRASE',
        `The passphrase does not open the secrets file at ${this.path}; try again`,
      );
    }
    const entries = new Map(Object.entries(decryptEntries(file, key, this.path)));
    return { entries, kdf: file.kdf, key };
  }

  /** A file made with a lower cost than this store's is rewritten with the current one. */
  #weak(kdf: Kdf | undefined): boolean {
    if (kdf === undefined) return false;
    return kdf.N < this.#scrypt.N || kdf.r < this.#scrypt.r || kdf.p < this.#scrypt.p;
  }

  async #save(loaded: Loaded): Promise<void> {
    let { kdf, key } = loaded;
    if (kdf === undefined || key === undefined || this.#weak(kdf)) {
      if (kdf === undefined) await this.#newFilePassphrase();
      const fresh = newKdf(this.#scrypt);
      key = await this.#keyFor(fresh);
      kdf = { ...fresh, check: keyCheck(key) };
    }
    await this.#writeAtomically(encryptEntries(Object.fromEntries(loaded.entries), key, kdf));
  }

  /** The passphrase, asked once; an empty answer is refused and asked again next time. */
  #passphraseText(): Promise<string> {
    if (this.#passphrase === undefined) {
      const asked = this.#askPassphrase().then(checkPassphrase);
      this.#passphrase = asked;
      asked.catch(() => {
        if (this.#passphrase === asked) this.#passphrase = undefined;
      });
    }
    return this.#passphrase;
  }

  /** Making a new file: the passphrase must meet the rule for new ones, or is asked again. */
  async #newFilePassphrase(): Promise<void> {
    const asked = this.#passphraseText();
    try {
      checkNewPassphrase(await asked);
    } catch (error) {
      if (this.#passphrase === asked) this.#passphrase = undefined;
      throw error;
    }
  }

  #keyFor(kdf: Omit<Kdf, 'check'>): Promise<Buffer> {
    const id = `${kdf.salt}:${kdf.N}:${kdf.r}:${kdf.p}`;
    if (this.#key?.id !== id) {
      const passphrase = this.#passphraseText();
      const key = passphrase.then((text) =>
        deriveKey(text, Buffer.from(kdf.salt, 'base64'), kdf).catch(() => {
          throw new KeychainError('UNKNOWN', `The key for ${this.path} could not be derived`);
        }),
      );
      this.#key = { id, key };
      // A failed question or derivation is not remembered: the next call asks again.
      key.catch(() => {
        if (this.#key?.key === key) this.#key = undefined;
        if (this.#passphrase === passphrase) this.#passphrase = undefined;
      });
    }
    return this.#key.key;
  }

  /** Temp file beside the target (same file system), 0600, flushed, then renamed over it. */
  async #writeAtomically(text: string): Promise<void> {
    const directory = dirname(this.path);
    const suffix = `${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
    const temp = join(directory, `.${basename(this.path)}.${suffix}`);
    try {
      await mkdir(directory, { recursive: true, mode: 0o700 });
      const handle = await open(temp, 'wx', 0o600);
      try {
        await handle.writeFile(text, 'utf8');
        await handle.sync();
      } finally {
        await handle.close();
      }
      await rename(temp, this.path);
    } catch (error) {
      await unlink(temp).catch(() => undefined);
      throw new KeychainError(
        'WRITE_FAILED',
        `The secrets file at ${this.path} could not be written (${errno(error) ?? 'I/O error'}); ` +
          'nothing was changed',
      );
    }
  }
}

function errno(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
