import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawn } from 'node:child_process';
import { startEmulator } from '../emulator/index.js';
import { sideBySide, timeProcess } from './measure.js';
import type { BenchResult } from './result.js';

const TSM = fileURLToPath(new URL('../../bin/tsm.js', import.meta.url));

/** `tsm token` answered from the keychain cache, as a whole process, against `node -e 0`. */
export async function benchTsmToken(runs: number): Promise<BenchResult> {
  const emulator = await startEmulator({ port: 0 });
  const configDir = mkdtempSync(join(tmpdir(), 'tsm-bench-'));
  const env = {
    ...process.env,
    TSM_CONFIG_DIR: configDir,
    TSM_KEYCHAIN_SERVICE: `tsm-bench-${process.pid}`,
  };
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
    const measured = await sideBySide(
      runs,
      () => timeProcess(process.execPath, [TSM, 'token'], env),
      () => timeProcess(process.execPath, ['-e', '0'], env),
    );
    await run(['logout']);
    return {
      name: '`tsm token` from cache vs `node -e 0`',
      value: measured.ratio,
      unit: '×',
      target: 3,
      detail: `medians ${measured.candidate.toFixed(0)} ms vs ${measured.baseline.toFixed(0)} ms over ${runs} runs each`,
    };
  } finally {
    rmSync(configDir, { recursive: true, force: true });
    await emulator.close();
  }
}
