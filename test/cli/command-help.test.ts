// Issue 14: help after a command is only help. `tsm logout --help` must not sign out, `tsm profile
// remove X --help` must not delete, `tsm token --help` must not print a token.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commandHelp, HELP } from '../../electron/cli/help.js';
import { startEmulator, type RunningEmulator } from '../emulator/index.js';
import { requireBuiltCli, TsmSandbox } from './support/run-tsm.js';

let emulator: RunningEmulator;
let sandbox: TsmSandbox;
let token = '';

beforeAll(async () => {
  requireBuiltCli();
  emulator = await startEmulator({ port: 0 });
  sandbox = new TsmSandbox();
  const add = await sandbox.run([
    'profile',
    'add',
    'Help',
    '--url',
    emulator.url,
    '--user',
    'tsadmin',
  ]);
  expect(add.code, add.stderr).toBe(0);
  const login = await sandbox.run(['login', '--password-stdin'], { stdin: 'admin' });
  expect(login.code, login.stderr).toBe(0);
  token = (await sandbox.run(['token'])).stdout.trim();
  expect(token).toMatch(/^[\w-]{20,}$/);
});
afterAll(async () => {
  await sandbox.run(['logout']);
  sandbox.dispose();
  await emulator.close();
});

const signOuts = (): number =>
  emulator.requests.filter((request) => /logout/i.test(request.path)).length;

describe('tsm COMMAND --help prints that command help and does nothing else', () => {
  it('tsm token --help prints the help of token, not a token', async () => {
    const issued = emulator.tokenRequests();
    const result = await sandbox.run(['token', '--help']);
    expect(result).toEqual({ code: 0, stdout: commandHelp('token'), stderr: '' });
    expect(result.stdout).not.toContain(token);
    expect(result.stdout).toMatch(/^Usage: tsm token /);
    expect(result.stdout).toContain('Example:\n  export TS_TOKEN=$(tsm token -p Prod)');
    expect(result.stdout).toContain('Exit codes:\n  0 ok');
    expect(emulator.tokenRequests()).toBe(issued);
  });

  it('tsm logout -p Help -h does not sign out: the cluster saw no logout, the token still works', async () => {
    const before = signOuts();
    const result = await sandbox.run(['logout', '-p', 'Help', '-h']);
    expect(result).toEqual({ code: 0, stdout: commandHelp('logout'), stderr: '' });
    expect(signOuts()).toBe(before);
    expect((await sandbox.run(['token'])).stdout.trim()).toBe(token);
  });

  it('tsm profile remove Help --help deletes nothing', async () => {
    const result = await sandbox.run(['profile', 'remove', 'Help', '--help']);
    expect(result).toEqual({ code: 0, stdout: commandHelp('profile'), stderr: '' });
    const list = JSON.parse((await sandbox.run(['profile', 'list', '--json'])).stdout) as {
      name: string;
    }[];
    expect(list.map((p) => p.name)).toEqual(['Help']);
    expect((await sandbox.run(['token'])).stdout.trim()).toBe(token);
  });

  it('tsm login --help asks for no password', async () => {
    // Without --help, login on a stdin that is no terminal says the password is needed (exit 2).
    const result = await sandbox.run(['login', '--help']);
    expect(result).toEqual({ code: 0, stdout: commandHelp('login'), stderr: '' });
    expect(result.stdout).toContain('--password-stdin');
  });

  it('tsm help token is the same page; tsm help alone is the general help', async () => {
    expect(await sandbox.run(['help', 'token'])).toEqual({
      code: 0,
      stdout: commandHelp('token'),
      stderr: '',
    });
    expect(await sandbox.run(['help'])).toEqual({ code: 0, stdout: HELP, stderr: '' });
    expect(await sandbox.run(['help', 'nope'])).toEqual({
      code: 2,
      stdout: '',
      stderr: 'tsm: There is no command "nope" (see tsm --help)\n',
    });
  });

  it('every command has a page with usage, an example and its exit codes', () => {
    for (const command of [
      'profile',
      'login',
      'token',
      'info',
      'validate',
      'logout',
      'revoke',
      'exec',
      'doctor',
      'log',
    ]) {
      const page = commandHelp(command);
      expect(page, command).toMatch(new RegExp(`^Usage: tsm ${command} `));
      expect(page, command).toMatch(/\nExample:\n {2}tsm|\nExample:\n {2}\S/);
      expect(page, command).toContain('\nExit codes:\n  0 ok\n  1 unexpected\n  2 usage\n');
    }
  });
});
