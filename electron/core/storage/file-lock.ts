import { randomUUID } from 'node:crypto';
import {
  closeSync,
  mkdirSync,
  openSync,
  readFileSync,
  statSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { hostname } from 'node:os';
import { dirname } from 'node:path';
import { StorageError } from '../errors/index.js';

/**
 * A lock shared by processes (the app, the CLI, scripts) through one file in the config directory.
 * Created with O_EXCL; the owner's pid is inside so a lock left by a killed process is taken over
 * at once, and one older than `staleMs` is taken over whatever it says (a hung owner).
 */
export interface LockOptions {
  /** Give up after this long (ms). */
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

export class LockTimeoutError extends Error {
  constructor(readonly path: string) {
    super(`Timed out waiting for the lock ${path}; another tsm process may be stuck`);
  }
}

const DEFAULTS = { timeoutMs: 10_000, staleMs: 30_000, pollMs: 25 };

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

function isStale(path: string, staleMs: number): boolean {
  const owner = readOwner(path);
  let age: number;
  try {
    age = Date.now() - statSync(path).mtimeMs;
  } catch {
    return false; // gone already: simply try again
  }
  if (!owner) return age > 1000; // half-written by a process that died between create and write
  if (owner.host === hostname() && !alive(owner.pid)) return true;
  return age > staleMs;
}

/**
 * Creates the lock file with its owner inside. If the file was created but could not be filled
 * (a full disk), it is removed again: an empty lock would stall every writer until it went stale.
 */
function createLockFile(path: string, owner: Owner): void {
  mkdirSync(dirname(path), { recursive: true });
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

/** Tries once; returns a release function, or undefined if someone else holds the lock. */
function tryAcquire(path: string, staleMs: number): (() => void) | undefined {
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
    if (isStale(path, staleMs)) {
      try {
        unlinkSync(path);
      } catch {
        // Another waiter took it over first; the next round decides.
      }
    }
    return undefined;
  }
  return () => {
    // Only remove the lock if it is still ours (it may have been taken over as stale).
    if (readOwner(path)?.token === owner.token) {
      try {
        unlinkSync(path);
      } catch {
        // Already gone.
      }
    }
  };
}

const sleeper = new Int32Array(new SharedArrayBuffer(4));

/** Runs `work` while holding the lock; for short synchronous critical sections (settings writes). */
export function withLockSync<T>(path: string, work: () => T, options: LockOptions = {}): T {
  const { timeoutMs, staleMs, pollMs } = { ...DEFAULTS, ...options };
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const release = tryAcquire(path, staleMs);
    if (release) {
      try {
        return work();
      } finally {
        release();
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
  const { timeoutMs, staleMs, pollMs } = { ...DEFAULTS, ...options };
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const release = tryAcquire(path, staleMs);
    if (release) {
      try {
        return await work();
      } finally {
        release();
      }
    }
    if (Date.now() > deadline) throw new LockTimeoutError(path);
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
}
