// Issue 14: errors say what to do in terms of the terminal: the command that signs in again, the
// variable that chooses the encrypted secrets file, and what a port fetch refuses is.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../emulator/index.js';
import { requireBuiltCli, TsmSandbox } from './support/run-tsm.js';

let emulator: RunningEmulator;
let sandbox: TsmSandbox;

beforeAll(async () => {
  requireBuiltCli();
  emulator = await startEmulator({ port: 0 });
  sandbox = new TsmSandbox();
  for (const [name, url] of [
    ['My Prod', emulator.url],
    ['X11', 'http://127.0.0.1:6000'],
    ['Tcpmux', 'http://127.0.0.1:1'],
  ] as const) {
    const add = await sandbox.run(['profile', 'add', name, '--url', url, '--user', 'tsadmin']);
    expect(add.code, add.stderr).toBe(0);
  }
});
afterAll(async () => {
  sandbox.dispose();
  await emulator.close();
});

describe('error messages name the remedy', () => {
  it('not signed in: the message ends with the command that signs this profile in', async () => {
    const result = await sandbox.run(['token', '-p', 'My Prod']);
    expect(result).toEqual({
      code: 3,
      stdout: '',
      stderr:
        'tsm: No token is stored for "My Prod" and no credential is stored to renew it; sign in again with `tsm login -p \'My Prod\'`\n',
    });
  });

  it('--json carries the same message', async () => {
    const result = await sandbox.run(['info', '-p', 'My Prod', '--json']);
    expect(result.code).toBe(3);
    const { error } = JSON.parse(result.stdout) as { error: { message: string } };
    expect(error.message).toMatch(/sign in again with `tsm login -p 'My Prod'`$/);
  });

  it('no keychain: the one line names TSM_SECRET_STORE=encrypted-file', async () => {
    const result = await sandbox.spawn(['token', '-p', 'My Prod'], {
      env: { DBUS_SESSION_BUS_ADDRESS: '', DISPLAY: '', WAYLAND_DISPLAY: '' },
    });
    expect(result.code).toBe(5);
    expect(result.stdout).toBe('');
    const lines = result.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^tsm: No D-Bus session/);
    expect(lines[0]).toMatch(/set TSM_SECRET_STORE=encrypted-file/);
  });

  it.each([
    ['X11', 6000],
    ['Tcpmux', 1],
  ])('a port fetch refuses (%s, %i) is said to be one, not UNKNOWN', async (name, port) => {
    const result = await sandbox.run(['login', '-p', name, '--password-stdin'], {
      stdin: 'admin\n',
    });
    expect(result).toEqual({
      code: 4,
      stdout: '',
      stderr: `tsm: http://127.0.0.1:${port} uses port ${port}, one that browsers and Node refuse to use (it belongs to another protocol); check the port in the cluster URL\n`,
    });
  });
});
