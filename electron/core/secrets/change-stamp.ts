import { closeSync, fstatSync, openSync, statSync, writeSync, type Stats } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../storage/atomic-write.js';

export const STAMP_FILE_NAME = 'secrets.stamp';

/** Past this length the stamp starts afresh (a new file): a byte per write, so rarely. */
const MAX_STAMP_BYTES = 4096;

/** Where the stamp stands: which file (a rotation makes a new one) and how long it is. */
export interface Generation {
  /** `dev:ino`, or '' while there is no stamp file yet. */
  readonly file: string;
  readonly size: number;
}

export function sameGeneration(a: Generation, b: Generation): boolean {
  return a.file === b.file && a.size === b.size;
}

/** True when `after` is `before` plus exactly one bump: nobody else wrote in between. */
export function nextGeneration(before: Generation, after: Generation): boolean {
  if (before.file === '') return after.size === 1;
  return after.file === before.file && after.size === before.size + 1;
}

/**
 * A tiny file in the config directory that every process appends one byte to after each write
 * to the secrets (the app, `tsm`, scripts). It carries no secret, only "something changed": a
 * process that keeps secrets in memory compares the stamp (one stat) before trusting them.
 * Appending (O_APPEND) rather than rewriting means no lock is needed and no bump is lost: the
 * file only grows, so a process that sees it grow by more than its own byte knows others wrote.
 */
export class ChangeStamp {
  readonly path: string;
  #ownBumps = 0;

  constructor(configDir: string) {
    this.path = join(configDir, STAMP_FILE_NAME);
  }

  /** The generation now; undefined when the stamp cannot be read (then trust nothing kept). */
  read(): Generation | undefined {
    try {
      return generationOf(statSync(this.path));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { file: '', size: 0 };
      return undefined;
    }
  }

  /**
   * How many bytes this instance appended so far: a watcher that sees the stamp grow by exactly as
   * many since its last look knows nobody else wrote.
   */
  get ownBumps(): number {
    return this.#ownBumps;
  }

  /** Marks one change; returns the generation right after this process's byte. Throws on I/O errors. */
  bump(): Generation {
    for (let attempt = 1; ; attempt++) {
      const fd = openSync(this.path, 'a', 0o600);
      let appended: Stats;
      try {
        writeSync(fd, '.');
        this.#ownBumps++;
        appended = fstatSync(fd);
      } finally {
        closeSync(fd);
      }
      const after = generationOf(appended);
      // A rotation may have replaced the file while it was open: then mark the new one too.
      const now = this.read();
      if (now !== undefined && now.file !== after.file && attempt < 3) continue;
      if (after.size > MAX_STAMP_BYTES) {
        writeFileAtomic(this.path, '');
        return this.read() ?? { file: '', size: 0 };
      }
      return after;
    }
  }
}

function generationOf(stats: Stats): Generation {
  return { file: `${stats.dev}:${stats.ino}`, size: stats.size };
}
