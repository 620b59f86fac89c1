import { randomBytes, timingSafeEqual } from 'node:crypto';
import { mkdir, open, readFile, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { KeychainError } from '../errors/index.js';
import { checkAccount, checkValue, type SecretStore } from './secret-store.js';
import {
  corrupt,
  DEFAULT_SCRYPT,
  decryptEntries,
  deriveKey,
  encryptEntries,
  keyCheck,
  newKdf,
  parseSecretsFile,
  type Kdf,
  type ScryptParams,
} from './secrets-file.js';

export interface EncryptedFileStoreOptions {
  /** e.g. `<configDir>/secrets.enc` */
  path: string;
  passphrase: () => Promise<string>;
  /** For new files; an existing file's own parameters are always used to open it. */
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
 * (scrypt is deliberately slow). Changes within a process are serialized; two processes writing
 * at the same moment can still lose one change (the last rename wins).
 */
export class EncryptedFileStore implements SecretStore {
  readonly kind = 'encrypted-file';
  readonly path: string;
  readonly #askPassphrase: () => Promise<string>;
  readonly #scrypt: ScryptParams;
  #passphrase: Promise<string> | undefined;
  #key: { id: string; key: Promise<Buffer> } | undefined;
  #queue: Promise<unknown> = Promise.resolve();

  constructor(options: EncryptedFileStoreOptions) {
    this.path = options.path;
    this.#askPassphrase = options.passphrase;
    this.#scrypt = options.scrypt ?? DEFAULT_SCRYPT;
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
    return this.#change(async () => {
      const loaded = await this.#load();
      loaded.entries.set(account, value);
      await this.#save(loaded);
    });
  }

  async delete(account: string): Promise<boolean> {
    checkAccount(account);
    return this.#change(async () => {
      const loaded = await this.#load();
      if (!loaded.entries.delete(account)) return false;
      await this.#save(loaded);
      return true;
    });
  }

  /** One change at a time, so two sets in one process never overwrite each other. */
  #change<T>(change: () => Promise<T>): Promise<T> {
    const result = this.#queue.then(change);
    this.#queue = result.catch(() => undefined);
    return result;
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

  async #save(loaded: Loaded): Promise<void> {
    let { kdf, key } = loaded;
    if (kdf === undefined || key === undefined) {
      const fresh = newKdf(this.#scrypt);
      key = await this.#keyFor(fresh);
      kdf = { ...fresh, check: keyCheck(key) };
    }
    await this.#writeAtomically(encryptEntries(Object.fromEntries(loaded.entries), key, kdf));
  }

  #keyFor(kdf: Omit<Kdf, 'check'>): Promise<Buffer> {
    const id = `${kdf.salt}:${kdf.N}:${kdf.r}:${kdf.p}`;
    if (this.#key?.id !== id) {
      this.#passphrase ??= this.#askPassphrase();
      const passphrase = this.#passphrase;
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
