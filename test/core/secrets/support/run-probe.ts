import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = fileURLToPath(new URL('../../../../', import.meta.url));
export const WITH_KEYRING = join(REPO, 'test/keyring/with-keyring.sh');
const PROBE = fileURLToPath(new URL('./keychain-probe.ts', import.meta.url));

/** The value the probe writes; it must never show up in any error. */
export const PROBE_SECRET = 'probe-secret-value-7f3a';

export interface ProbeResult {
  op: string;
  ok: boolean;
  value?: unknown;
  name?: string;
  code?: string;
  problem?: string;
  message?: string;
  details?: { debug?: string; cause?: string };
}

export interface ProbeRun {
  results: ProbeResult[];
  stdout: string;
  stderr: string;
  exitCode: number | null;
  signal: NodeJS.Signals | null;
}

/**
 * An environment with no keychain of any kind: no bus address, no display, and throwaway
 * HOME/XDG directories (an auto-started gnome-keyring writes there, never in the real home).
 */
export function bareEnv(root: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of [
    'DBUS_SESSION_BUS_ADDRESS',
    'DISPLAY',
    'WAYLAND_DISPLAY',
    'TSM_PRIVATE_KEYRING',
    'GNOME_KEYRING_CONTROL',
    'TSM_SECRETS_PASSPHRASE',
  ]) {
    delete env[name];
  }
  return {
    ...env,
    HOME: root,
    XDG_DATA_HOME: join(root, 'data'),
    XDG_CONFIG_HOME: join(root, 'config'),
    XDG_CACHE_HOME: join(root, 'cache'),
    XDG_RUNTIME_DIR: root,
  };
}

/** Runs the probe with `ops`, optionally wrapped (e.g. in dbus-run-session or with-keyring.sh). */
export function runProbe(
  ops: string[],
  env: NodeJS.ProcessEnv,
  wrap: string[] = [],
): Promise<ProbeRun> {
  const command = [...wrap, process.execPath, '--import', 'tsx', PROBE, ...ops];
  const [file, ...args] = command as [string, ...string[]];
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, { cwd: REPO, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    child.on('error', reject);
    child.on('close', (exitCode, signal) => {
      clearTimeout(timer);
      const results = stdout
        .split('\n')
        .filter((line) => line.startsWith('{'))
        .map((line) => JSON.parse(line) as ProbeResult);
      resolve({ results, stdout, stderr, exitCode, signal });
    });
  });
}

/** One result by operation name, with the child's output when it is missing. */
export function resultOf(run: ProbeRun, op: string, index = 0): ProbeResult {
  const found = run.results.filter((result) => result.op === op)[index];
  if (found === undefined) {
    throw new Error(
      `no result for ${op} (exit ${String(run.exitCode)}, signal ${String(run.signal)})\n` +
        `stdout:\n${run.stdout}\nstderr:\n${run.stderr}`,
    );
  }
  return found;
}
