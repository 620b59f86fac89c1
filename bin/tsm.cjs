#!/usr/bin/env node
// The `tsm` command: runs the CLI with this process's own argv, streams and environment. The one
// place the CLI touches `process`. It loads dist/cli/tsm.cjs, the CLI bundled into one CommonJS
// file by `npm run build` (which `npm ci` runs): Node 20 loads one file far faster than the ~70
// ES modules it is compiled to. `tsm token` answered from the cache, which scripts call often and
// which is mostly start-up, first tries dist/cli/tsm-token.cjs, a small bundle that only reads
// (electron/cli/fast-token.ts); whatever it cannot answer the full CLI does, as if it never ran.
// CommonJS, not an ES module: Node starts a .cjs entry measurably sooner (no ES module loader).
'use strict';
const { Buffer } = require('node:buffer');
const { existsSync, writeSync } = require('node:fs');
const { join } = require('node:path');

const built = (name) => join(__dirname, '..', 'dist', 'cli', name);
const entry = built('tsm.cjs');
const argv = process.argv.slice(2);

async function run() {
  if (argv[0] === 'token') {
    const fast = built('tsm-token.cjs');
    const text = existsSync(fast)
      ? await require(fast).fastToken(argv.slice(1), process.env)
      : undefined;
    if (text !== undefined) {
      print(text);
      return 0;
    }
  }
  if (!existsSync(entry)) {
    process.stderr.write('tsm: not built yet; run `npm run build` in the project first\n');
    return 1;
  }
  const { main } = require(entry);
  return main(argv, {
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
}

/** Straight to fd 1: making process.stdout (a stream) would cost more than the rest of the answer. */
function print(text) {
  const bytes = Buffer.from(text);
  let written = 0;
  try {
    while (written < bytes.length) written += writeSync(1, bytes, written);
  } catch {
    process.stdout.write(bytes.subarray(written)); // EAGAIN on a non-blocking pipe, and the like
  }
}

run().then(
  (code) => (process.exitCode = code),
  (error) => {
    // main() turns every failure into a message and an exit code; this is a bug in the glue.
    process.stderr.write(`tsm: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
