// What only the real binary shows: its argv, exit codes, signals, a real terminal.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HELP } from '../../electron/cli/help.js';
import { startEmulator, type RunningEmulator } from '../emulator/index.js';
import { requireBuiltCli, TsmSandbox } from './support/run-tsm.js';
import { runInTerminal } from './support/terminal.js';

const VERSION = (
  JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
    version: string;
  }
).version;
const PASSWORD = 'd4ve-Typ3d-91ab';

let emulator: RunningEmulator;
let sandbox: TsmSandbox;

beforeAll(async () => {
  requireBuiltCli();
  emulator = await startEmulator({
    port: 0,
    users: [
      { username: 'dave', password: PASSWORD, displayName: 'Dave', email: 'dave@example.com' },
    ],
  });
  sandbox = new TsmSandbox();
  const added = await sandbox.run([
    'profile',
    'add',
    'Term',
    '--url',
    emulator.url,
    '--user',
    'dave',
  ]);
  expect(added.code, added.stderr).toBe(0);
});
afterAll(async () => {
  await sandbox.run(['logout', '-p', 'Term']);
  sandbox.dispose();
  await emulator.close();
});

describe('the tsm binary', () => {
  it('--version prints the version from package.json and exits 0', async () => {
    expect(await sandbox.spawn(['--version'])).toEqual({
      code: 0,
      signal: null,
      stdout: `${VERSION}\n`,
      stderr: '',
    });
  });

  it('--help prints the usage and exits 0; no command prints it and exits 2', async () => {
    expect(await sandbox.spawn(['--help'])).toMatchObject({ code: 0, stdout: HELP, stderr: '' });
    expect(await sandbox.spawn([])).toMatchObject({ code: 2, stdout: HELP, stderr: '' });
  });

  it('importing the compiled CLI module runs nothing', async () => {
    const entry = new URL('../../dist/electron/cli/tsm.js', import.meta.url).href;
    const probe = `const m = await import(${JSON.stringify(entry)}); process.stdout.write(typeof m.main + ' ' + process.exitCode);`;
    const result = await new Promise<{ code: number | null; out: string }>((resolve, reject) => {
      const child = spawn(process.execPath, ['--input-type=module', '-e', probe], {
        env: sandbox.env(),
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      let out = '';
      child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
      child.on('error', reject);
      child.on('close', (code) => resolve({ code, out }));
    });
    expect(result).toEqual({ code: 0, out: 'function undefined' });
  });

  it('exec: a child killed by a signal exits 128 + its number (SIGINT: 130)', async () => {
    const login = await sandbox.spawn(['login', '-p', 'Term', '--bearer', '--password-stdin'], {
      stdin: PASSWORD,
    });
    expect(login.code, login.stderr).toBe(0);
    const killed = await sandbox.spawn(['exec', '-p', 'Term', '--', 'sh', '-c', 'kill -INT $$']);
    expect(killed).toMatchObject({ code: 130, signal: null, stdout: '' });
  });
});

describe('tsm at a real terminal', () => {
  it('asks for the password with echo off and signs in with what was typed', async () => {
    const result = await runInTerminal(sandbox, ['login', '-p', 'Term'], {
      waitFor: `Password for dave at ${emulator.url}: `,
      keys: `${PASSWORD}\r`,
    });
    expect(result.code, result.screen).toBe(0);
    expect(result.screen).toContain('Signed in to "Term" as dave (cookie session)');
    expect(result.screen).not.toContain(PASSWORD);
  });

  it('Ctrl-C at the password prompt cancels with exit 2 and nothing stored', async () => {
    await sandbox.run(['logout', '-p', 'Term']);
    const result = await runInTerminal(sandbox, ['login', '-p', 'Term'], {
      waitFor: 'Password for dave',
      keys: 'half-typ\u0003',
    });
    expect(result.code, result.screen).toBe(2);
    expect(result.screen).toContain('tsm: Cancelled');
    expect(result.screen).not.toContain('half-typ');
    expect((await sandbox.run(['token', '-p', 'Term'])).code).toBe(3);
  });
});
