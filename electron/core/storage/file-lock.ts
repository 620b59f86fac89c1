import { randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { dirname } from 'node:path';

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

/** Tries once; returns a release function, or undefined if someone else holds the lock. */
function tryAcquire(path: string, staleMs: number): (() => void) | undefined {
  const owner: Owner = { pid: process.pid, host: hostname(), token: randomUUID(), at: Date.now() };
  try {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, JSON.stringify(owner), { flag: 'wx', mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
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
