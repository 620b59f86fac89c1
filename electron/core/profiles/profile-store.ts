import { randomUUID } from 'node:crypto';
import { mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { InputError, StorageError } from '../errors/index.js';
import { writeFileAtomic } from '../storage/atomic-write.js';
import { withLockSync } from '../storage/file-lock.js';
import type { Profile, ProfileInput } from './profile.js';
import { loadSettings, readSettings, type RecoveryNotice } from './recover.js';
import { emptySettings, settingsJsonSchema, type SettingsData } from './settings-schema.js';
import { profileInputOf } from './transfer.js';
import { buildProfile } from './validate.js';

/** Changes whenever the file is replaced or rewritten (atomic writes give it a new inode). */
function fileIdentity(path: string): string | undefined {
  try {
    const stat = statSync(path);
    return `${stat.ino}:${stat.size}:${stat.mtimeMs}:${stat.ctimeMs}`;
  } catch {
    return undefined;
  }
}

/** The part of conf / electron-store the profile store uses: the whole file, read and written. */
export interface SettingsBackend {
  readonly path: string;
  store: SettingsData;
}

export interface BackendOptions {
  cwd: string;
  configName: string;
  schema: Record<string, object>;
}

export type BackendFactory = (
  options: BackendOptions,
) => SettingsBackend | Promise<SettingsBackend>;

/** The CLI's and tests' backend: conf, the library electron-store is built on, on the same file. */
export const confBackend: BackendFactory = async (options) => {
  // Loaded on the first write only: reading settings (`tsm token`) never pays for conf and ajv.
  const { default: Conf } = await import('conf');
  return new Conf<Record<string, unknown>>({
    cwd: options.cwd,
    configName: options.configName,
    schema: options.schema,
    clearInvalidConfig: false,
    projectName: 'thoughtspot-session-manager',
    // conf's default is 0666 less the umask (0644): nobody else reads what profiles exist.
    configFileMode: SETTINGS_FILE_MODE,
  }) as unknown as SettingsBackend;
};

export interface ProfileStoreOptions {
  configDir: string;
  backend?: BackendFactory;
  now?: () => number;
  newId?: () => string;
}

export const SETTINGS_NAME = 'settings';

/** "Name (copy)", then "Name (copy 2)", ...: the first no other profile has, ignoring case. */
function copyName(name: string, others: readonly Profile[]): string {
  const taken = new Set(others.map((p) => p.name.toLowerCase()));
  let copy = `${name} (copy)`;
  for (let n = 2; taken.has(copy.toLowerCase()); n++) copy = `${name} (copy ${n})`;
  // A name is at most 64 characters; the copy of a long one is cut to fit.
  return copy.slice(0, 64);
}

/** What everything the app writes is made with; electron-store in main.ts must pass the same. */
export const SETTINGS_FILE_MODE = 0o600;
export const CONFIG_DIR_MODE = 0o700;

export type IdentityListener = (profile: Profile, before: Profile) => Promise<void>;

/**
 * Profiles in the settings file, shared by the app and the CLI. Every read goes to the file (the
 * other process may have written), and every change is read-modify-write under a lock file, so
 * two processes writing at once lose nothing.
 */
export class ProfileStore {
  readonly path: string;
  #notice: RecoveryNotice | undefined;
  readonly #backendFactory: BackendFactory;
  readonly #configDir: string;
  #backend: SettingsBackend | undefined;
  /** The last valid read, with the file identity it came from; every write replaces the inode. */
  #cache: { key: string; data: SettingsData } | undefined;
  readonly #lockPath: string;
  readonly #now: () => number;
  readonly #newId: () => string;
  readonly #identityListeners = new Set<IdentityListener>();

  constructor(options: ProfileStoreOptions) {
    this.path = join(options.configDir, `${SETTINGS_NAME}.json`);
    this.#lockPath = join(options.configDir, `${SETTINGS_NAME}.lock`);
    this.#now = options.now ?? Date.now;
    this.#newId = options.newId ?? randomUUID;
    this.#configDir = options.configDir;
    this.#backendFactory = options.backend ?? confBackend;
    // Repair now, so the person hears about a damaged file at start-up and conf never sees one.
    this.#read();
  }

  /**
   * Set when the file had to be repaired; tell the person. Asking looks at the file first, so damage
   * done while the app runs is reported by the very call that shows its consequences.
   */
  get notice(): RecoveryNotice | undefined {
    this.#read();
    return this.#notice;
  }

  list(): Profile[] {
    return [...this.#read().profiles];
  }

  find(nameOrId: string): Profile | undefined {
    const wanted = nameOrId.trim().toLowerCase();
    return this.list().find((p) => p.id === nameOrId || p.name.toLowerCase() === wanted);
  }

  get(nameOrId: string): Profile {
    const profile = this.find(nameOrId);
    if (!profile) throw new InputError(`There is no profile named "${nameOrId.slice(0, 64)}"`);
    return profile;
  }

  defaultProfile(): Profile | undefined {
    const data = this.#read();
    return data.profiles.find((p) => p.id === data.defaultProfileId) ?? data.profiles[0];
  }

  async add(input: ProfileInput): Promise<Profile> {
    return this.#change((data) => {
      const profile = buildProfile(input, data.profiles, {
        id: this.#newId(),
        createdAt: this.#now(),
      });
      data.profiles.push(profile);
      data.defaultProfileId ??= profile.id;
      return profile;
    });
  }

  /** A copy of a profile's settings (never its secrets) under the first free "(copy)" name. */
  async duplicate(nameOrId: string): Promise<Profile> {
    const original = this.get(nameOrId);
    return this.add({ ...profileInputOf(original), name: copyName(original.name, this.list()) });
  }

  /**
   * Edits a profile; its id (and so its keychain entries) stays the same across a rename. A new
   * cluster URL or username is announced (and awaited) so the secrets of the old one are forgotten.
   */
  async update(id: string, input: ProfileInput): Promise<Profile> {
    const { before, after } = await this.#change((data) => {
      const index = this.#indexOf(data, id);
      const previous = data.profiles[index] as Profile;
      const profile = buildProfile(input, data.profiles, previous);
      data.profiles[index] = profile;
      return { before: previous, after: profile };
    });
    if (before.url !== after.url || before.username !== after.username) {
      for (const listener of [...this.#identityListeners]) await listener(after, before);
    }
    return after;
  }

  /** `listener` runs after an update moved a profile to another cluster URL or username. */
  onIdentityChange(listener: IdentityListener): () => void {
    this.#identityListeners.add(listener);
    return () => this.#identityListeners.delete(listener);
  }

  /** Records facts learned while working (detected dialect, last use); not user edits. */
  async note(
    id: string,
    facts: Pick<Partial<Profile>, 'detectedDialect' | 'lastUsedAt'>,
  ): Promise<Profile> {
    return this.#change((data) => {
      const index = this.#indexOf(data, id);
      const profile = { ...(data.profiles[index] as Profile), ...facts };
      data.profiles[index] = profile;
      return profile;
    });
  }

  async remove(id: string): Promise<Profile> {
    return this.#change((data) => {
      const [removed] = data.profiles.splice(this.#indexOf(data, id), 1) as [Profile];
      if (data.defaultProfileId === id) data.defaultProfileId = data.profiles[0]?.id ?? null;
      return removed;
    });
  }

  async setDefault(id: string): Promise<void> {
    await this.#change((data) => {
      data.defaultProfileId = data.profiles[this.#indexOf(data, id)]?.id ?? null;
    });
  }

  /** Adds many profiles in one locked write (import). */
  async addAll(
    inputs: readonly ProfileInput[],
    onError: (input: ProfileInput, error: InputError) => void,
  ): Promise<Profile[]> {
    return this.#change((data) => {
      const added: Profile[] = [];
      for (const input of inputs) {
        try {
          const profile = buildProfile(input, data.profiles, {
            id: this.#newId(),
            createdAt: this.#now(),
          });
          data.profiles.push(profile);
          added.push(profile);
        } catch (error) {
          if (!(error instanceof InputError)) throw error;
          onError(input, error);
        }
      }
      if (added[0]) data.defaultProfileId ??= added[0].id;
      return added;
    });
  }

  #indexOf(data: SettingsData, id: string): number {
    const index = data.profiles.findIndex((p) => p.id === id);
    if (index < 0)
      throw new InputError('That profile no longer exists (it may have been removed elsewhere)');
    return index;
  }

  /**
   * The file as it is now (the other process may have written). Reads go straight to the file,
   * so `tsm token` never loads conf; a damaged file is repaired under the lock first.
   */
  #read(): SettingsData {
    const key = fileIdentity(this.path);
    if (key !== undefined && this.#cache?.key === key) return this.#cache.data;
    const data = readSettings(this.path);
    if (data !== 'damaged') {
      if (key !== undefined) this.#cache = { key, data };
      return data;
    }
    this.#notice = this.#locked(() => this.#recover()) ?? this.#notice;
    const repaired = readSettings(this.path);
    return repaired === 'damaged' ? emptySettings() : repaired;
  }

  /** conf (or electron-store in the app), created on the first write: it guards writes with the schema. */
  async #writer(): Promise<SettingsBackend> {
    // Made here first, 0700, before conf makes it with the default mode (0755).
    mkdirSync(this.#configDir, { recursive: true, mode: CONFIG_DIR_MODE });
    this.#backend ??= await this.#backendFactory({
      cwd: this.#configDir,
      configName: SETTINGS_NAME,
      schema: settingsJsonSchema(),
    });
    return this.#backend;
  }

  async #change<T>(mutate: (data: SettingsData) => T): Promise<T> {
    const writer = await this.#writer();
    return this.#locked(() => {
      const data = structuredClone(this.#read());
      const result = mutate(data);
      this.#save(() => (writer.store = data));
      // What we just wrote is the last good copy, should the file break later.
      const key = fileIdentity(this.path);
      if (key !== undefined) this.#cache = { key, data };
      return result;
    });
  }

  #recover(): RecoveryNotice | undefined {
    // Another process may have repaired it while we waited for the lock.
    if (readSettings(this.path) !== 'damaged') return undefined;
    const loaded = loadSettings(this.path, this.#now(), this.#cache?.data);
    if (loaded.rewrite) this.#writeRaw(loaded.data);
    return loaded.notice;
  }

  /** Recovery writes directly: conf cannot open a file that breaks the schema. */
  #writeRaw(data: SettingsData): void {
    this.#save(() => writeFileAtomic(this.path, JSON.stringify(data, undefined, '\t')));
  }

  #save(write: () => void): void {
    try {
      write();
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      // Only file-system failures are the disk's fault; a schema violation is ours, keep it as is.
      if (typeof code !== 'string') throw error;
      throw new StorageError(
        `Could not save the settings file ${this.path} (${code}); nothing was changed`,
        {
          cause: code,
        },
      );
    }
  }

  #holding = false;

  /** Re-entrant: a repair triggered inside a change runs under the lock already held. */
  #locked<T>(work: () => T): T {
    if (this.#holding) return work();
    return withLockSync(this.#lockPath, () => {
      this.#holding = true;
      try {
        return work();
      } finally {
        this.#holding = false;
      }
    });
  }
}
