import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { main } from '../../../electron/cli/tsm.js';

export const TSM_BIN = fileURLToPath(new URL('../../../bin/tsm.cjs', import.meta.url));
const BUILT = fileURLToPath(new URL('../../../dist/electron/cli/tsm.js', import.meta.url));

export interface TsmResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface SpawnedResult extends TsmResult {
  signal: NodeJS.Signals | null;
}

export interface RunOptions {
  stdin?: string;
  env?: NodeJS.ProcessEnv;
  /** spawn only: the child is killed (SIGTERM) after this long, so a hang fails instead of stalling. */
  timeoutMs?: number;
}

/** Fails loudly without the private keyring (npm test runs every test inside it). */
export function requireKeyring(): void {
  if (!process.env.DBUS_SESSION_BUS_ADDRESS) {
    throw new Error(
      'No D-Bus session: run the CLI tests under test/keyring/with-keyring.sh (npm test does)',
    );
  }
}

/** Fails loudly when the CLI was not built (npm test builds it first): `spawn` runs the build. */
export function requireBuiltCli(): void {
  if (!existsSync(BUILT))
    throw new Error('The CLI is not built: run `npm run build` (npm test does it)');
  requireKeyring();
}

/** One isolated setup: its own config directory and keychain service, removed at the end. */
export class TsmSandbox {
  readonly configDir = mkdtempSync(join(tmpdir(), 'tsm-cli-'));
  readonly service = `tsm-cli-test-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;

  env(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
    return {
      ...process.env,
      TSM_CONFIG_DIR: this.configDir,
      TSM_KEYCHAIN_SERVICE: this.service,
      ...extra,
    };
  }

  /**
   * Runs `tsm` in this process: the sandbox's environment and streams go in through `io`, never
   * through process.env. Stdin is a plain stream, not a terminal; secrets go in there, never on argv.
   */
  async run(args: string[], options: RunOptions = {}): Promise<TsmResult> {
    let stdout = '';
    let stderr = '';
    const code = await main(args, {
      stdout: { write: (text: string) => void (stdout += text) },
      stderr: { write: (text: string) => void (stderr += text) },
      stdin: Readable.from([Buffer.from(options.stdin ?? '')], { objectMode: false }),
      env: this.env(options.env),
      childStdio: 'pipe',
    });
    return { code, stdout, stderr };
  }

  /** Runs the real `tsm` binary in a child process, for what only a process shows. */
  spawn(args: string[], options: RunOptions = {}): Promise<SpawnedResult> {
    return new Promise((resolve, reject) => {
      const child = spawn(process.execPath, [TSM_BIN, ...args], {
        env: this.env(options.env),
        stdio: ['pipe', 'pipe', 'pipe'],
        ...(options.timeoutMs === undefined ? {} : { timeout: options.timeoutMs }),
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      child.on('error', reject);
      child.on('close', (code, signal) =>
        resolve({ code, signal, stdout, stderr: dropBusNoise(stderr) }),
      );
      child.stdin.end(options.stdin ?? '');
    });
  }

  /** Every file under the config directory, as text, for leak scans. */
  filesText(): string {
    const texts: string[] = [];
    const walk = (dir: string): void => {
      for (const name of readdirSync(dir)) {
        const path = join(dir, name);
        if (statSync(path).isDirectory()) walk(path);
        else texts.push(`${path}\n${readFileSync(path).toString('latin1')}`);
      }
    };
    walk(this.configDir);
    return texts.join('\n');
  }

  dispose(): void {
    rmSync(this.configDir, { recursive: true, force: true });
  }
}

/** dbus-daemon's own warnings are not ours. */
function dropBusNoise(text: string): string {
  return text
    .split('\n')
    .filter((line) => !line.includes('dbus-daemon['))
    .join('\n');
}
