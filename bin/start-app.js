#!/usr/bin/env node
// `npm start`: launches the desktop app, or says in one line why it cannot and what to use instead.
// `--check` only checks, before `npm start` spends its ~20 s building: exit 1 with that line when
// the Electron binary is missing, 0 otherwise.
// The binary is found the way the electron package does, without require('electron'), which tries
// to download it when it is missing. On a first run (no profile yet) the demo cluster is started
// here and its URL handed to the app, which points a "Demo cluster" profile at it.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
function electronBinary() {
  try {
    const dir = dirname(require.resolve('electron/package.json'));
    const binary = join(dir, 'dist', readFileSync(join(dir, 'path.txt'), 'utf8').trim());
    return existsSync(binary) ? binary : undefined;
  } catch {
    return undefined;
  }
}

const binary = electronBinary();
if (!binary) {
  process.stderr.write(
    'The Electron binary is not installed here (offline install); run the same app in a browser with `npm run web -- --demo`\n',
  );
  process.exit(1);
}
if (process.argv.includes('--check')) process.exit(0);
// Loaded only now: the message above needs no build.
const { DEMO_CLUSTER_ENV, hasNoProfiles, startDemoCluster } = await import('./demo-cluster.js');
const emulator = hasNoProfiles() ? await startDemoCluster() : undefined;
const child = spawn(binary, ['.'], {
  stdio: 'inherit',
  env: emulator ? { ...process.env, [DEMO_CLUSTER_ENV]: emulator.url } : process.env,
});
child.on('exit', (code) => {
  void (emulator ? emulator.close() : Promise.resolve()).finally(() => process.exit(code ?? 0));
});
