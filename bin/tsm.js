#!/usr/bin/env node
// The `tsm` command: runs the compiled CLI (built by `npm run build`, which `npm ci` runs).
import { existsSync } from 'node:fs';

const entry = new URL('../dist/electron/cli/tsm.js', import.meta.url);
if (!existsSync(entry)) {
  process.stderr.write('tsm: not built yet; run `npm run build` in the project first\n');
  process.exit(1);
}
await import(entry.href);
