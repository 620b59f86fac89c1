import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startEmulator } from '../emulator/index.js';
import { interleaved, median, timeProcess } from './measure.js';
import type { BenchResult } from './result.js';

const TSM = fileURLToPath(new URL('../../bin/tsm.cjs', import.meta.url));
const MODULE_COUNT = fileURLToPath(new URL('./fixtures/module-count.mjs', import.meta.url));
const PHASES = fileURLToPath(new URL('./fixtures/token-phases.mjs', import.meta.url));
const FULL_CLI = fileURLToPath(new URL('../../dist/cli/tsm.cjs', import.meta.url));
/** `tsm token` through the full CLI bundle, as bin/tsm.cjs runs it when the fast path cannot answer. */
const FULL_TOKEN = `require(${JSON.stringify(FULL_CLI)}).main(['token'], { stdout: process.stdout, stderr: process.stderr, get stdin() { return process.stdin; }, env: process.env, childStdio: 'inherit' }).then((code) => { process.exitCode = code; })`;
const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** One run of fixtures/token-phases.mjs: the cached path's phases, in ms, and its keychain reads. */
interface Phases {
  answered: boolean;
  reads: number;
  start: number;
  bundle: number;
  keytar: number;
  read: number;
  rest: number;
}

/**
 * `tsm token` answered from the keychain cache, as a whole process, against `node -e 0`, with
 * the floor beside it (a Node start, keytar and one keychain read), the same path taken apart in
 * phases (fixtures/token-phases.mjs), and `tsm --version`, which loads the full CLI the fast
 * path skips.
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
    const phases: Phases[] = [];
    const [token, bare, floor, version, full] = await interleaved(runs, [
      node([TSM, 'token']),
      node(['-e', '0']),
      node(['-e', floorScript]),
      node([TSM, '--version']),
      node(['-e', FULL_TOKEN]),
      () => {
        phases.push(phasesOnce(env));
        return 0;
      },
    ]);
    const modules = loadedModules(env);
    await run(['logout']);
    const ms = (value: number | undefined) => `${(value ?? 0).toFixed(0)} ms`;
    const part = (key: keyof Omit<Phases, 'answered' | 'reads'>) =>
      median(phases.map((p) => p[key]));
    const reads = Math.max(...phases.map((p) => p.reads));
    const inParts =
      `node start ${ms(part('start'))}, fast bundle ${part('bundle').toFixed(1)} ms, ` +
      `${reads} keychain read(s) from the Secret Service ${ms(part('read'))} (waited for; its session opens while the settings are read), ` +
      `keytar ${ms(part('keytar'))} (loaded only when that is unavailable), ` +
      `settings + checks + output ${part('rest').toFixed(1)} ms (in-process medians)`;
    return [
      {
        name: '`tsm token` from cache vs `node -e 0`',
        value: (token ?? 0) / (bare ?? 1),
        unit: '×',
        target: 1.3,
        detail: `medians ${ms(token)} vs ${ms(bare)} over ${runs} runs each, above the floor by ${ms((token ?? 0) - (floor ?? 0))}; ${inParts}`,
      },
      {
        name: 'floor through keytar: `node -e` keytar + one keychain read vs `node -e 0`',
        value: (floor ?? 0) / (bare ?? 1),
        unit: '×',
        detail: `median ${ms(floor)}: the issue's floor, through keytar (libsecret); the fast path reads the Secret Service directly instead, and can run below it`,
      },
      {
        name: '`tsm token` from cache: keychain reads',
        value: reads,
        unit: '',
        target: 1,
        detail: 'counted in the fast path (no unlock check, no change stamp, no audit)',
      },
      {
        name: '`tsm token` from cache: files loaded',
        value: modules.files.length,
        unit: '',
        detail: modules.files.join(', '),
      },
      {
        name: '`tsm token` from cache through the full CLI (no fast path) vs `node -e 0`',
        value: (full ?? 0) / (bare ?? 1),
        unit: '×',
        detail: `median ${ms(full)}; \`tsm --version\` (loading the full CLI) ${((version ?? 0) / (bare ?? 1)).toFixed(2)}×, median ${ms(version)}`,
      },
    ];
  } finally {
    rmSync(configDir, { recursive: true, force: true });
    await emulator.close();
  }
}

/** The cached path in phases, once; it must have answered (else it timed the fallback). */
function phasesOnce(env: NodeJS.ProcessEnv): Phases {
  const result = spawnSync(process.execPath, [PHASES], { env, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`token phases failed: ${result.stderr}`);
  const phases = JSON.parse(result.stdout) as Phases;
  if (!phases.answered)
    throw new Error('token phases: the fast path did not answer from the cache');
  return phases;
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
