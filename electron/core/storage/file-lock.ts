import { randomUUID } from 'node:crypto';
import {
  closeSync,
  linkSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  statSync,
  unlinkSync,
  utimesSync,
  writeSync,
} from 'node:fs';
import { hostname } from 'node:os';
import { dirname } from 'node:path';
import { StorageError } from '../errors/index.js';

/**
 * A lock shared by processes (the app, the CLI, scripts) through one file in the config directory.
 * Created with O_EXCL; the owner's pid is inside so a lock left by a killed process is taken over
 * at once, and one older than `staleMs` is taken over whatever it says (a hung owner). An async
 * holder touches its lock while it works, so only a hung or dead one ever looks stale; a waiter
 * waits by default until a lock it finds would have gone stale, and a little longer.
 */
export interface LockOptions {
  /** Give up after this long (ms); default: `staleMs` plus a margin, so waits and staleness agree. */
  timeoutMs?: number;
  /** A lock held longer than this is considered abandoned. */
  staleMs?: number;
  /** How often to look again while waiting (ms). */
  pollMs?: number;
}

interface Owner {
  pid: number;
  host: string;
  token: string;
  at: number;
}

/** A StorageError, so every caller (the CLI's exit 6 among them) treats it as the file's trouble. */
export class LockTimeoutError extends StorageError {
  constructor(readonly path: string) {
    super(`Timed out waiting for the lock ${path}; another tsm process may be stuck`, {
      cause: 'LOCK_TIMEOUT',
    });
  }
}

const DEFAULTS = { staleMs: 10_000, pollMs: 25 };
/** How much longer than `staleMs` a waiter waits by default: time to notice and take it over. */
const WAIT_MARGIN_MS = 2_000;

function settle(options: LockOptions): Required<LockOptions> {
  const { staleMs, pollMs } = { ...DEFAULTS, ...options };
  return { staleMs, pollMs, timeoutMs: options.timeoutMs ?? staleMs + WAIT_MARGIN_MS };
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readOwner(path: string): Owner | undefined {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as Owner;
  } catch {
    return undefined;
  }
}

/** Which lock file was judged stale: its inode and owner token, to recognise it after a rename. */
export interface Seen {
  ino: number;
  token: string | undefined;
}

/** Exported for tests: the lock at `path` if it is stale now, as seen. */
export function staleLock(path: string, staleMs: number): Seen | undefined {
  const owner = readOwner(path);
  let age: number;
  let ino: number;
  try {
    const stats = statSync(path);
    age = Date.now() - stats.mtimeMs;
    ino = stats.ino;
  } catch {
    return undefined; // gone already: simply try again
  }
  const seen = { ino, token: owner?.token };
  if (!owner) return age > 1000 ? seen : undefined; // half-written by a process that died
  if (owner.host === hostname() && !alive(owner.pid)) return seen;
  return age > staleMs ? seen : undefined;
}

/**
 * Takes a stale lock away atomically: it is renamed to a name of this waiter's own, and only
 * deleted if it is the very lock judged stale. A fresh lock another waiter created in between
 * (after taking the stale one over itself) is put back, never deleted.
 */
export function takeOver(path: string, seen: Seen): void {
  const aside = `${path}.stale-${randomUUID()}`;
  try {
    renameSync(path, aside);
  } catch {
    return; // another waiter moved it first; the next round decides
  }
  let same = false;
  try {
    same = statSync(aside).ino === seen.ino && readOwner(aside)?.token === seen.token;
  } catch {
    // Unreadable: treat it as not ours to delete.
  }
  if (!same) {
    try {
      linkSync(aside, path); // back where its owner expects it; fails only if a new one is there
    } catch {
      // Someone created a lock meanwhile: theirs stands.
    }
  }
  try {
    unlinkSync(aside);
  } catch {
    // Already gone.
  }
}

/**
 * Creates the lock file with its owner inside. If the file was created but could not be filled
 * (a full disk), it is removed again: an empty lock would stall every writer until it went stale.
 */
function createLockFile(path: string, owner: Owner): void {
  ensureDir(dirname(path));
  const fd = openSync(path, 'wx', 0o600);
  try {
    writeSync(fd, JSON.stringify(owner));
  } catch (error) {
    closeSync(fd);
    unlinkSync(path);
    throw error;
  }
  closeSync(fd);
}

interface Held {
  release(): void;
  /** Marks the lock as still in use, so a long holder never looks stale. */
  touch(): void;
}

/**
 * The lock's directory, 0700. Node's recursive mkdir spins forever where a directory can never be
 * made (under /proc), so the last level is made on its own and its ENOENT is final.
 */
function ensureDir(dir: string): void {
  const made = (): boolean => {
    try {
      mkdirSync(dir, { mode: 0o700 });
      return true;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EEXIST') return true;
      if (code === 'ENOENT') return false;
      throw error;
    }
  };
  if (made()) return;
  mkdirSync(dirname(dir), { recursive: true, mode: 0o700 });
  if (!made()) mkdirSync(dir, { mode: 0o700 }); // throws the real ENOENT
}

/** Tries once; returns the held lock, or undefined if someone else holds it. */
function tryAcquire(path: string, staleMs: number): Held | undefined {
  const owner: Owner = { pid: process.pid, host: hostname(), token: randomUUID(), at: Date.now() };
  try {
    createLockFile(path, owner);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'EEXIST') {
      if (typeof code !== 'string') throw error;
      throw new StorageError(
        `Could not write ${path} (${code}); nothing was changed. Is the disk full or the folder read-only?`,
        { cause: code },
      );
    }
    const seen = staleLock(path, staleMs);
    if (seen) takeOver(path, seen);
    return undefined;
  }
  const ours = () => readOwner(path)?.token === owner.token;
  return {
    release: () => {
      // Only remove the lock if it is still ours (it may have been taken over as stale).
      if (!ours()) return;
      try {
        unlinkSync(path);
      } catch {
        // Already gone.
      }
    },
    touch: () => {
      if (!ours()) return;
      try {
        const now = new Date();
        utimesSync(path, now, now);
      } catch {
        // Gone or unwritable: staleness then decides, as for any holder.
      }
    },
  };
}

const sleeper = new Int32Array(new SharedArrayBuffer(4));

/** Runs `work` while holding the lock; for short synchronous critical sections (settings writes). */
export function withLockSync<T>(path: string, work: () => T, options: LockOptions = {}): T {
  const { timeoutMs, staleMs, pollMs } = settle(options);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const held = tryAcquire(path, staleMs);
    if (held) {
      try {
        return work();
      } finally {
        held.release();
      }
    }
    if (Date.now() > deadline) throw new LockTimeoutError(path);
    Atomics.wait(sleeper, 0, 0, pollMs);
  }
}

/** Runs async `work` while holding the lock (token renewal across processes). */
export async function withLock<T>(
  path: string,
  work: () => Promise<T>,
  options: LockOptions = {},
): Promise<T> {
  const { timeoutMs, staleMs, pollMs } = settle(options);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const held = tryAcquire(path, staleMs);
    if (held) {
      const heartbeat = setInterval(() => held.touch(), Math.max(staleMs / 4, 10));
      heartbeat.unref();
      try {
        return await work();
      } finally {
        clearInterval(heartbeat);
        held.release();
      }
    }
    if (Date.now() > deadline) throw new LockTimeoutError(path);
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
}
