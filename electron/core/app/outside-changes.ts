import { statSync, watch, type FSWatcher } from 'node:fs';
import { basename, dirname } from 'node:path';
import type { ChangeStamp } from '../secrets/change-stamp.js';

/** What another process (`tsm`, a second window) may have changed in the config directory. */
export type OutsidePart = 'settings' | 'secrets' | 'activity';

export interface OutsideChangesOptions {
  /** The settings file and the audit log, both in the config directory beside the stamp. */
  settingsPath: string;
  auditPath: string;
  /** The stamp this process bumps: growth by its own bytes alone is no outside change. */
  stamp: ChangeStamp;
  /** Told what changed; a look waits for it before the next one. */
  onChange: (parts: ReadonlySet<OutsidePart>) => Promise<void>;
  /** Quiet time after a file event before looking (a write comes as several events). */
  debounceMs?: number;
  /** A look this often whatever fs.watch says (it misses events on some file systems). */
  pollMs?: number;
}

export const DEFAULT_DEBOUNCE_MS = 200;
export const DEFAULT_POLL_MS = 3_000;

/** Where each watched file stands: a new inode (atomic replace), size or time is a change. */
interface Snapshot {
  settings: string;
  activity: string;
  /** The stamp's generation and this process's bumps at that moment. */
  stamp: { file: string; size: number; own: number } | undefined;
}

/**
 * Watches the config directory (not the files: they are replaced by rename, and a watch on the old
 * inode goes quiet) and reports what changed: a debounced look after every event, and a slow poll
 * beside it. Each look compares the files with the last; an unreadable directory is tried again.
 */
export class OutsideChanges {
  readonly #o: OutsideChangesOptions;
  readonly #poll: ReturnType<typeof setInterval>;
  #watcher: FSWatcher | undefined;
  #debounce: ReturnType<typeof setTimeout> | undefined;
  #last: Snapshot;
  /** The look running now, and the one asked for meanwhile (callers share it). */
  #looking: Promise<void> | undefined;
  #queued: Promise<void> | undefined;
  #disposed = false;
  readonly #dir: string;
  readonly #names: ReadonlySet<string>;

  constructor(options: OutsideChangesOptions) {
    this.#o = options;
    this.#dir = dirname(options.stamp.path);
    this.#names = new Set(
      [options.settingsPath, options.auditPath, options.stamp.path].map((p) => basename(p)),
    );
    this.#last = this.#snapshot();
    this.#watch();
    this.#poll = setInterval(() => {
      this.#watch();
      void this.checkNow();
    }, options.pollMs ?? DEFAULT_POLL_MS);
    this.#poll.unref();
  }

  /**
   * Looks now (or, while a look runs, once more right after it) and settles once whatever changed
   * has been handled; never rejects.
   */
  checkNow(): Promise<void> {
    if (this.#disposed) return Promise.resolve();
    const running = this.#looking;
    if (!running) {
      const looking = this.#look().finally(() => (this.#looking = undefined));
      this.#looking = looking;
      return looking;
    }
    this.#queued ??= running.then(() => {
      this.#queued = undefined;
      return this.checkNow();
    });
    return this.#queued;
  }

  dispose(): void {
    this.#disposed = true;
    clearInterval(this.#poll);
    if (this.#debounce) clearTimeout(this.#debounce);
    this.#watcher?.close();
    this.#watcher = undefined;
  }

  async #look(): Promise<void> {
    const now = this.#snapshot();
    const parts = new Set<OutsidePart>();
    if (now.settings !== this.#last.settings) parts.add('settings');
    if (now.activity !== this.#last.activity) parts.add('activity');
    if (!onlyOwnBumps(this.#last.stamp, now.stamp)) parts.add('secrets');
    this.#last = now;
    if (parts.size === 0 || this.#disposed) return;
    await this.#o.onChange(parts).catch(() => undefined);
  }

  #snapshot(): Snapshot {
    // Own bumps counted before the stat: a bump in between reads as foreign, never the reverse.
    const own = this.#o.stamp.ownBumps;
    const stamp = this.#o.stamp.read();
    return {
      settings: identity(this.#o.settingsPath),
      activity: identity(this.#o.auditPath),
      stamp: stamp && { ...stamp, own },
    };
  }

  /** (Re)starts the directory watch; the directory may not exist yet, or may have been replaced. */
  #watch(): void {
    if (this.#watcher || this.#disposed) return;
    try {
      const watcher = watch(this.#dir, { persistent: false }, (_event, name) => {
        if (name !== null && !this.#names.has(name)) return;
        if (this.#debounce) clearTimeout(this.#debounce);
        this.#debounce = setTimeout(() => {
          this.#debounce = undefined;
          void this.checkNow();
        }, this.#o.debounceMs ?? DEFAULT_DEBOUNCE_MS);
        this.#debounce.unref();
      });
      watcher.on('error', () => {
        watcher.close();
        if (this.#watcher === watcher) this.#watcher = undefined;
      });
      this.#watcher = watcher;
    } catch {
      // No directory yet (nothing written so far) or no watch here: the poll carries on.
    }
  }
}

/** True when the stamp did not move, or grew by exactly the bytes this process appended. */
function onlyOwnBumps(before: Snapshot['stamp'], after: Snapshot['stamp']): boolean {
  if (!before || !after) return before === after;
  if (before.file === after.file) return after.size - before.size === after.own - before.own;
  // A first stamp file written by this process alone: still only ours.
  return before.file === '' && after.size === after.own - before.own;
}

function identity(path: string): string {
  try {
    const stat = statSync(path);
    return `${stat.ino}:${stat.size}:${stat.mtimeMs}`;
  } catch {
    return 'none';
  }
}
