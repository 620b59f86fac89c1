#!/usr/bin/env node
// The `tsm` command: runs the CLI with this process's own argv, streams and environment. The one
// place the CLI touches `process`. It loads dist/cli/tsm.cjs, the CLI bundled into one CommonJS
// file by `npm run build` (which `npm ci` runs): Node 20 loads one file far faster than the ~70
// ES modules it is compiled to, and `tsm token` answered from the cache is mostly start-up.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const entry = fileURLToPath(new URL('../dist/cli/tsm.cjs', import.meta.url));
if (!existsSync(entry)) {
  process.stderr.write('tsm: not built yet; run `npm run build` in the project first\n');
  process.exit(1);
}
const { main } = createRequire(import.meta.url)(entry);
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
