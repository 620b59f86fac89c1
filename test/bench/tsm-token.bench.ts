import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startEmulator } from '../emulator/index.js';
import { interleaved, timeProcess } from './measure.js';
import type { BenchResult } from './result.js';

const TSM = fileURLToPath(new URL('../../bin/tsm.js', import.meta.url));
const MODULE_COUNT = fileURLToPath(new URL('./fixtures/module-count.mjs', import.meta.url));
const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/**
 * `tsm token` answered from the keychain cache, as a whole process, against `node -e 0`, with
 * the floor beside it (a Node start, keytar and one keychain read) and `tsm --version` (a Node
 * start and loading the CLI), so the time splits into start, keychain, CLI load and the rest.
 */
export async function benchTsmToken(runs: number): Promise<BenchResult[]> {
  const emulator = await startEmulator({ port: 0 });
  const configDir = mkdtempSync(join(tmpdir(), 'tsm-bench-'));
  const service = `tsm-bench-${process.pid}`;
  const env = { ...process.env, TSM_CONFIG_DIR: configDir, TSM_KEYCHAIN_SERVICE: service };
  try {
    // Async: the emulator lives in this process and must keep answering while tsm runs.
    const run = (args: string[], input = '') =>
      new Promise<void>((resolve, reject) => {
        const child = spawn(process.execPath, [TSM, ...args], { env });
        let stderr = '';
        child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
        child.on('close', (code) =>
          code === 0 ? resolve() : reject(new Error(`tsm ${args.join(' ')}: ${stderr}`)),
        );
        child.stdin.end(input);
      });
    await run(['profile', 'add', 'Bench', '--url', emulator.url, '--user', 'tsadmin']);
    await run(['login', '--bearer', '--password-stdin'], 'admin');
    const node = (args: string[]) => () => timeProcess(process.execPath, args, env);
    // One read of an entry that exists, as `tsm token` makes it.
    const floorScript = `require('keytar').getPassword(${JSON.stringify(service)}, '.unlock-check').then(() => {})`;
    const [token, bare, floor, version] = await interleaved(runs, [
      node([TSM, 'token']),
      node(['-e', '0']),
      node(['-e', floorScript]),
      node([TSM, '--version']),
    ]);
    const modules = loadedModules(env);
    await run(['logout']);
    const ms = (value: number | undefined) => `${(value ?? 0).toFixed(0)} ms`;
    const breakdown =
      `node start ${ms(bare)}, + keytar and one read ${ms((floor ?? 0) - (bare ?? 0))}, ` +
      `+ loading the CLI ${ms((version ?? 0) - (bare ?? 0))}, + the rest ${ms((token ?? 0) - (floor ?? 0) - (version ?? 0) + (bare ?? 0))}`;
    return [
      {
        name: '`tsm token` from cache vs `node -e 0`',
        value: (token ?? 0) / (bare ?? 1),
        unit: '×',
        target: 1.3,
        detail: `medians ${ms(token)} vs ${ms(bare)} over ${runs} runs each; ${breakdown}`,
      },
      {
        name: 'floor: `node -e` keytar + one keychain read vs `node -e 0`',
        value: (floor ?? 0) / (bare ?? 1),
        unit: '×',
        detail: `median ${ms(floor)}: what no \`tsm token\` can beat`,
      },
      {
        name: '`tsm token` from cache: files loaded',
        value: modules.files.length,
        unit: '',
        detail: modules.files.join(', '),
      },
    ];
  } finally {
    rmSync(configDir, { recursive: true, force: true });
    await emulator.close();
  }
}

/** The JavaScript (and native) files one `tsm token` loads, relative to the project. */
function loadedModules(env: NodeJS.ProcessEnv): { files: string[] } {
  const result = spawnSync(process.execPath, ['--import', MODULE_COUNT, TSM, 'token'], {
    env,
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`tsm token (module count) failed: ${result.stderr}`);
  const files = new Set<string>();
  for (const line of result.stderr.split('\n')) {
    const found = /^tsm-bench-module (.+)$/.exec(line)?.[1];
    if (found === undefined) continue;
    const path = found.startsWith('file:') ? fileURLToPath(found) : found;
    files.add(path.startsWith(ROOT) ? path.slice(ROOT.length) : path);
  }
  return { files: [...files].sort() };
}
