#!/usr/bin/env node
// `npm start`: launches the desktop app, or says in one line why it cannot and what to use instead.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
let binary;
try {
  binary = require('electron');
} catch {
  binary = undefined;
}
if (typeof binary !== 'string' || !existsSync(binary)) {
  process.stderr.write(
    'The Electron binary is not installed here (offline install); run the same app in a browser with `npm run web -- --demo`\n',
  );
  process.exit(1);
}
const child = spawn(binary, ['.'], { stdio: 'inherit' });
child.on('exit', (code) => process.exit(code ?? 0));
