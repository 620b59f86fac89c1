import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import Conf from 'conf';
import { InputError, StorageError } from '../errors/index.js';
import { writeFileAtomic } from '../storage/atomic-write.js';
import { withLockSync } from '../storage/file-lock.js';
import type { Profile, ProfileInput } from './profile.js';
import { loadSettings, type RecoveryNotice } from './recover.js';
import { emptySettings, settingsJsonSchema, type SettingsData } from './settings-schema.js';
import { buildProfile } from './validate.js';

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

export type BackendFactory = (options: BackendOptions) => SettingsBackend;

/** The CLI's and tests' backend: conf, the library electron-store is built on, on the same file. */
export const confBackend: BackendFactory = (options) =>
  new Conf<Record<string, unknown>>({
    cwd: options.cwd,
    configName: options.configName,
    schema: options.schema,
    clearInvalidConfig: false,
    projectName: 'thoughtspot-session-manager',
  }) as unknown as SettingsBackend;

export interface ProfileStoreOptions {
  configDir: string;
  backend?: BackendFactory;
  now?: () => number;
  newId?: () => string;
}

export const SETTINGS_NAME = 'settings';

/**
 * Profiles in the settings file, shared by the app and the CLI. Every read goes to the file (the
 * other process may have written), and every change is read-modify-write under a lock file, so
 * two processes writing at once lose nothing.
 */
export class ProfileStore {
  readonly path: string;
  /** Set when the file had to be repaired on open; tell the person. */
  notice: RecoveryNotice | undefined;
  readonly #backend: SettingsBackend;
  readonly #lockPath: string;
  readonly #now: () => number;
  readonly #newId: () => string;

  constructor(options: ProfileStoreOptions) {
    this.path = join(options.configDir, `${SETTINGS_NAME}.json`);
    this.#lockPath = join(options.configDir, `${SETTINGS_NAME}.lock`);
    this.#now = options.now ?? Date.now;
    this.#newId = options.newId ?? randomUUID;
    // Repair before conf sees the file: conf refuses a file that breaks the schema.
    this.notice = this.#locked(() => this.#recover());
    this.#backend = (options.backend ?? confBackend)({
      cwd: options.configDir,
      configName: SETTINGS_NAME,
      schema: settingsJsonSchema(),
    });
  }

  list(): Profile[] {
    return this.#read().profiles;
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

  add(input: ProfileInput): Profile {
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

  /** Edits a profile; its id (and so its keychain entries) stays the same across a rename. */
  update(id: string, input: ProfileInput): Profile {
    return this.#change((data) => {
      const index = this.#indexOf(data, id);
      const profile = buildProfile(input, data.profiles, data.profiles[index] as Profile);
      data.profiles[index] = profile;
      return profile;
    });
  }

  /** Records facts learned while working (detected dialect, last use); not user edits. */
  note(id: string, facts: Pick<Partial<Profile>, 'detectedDialect' | 'lastUsedAt'>): Profile {
    return this.#change((data) => {
      const index = this.#indexOf(data, id);
      const profile = { ...(data.profiles[index] as Profile), ...facts };
      data.profiles[index] = profile;
      return profile;
    });
  }

  remove(id: string): Profile {
    return this.#change((data) => {
      const [removed] = data.profiles.splice(this.#indexOf(data, id), 1) as [Profile];
      if (data.defaultProfileId === id) data.defaultProfileId = data.profiles[0]?.id ?? null;
      return removed;
    });
  }

  setDefault(id: string): void {
    this.#change((data) => {
      data.defaultProfileId = data.profiles[this.#indexOf(data, id)]?.id ?? null;
    });
  }

  /** Adds many profiles in one locked write (import). */
  addAll(
    inputs: readonly ProfileInput[],
    onError: (input: ProfileInput, error: InputError) => void,
  ): Profile[] {
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

  /** The file as it is now; if it broke while we were running, repair it first. */
  #read(): SettingsData {
    let data: Partial<SettingsData>;
    try {
      data = this.#backend.store;
    } catch {
      this.notice = this.#locked(() => this.#recover()) ?? this.notice;
      data = this.#backend.store;
    }
    // conf reads a file deleted under us as {}: that is simply no profiles yet.
    return data.version === undefined ? emptySettings() : (data as SettingsData);
  }

  #change<T>(mutate: (data: SettingsData) => T): T {
    return this.#locked(() => {
      const data = structuredClone(this.#read());
      const result = mutate(data);
      this.#save(() => (this.#backend.store = data));
      return result;
    });
  }

  #recover(): RecoveryNotice | undefined {
    const loaded = loadSettings(this.path, this.#now());
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
