import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const TSM_BIN = fileURLToPath(new URL('../../../bin/tsm.js', import.meta.url));
const BUILT = fileURLToPath(new URL('../../../dist/electron/cli/tsm.js', import.meta.url));

export interface TsmResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Fails loudly when the CLI was not built (npm test builds it first). */
export function requireBuiltCli(): void {
  if (!existsSync(BUILT))
    throw new Error('The CLI is not built: run `npm run build` (npm test does it)');
  if (!process.env.DBUS_SESSION_BUS_ADDRESS) {
    throw new Error(
      'No D-Bus session: run the CLI tests under test/keyring/with-keyring.sh (npm test does)',
    );
  }
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

  /** Runs the real `tsm` binary; secrets go in on stdin, never on argv. */
  run(
    args: string[],
    options: { stdin?: string; env?: NodeJS.ProcessEnv } = {},
  ): Promise<TsmResult> {
    return new Promise((resolve, reject) => {
      const child = spawn(process.execPath, [TSM_BIN, ...args], {
        env: this.env(options.env),
        stdio: ['pipe', 'pipe', 'pipe'],
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      child.on('error', reject);
      child.on('close', (code) => resolve({ code, stdout, stderr: dropBusNoise(stderr) }));
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
