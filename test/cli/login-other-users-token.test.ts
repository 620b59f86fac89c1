import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../emulator/index.js';
import { requireBuiltCli, TsmSandbox } from './support/run-tsm.js';

// Issue 15: a token pasted for another user was kept silently. `tsm login --token-stdin` refuses
// it in one line naming whose it is, exit 2 (the input is wrong), keeping nothing.
let emulator: RunningEmulator;
let sandbox: TsmSandbox;

beforeAll(async () => {
  requireBuiltCli();
  emulator = await startEmulator({ port: 0 });
  sandbox = new TsmSandbox();
});
afterAll(async () => {
  sandbox.dispose();
  await emulator.close();
});

async function tokenOf(username: string, password: string): Promise<string> {
  const response = await fetch(`${emulator.url}/api/rest/2.0/auth/token/full`, {
    method: 'POST',
    headers: { accept: 'application/json', 'content-type': 'application/json' },
    body: JSON.stringify({ username, password, validity_time_in_sec: 900 }),
  });
  return ((await response.json()) as { token: string }).token;
}

describe('tsm login --token-stdin with a token of another user', () => {
  it('refuses in one line naming whose token it is, and keeps nothing', async () => {
    const add = await sandbox.run([
      'profile',
      'add',
      'Pasted',
      '--url',
      emulator.url,
      '--user',
      'tsadmin',
      '--auth',
      'token',
    ]);
    expect(add.code).toBe(0);
    const token = await tokenOf('analyst', 'analyst');
    const login = await sandbox.run(['login', '-p', 'Pasted', '--token-stdin'], {
      stdin: `${token}\n`,
    });
    expect(login.code).toBe(2);
    expect(login.stdout).toBe('');
    expect(login.stderr.trim().split('\n')[0]).toMatch(
      /This token is analyst's, not tsadmin's \(the profile's user\): nothing was stored/,
    );
    expect(login.stderr).not.toContain(token);
    const status = await sandbox.run(['status', '--json']);
    expect(status.stdout).toContain('signed-out');
  });
});
