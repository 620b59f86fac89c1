import {
  existsSync,
  readdirSync,
  readFileSync,
  statSync,
  unlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { hostname } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isAppError } from '../../../electron/core/errors/index.js';
import {
  LockTimeoutError,
  staleLock,
  takeOver,
  withLock,
  withLockSync,
} from '../../../electron/core/storage/file-lock.js';
import { useTempDir } from '../../support/temp-dir.js';

const tempDir = useTempDir();

function liveLock(path: string, token: string): void {
  writeFileSync(path, JSON.stringify({ pid: process.pid, host: hostname(), token, at: 0 }));
}

function age(path: string, ms: number): void {
  const then = new Date(Date.now() - ms);
  utimesSync(path, then, then);
}

describe('stale-lock takeover and waits', () => {
  it('a waiter that judged a lock stale never deletes the fresh lock that replaced it', () => {
    const path = join(tempDir(), 'x.lock');
    liveLock(path, 'hung');
    age(path, 60_000);
    const seen = staleLock(path, 1000);
    expect(seen?.token).toBe('hung');
    // Meanwhile another waiter took the stale lock over and now holds a fresh one.
    unlinkSync(path);
    liveLock(path, 'fresh');
    takeOver(path, seen as NonNullable<typeof seen>);
    expect(JSON.parse(readFileSync(path, 'utf8'))).toMatchObject({ token: 'fresh' });
    expect(readdirSync(dirname(path))).toEqual(['x.lock']);
    // The stale one itself is taken away.
    age(path, 60_000);
    const again = staleLock(path, 1000);
    takeOver(path, again as NonNullable<typeof again>);
    expect(existsSync(path)).toBe(false);
  });

  it('a holder keeps its lock fresh while it works, so a long hold is not taken over', async () => {
    const path = join(tempDir(), 'x.lock');
    let mtimes: number[] = [];
    await withLock(
      path,
      async () => {
        mtimes.push(statSync(path).mtimeMs);
        await new Promise((resolve) => setTimeout(resolve, 400));
        mtimes.push(statSync(path).mtimeMs);
        // A waiter with the same staleness finds it alive and waits instead of stealing it.
        expect(() => withLockSync(path, () => 1, { staleMs: 200, timeoutMs: 100 })).toThrow(
          LockTimeoutError,
        );
      },
      { staleMs: 200 },
    );
    expect(mtimes[1]).toBeGreaterThan(mtimes[0] ?? Infinity);
    mtimes = [];
  });

  it('by default a waiter waits past the staleness, so it takes over a hung lock instead of failing', () => {
    const path = join(tempDir(), 'x.lock');
    liveLock(path, 'hung');
    age(path, 500);
    const started = Date.now();
    expect(withLockSync(path, () => 'ran', { staleMs: 800 })).toBe('ran');
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
  });

  it('a lock timeout is a StorageError (the CLI exits 6 on it)', () => {
    const path = join(tempDir(), 'settings.lock');
    liveLock(path, 'other-process');
    let caught: unknown;
    try {
      withLockSync(path, () => 1, { timeoutMs: 100 });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(LockTimeoutError);
    expect(isAppError(caught) && caught.code).toBe('STORAGE_FAILED');
    expect((caught as Error).name).toBe('StorageError');
    expect((caught as Error).message).toContain(path);
  });
});
