// `npm run web -- --demo` as a child process: its own config directory and keychain service,
// the URL read from the first line of stdout, and a clean stop.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const MAIN = join(ROOT, 'dist/electron/web/main.js');
/** What `npm run web` runs: it starts the demo cluster for --demo, then MAIN. */
const LAUNCHER = join(ROOT, 'bin/web.js');
const RENDERER = join(ROOT, 'renderer/dist/index.html');

export interface WebApp {
  /** Open once: it carries the per-launch key. */
  url: string;
  origin: string;
  configDir: string;
  /** The keychain service its secrets are under (a private one per run). */
  keychainService: string;
  /** What the process said on stderr so far (for failure messages). */
  stderr(): string;
  /** Everything it printed so far, stdout and stderr (for leak scans). */
  output(): string;
  stop(): Promise<void>;
}

/** Fails loudly when something the suite needs is missing (npm test builds and wraps it). */
export function requireBuiltWebMode(): void {
  if (!existsSync(MAIN) || !existsSync(RENDERER))
    throw new Error('The web mode is not built: run `npm run build` (npm test does it)');
  if (!process.env.DBUS_SESSION_BUS_ADDRESS)
    throw new Error('No D-Bus session: run under test/keyring/with-keyring.sh (npm test does)');
}

export async function startWebApp(env: NodeJS.ProcessEnv = {}): Promise<WebApp> {
  requireBuiltWebMode();
  const configDir = mkdtempSync(join(tmpdir(), 'tsm-web-'));
  const keychainService = `tsm-web-test-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
  const child = spawn(process.execPath, [LAUNCHER, '--demo', '--port', '0'], {
    env: {
      ...process.env,
      TSM_CONFIG_DIR: configDir,
      TSM_KEYCHAIN_SERVICE: keychainService,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  let output = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
    output += chunk.toString();
  });
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const url = await firstLine(child, () => stderr);
  return {
    url,
    origin: new URL(url).origin,
    configDir,
    keychainService: env.TSM_KEYCHAIN_SERVICE ?? keychainService,
    stderr: () => stderr,
    output: () => output,
    stop: async () => {
      await stopChild(child);
      rmSync(configDir, { recursive: true, force: true });
    },
  };
}

function firstLine(child: ChildProcess, stderr: () => string): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`npm run web printed no URL within 15 s; stderr:\n${stderr()}`));
    }, 15_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const end = out.indexOf('\n');
      if (end < 0) return;
      clearTimeout(timer);
      const line = out.slice(0, end).trim();
      if (/^http:\/\/127\.0\.0\.1:\d+\/\?key=/.test(line)) resolve(line);
      else reject(new Error(`The first line of stdout is not the URL: ${JSON.stringify(line)}`));
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`npm run web exited with ${code} before printing a URL:\n${stderr()}`));
    });
  });
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 5_000);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
