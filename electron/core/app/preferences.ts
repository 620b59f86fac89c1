import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as v from 'valibot';
import { StorageError } from '../errors/index.js';
import { writeFileAtomic } from '../storage/atomic-write.js';

/** The app's own settings (not profiles): plain values with sane defaults. */
export interface Preferences {
  clipboardClearSeconds: number;
  revokeOnQuit: boolean;
  startAtLogin: boolean;
  notifyBeforeExpiry: boolean;
}

export const DEFAULT_PREFERENCES: Preferences = {
  clipboardClearSeconds: 30,
  revokeOnQuit: false,
  startAtLogin: false,
  notifyBeforeExpiry: true,
};

const shape = v.partial(
  v.object({
    clipboardClearSeconds: v.pipe(v.number(), v.integer(), v.minValue(5), v.maxValue(600)),
    revokeOnQuit: v.boolean(),
    startAtLogin: v.boolean(),
    notifyBeforeExpiry: v.boolean(),
  }),
);

/** preferences.json in the config directory; a damaged file reads as the defaults, never a crash. */
export class PreferencesFile {
  readonly path: string;

  constructor(configDir: string) {
    this.path = join(configDir, 'preferences.json');
  }

  read(): Preferences {
    try {
      const parsed = v.safeParse(shape, JSON.parse(readFileSync(this.path, 'utf8')));
      // Valibot types absent keys as undefined; parsed output has none, so the spread is safe.
      return parsed.success
        ? { ...DEFAULT_PREFERENCES, ...(parsed.output as Partial<Preferences>) }
        : { ...DEFAULT_PREFERENCES };
    } catch {
      return { ...DEFAULT_PREFERENCES };
    }
  }

  update(changes: Partial<Preferences>): Preferences {
    // Only keys actually given replace the stored ones.
    const next = { ...this.read(), ...changes };
    try {
      writeFileAtomic(this.path, `${JSON.stringify(next, undefined, 2)}\n`);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? 'error';
      throw new StorageError(`Could not save ${this.path} (${code}); nothing was changed`, {
        cause: code,
      });
    }
    return next;
  }
}
