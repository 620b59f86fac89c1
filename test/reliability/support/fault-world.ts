// Pieces the fault tests share: a user whose password a leak scan can find, a tiny tmpfs to fill
// (when this machine lets us mount one), a settings backend that can be made to fail, and a way
// to run a script in a private keyring session of its own.
import { execFileSync, spawn } from 'node:child_process';
import { closeSync, ftruncateSync, openSync, rmSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BackendFactory, SettingsBackend } from '../../../electron/core/profiles/index.js';
import { confBackend } from '../../../electron/core/profiles/index.js';
import type { EmulatorUser } from '../../emulator/index.js';

export const FAULT_USER: EmulatorUser = {
  username: 'fay',
  password: 'pw-fay-3e9a1d-Pangolin!',
  displayName: 'Fay Fault',
  email: 'fay@example.com',
};

export const REPO = fileURLToPath(new URL('../../../', import.meta.url));
export const WITH_KEYRING = join(REPO, 'test/keyring/with-keyring.sh');

const PAGE = 4096;

/** A 64 KiB tmpfs mounted on `dir`: it can be filled, partly emptied, and made read-only. */
export interface TinyDisk {
  readonly dir: string;
  /** Writes a filler file until the disk is full. */
  fill(): void;
  /** Frees `pages` pages of the filler (4 KiB each). */
  freePages(pages: number): void;
  /** Removes the filler. */
  free(): void;
  readOnly(on: boolean): void;
  dispose(): void;
}

/** Mounts a tiny tmpfs on `dir`, or returns the reason it cannot be done here. */
export function mountTinyDisk(dir: string): TinyDisk | { unavailable: string } {
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k,mode=700', 'tmpfs', dir], {
      stdio: 'pipe',
    });
  } catch (error) {
    return { unavailable: (error as Error).message.split('\n')[0] ?? 'mount failed' };
  }
  const filler = join(dir, 'filler');
  return {
    dir,
    fill() {
      const fd = openSync(filler, 'a');
      const chunk = Buffer.alloc(PAGE, 0x2e);
      try {
        for (;;) writeSync(fd, chunk);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
      } finally {
        closeSync(fd);
      }
    },
    freePages(pages) {
      const fd = openSync(filler, 'r+');
      try {
        ftruncateSync(fd, Math.max(0, statSync(filler).size - pages * PAGE));
      } finally {
        closeSync(fd);
      }
    },
    free() {
      rmSync(filler, { force: true });
    },
    readOnly(on) {
      execFileSync('mount', ['-o', `remount,${on ? 'ro' : 'rw'}`, dir], { stdio: 'pipe' });
    },
    dispose() {
      execFileSync('umount', [dir], { stdio: 'pipe' });
    },
  };
}

/**
 * conf, with a switch that makes its writes fail as a full disk does: the fallback when no tmpfs
 * can be mounted, and a pass-through otherwise.
 */
export function switchableBackend(failure: { code?: string }): BackendFactory {
  return async (options) => {
    const inner: SettingsBackend = await confBackend(options);
    return {
      get path() {
        return inner.path;
      },
      get store() {
        return inner.store;
      },
      set store(value) {
        if (failure.code) {
          const error = new Error(`${failure.code}: simulated write failure`);
          throw Object.assign(error, { code: failure.code });
        }
        inner.store = value;
      },
    };
  };
}

export interface ChildRun {
  lines: Record<string, unknown>[];
  stdout: string;
  stderr: string;
  code: number | null;
  signal: NodeJS.Signals | null;
  ms: number;
}

/** Runs a command with `env`, killing it after `deadlineMs`; stdout's JSON lines are parsed. */
export function runChild(
  command: string[],
  env: NodeJS.ProcessEnv,
  deadlineMs: number,
): Promise<ChildRun> {
  const [file, ...args] = command as [string, ...string[]];
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, { cwd: REPO, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), deadlineMs);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const lines = stdout
        .split('\n')
        .filter((line) => line.startsWith('{'))
        .map((line) => JSON.parse(line) as Record<string, unknown>);
      resolve({ lines, stdout, stderr, code, signal, ms: Date.now() - started });
    });
  });
}

/** The environment for a private keyring session of its own (with-keyring.sh makes a new one). */
export function ownKeyringEnv(extra: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ...extra };
  for (const name of ['TSM_PRIVATE_KEYRING', 'DBUS_SESSION_BUS_ADDRESS', 'GNOME_KEYRING_CONTROL'])
    delete env[name];
  return env;
}
