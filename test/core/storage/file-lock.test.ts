import { spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  LockTimeoutError,
  withLock,
  withLockSync,
} from '../../../electron/core/storage/file-lock.js';
import { useTempDir } from '../../support/temp-dir.js';

const tempDir = useTempDir();

/** The pid of a process that has exited, so it certainly holds nothing. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']);
  return Number(child.stdout.toString());
}

describe('file lock', () => {
  it('runs work under the lock and removes it afterwards', () => {
    const path = join(tempDir(), 'x.lock');
    expect(withLockSync(path, () => existsSync(path))).toBe(true);
    expect(existsSync(path)).toBe(false);
  });

  it('takes over at once a lock left by a killed process', async () => {
    const path = join(tempDir(), 'x.lock');
    writeFileSync(
      path,
      JSON.stringify({ pid: deadPid(), host: hostname(), token: 'old', at: Date.now() }),
    );
    const started = Date.now();
    await withLock(path, () => Promise.resolve(), { timeoutMs: 2000 });
    expect(Date.now() - started).toBeLessThan(1500);
    expect(existsSync(path)).toBe(false);
  });

  it('waits for a live holder, then times out with a clear error', () => {
    const path = join(tempDir(), 'x.lock');
    writeFileSync(
      path,
      JSON.stringify({ pid: process.pid, host: hostname(), token: 'live', at: Date.now() }),
    );
    expect(() => withLockSync(path, () => 1, { timeoutMs: 150 })).toThrow(LockTimeoutError);
    expect(existsSync(path)).toBe(true);
  });

  it('serializes concurrent async holders', async () => {
    const path = join(tempDir(), 'x.lock');
    let inside = 0;
    let most = 0;
    await Promise.all(
      Array.from({ length: 5 }, () =>
        withLock(path, async () => {
          most = Math.max(most, ++inside);
          await new Promise((resolve) => setTimeout(resolve, 10));
          inside--;
        }),
      ),
    );
    expect(most).toBe(1);
  });
});
