#!/usr/bin/env node
// The `tsm` command: runs the compiled CLI (built by `npm run build`, which `npm ci` runs) with
// this process's own argv, streams and environment. The one place the CLI touches `process`.
import { existsSync } from 'node:fs';

const entry = new URL('../dist/electron/cli/tsm.js', import.meta.url);
if (!existsSync(entry)) {
  process.stderr.write('tsm: not built yet; run `npm run build` in the project first\n');
  process.exit(1);
}
const { main } = await import(entry.href);
process.exitCode = await main(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  // A getter: stdin is opened only by a command that reads it (`tsm token` never does).
  get stdin() {
    return process.stdin;
  },
  env: process.env,
  // The child of `tsm exec` gets this terminal itself, as any shell would give it.
  childStdio: 'inherit',
  onInterrupt(listener) {
    process.on('SIGINT', listener);
    return () => process.off('SIGINT', listener);
  },
});
