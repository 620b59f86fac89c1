// Issue 14: `tsm doctor` runs every check whatever the others find (settings, secret store,
// cluster, TLS, dialect, clock, session), one line each with ok/warn/FAIL (or skip, when what a
// check needs failed) and a hint, and exits with the most serious failure's code.
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../emulator/index.js';
import { requireBuiltCli, TsmSandbox } from './support/run-tsm.js';

let emulator: RunningEmulator;
let sandbox: TsmSandbox;
let closedUrl: string;

/** A port nothing listens on: bound once to learn a free one, then closed. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

beforeAll(async () => {
  requireBuiltCli();
  emulator = await startEmulator({ port: 0 });
  sandbox = new TsmSandbox();
  closedUrl = `http://127.0.0.1:${await closedPort()}`;
  for (const [name, url] of [
    ['Live', emulator.url],
    ['Gone', closedUrl],
  ] as const) {
    const add = await sandbox.run(['profile', 'add', name, '--url', url, '--user', 'tsadmin']);
    expect(add.code, add.stderr).toBe(0);
  }
  const login = await sandbox.run(['login', '-p', 'Live', '--bearer', '--password-stdin'], {
    stdin: 'admin\n',
  });
  expect(login.code, login.stderr).toBe(0);
});
afterAll(async () => {
  sandbox.dispose();
  await emulator.close();
});

const statuses = (stdout: string): string[][] =>
  (JSON.parse(stdout) as { checks: { name: string; status: string }[] }).checks.map((c) => [
    c.name,
    c.status,
  ]);

describe('tsm doctor', () => {
  it('a signed-in profile on a live cluster: every check ok, exit 0', async () => {
    const result = await sandbox.run(['doctor', '-p', 'Live', '--json']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(statuses(result.stdout)).toEqual([
      ['settings', 'ok'],
      ['secret store', 'ok'],
      ['cluster', 'ok'],
      ['tls', 'ok'],
      ['dialect', 'ok'],
      ['clock', 'ok'],
      ['session', 'ok'],
    ]);
  });

  it('a profile that is not signed in: warn with the login command, still exit 0', async () => {
    const other = new TsmSandbox();
    try {
      await other.run(['profile', 'add', 'New', '--url', emulator.url, '--user', 'tsadmin']);
      const result = await other.run(['doctor']);
      expect(result.code).toBe(0);
      expect(result.stdout).toContain(
        'warn session: "New" is not signed in — run `tsm login -p New`\n',
      );
    } finally {
      other.dispose();
    }
  });

  it('with no keychain: every check still runs, the secret store fails naming the switch, exit 5', async () => {
    const result = await sandbox.spawn(['doctor', '-p', 'Live'], {
      env: { DBUS_SESSION_BUS_ADDRESS: '', DISPLAY: '', WAYLAND_DISPLAY: '' },
    });
    expect(result.code).toBe(5);
    const lines = result.stdout.trim().split('\n');
    expect(lines.map((line) => line.split(':')[0])).toEqual([
      'ok   settings',
      'FAIL secret store',
      'ok   cluster',
      'ok   tls',
      'ok   dialect',
      'ok   clock',
      'skip session',
    ]);
    expect(lines[1]).toMatch(/No D-Bus session.*set TSM_SECRET_STORE=encrypted-file/);
  });

  it('with the cluster unreachable: the cluster fails in words, what needs it is skipped, exit 4', async () => {
    const result = await sandbox.run(['doctor', '-p', 'Gone']);
    expect(result.code).toBe(4);
    expect(result.stdout).not.toMatch(/TypeError|fetch failed/);
    const lines = result.stdout.trim().split('\n');
    expect(lines.map((line) => line.split(':')[0])).toEqual([
      'ok   settings',
      'ok   secret store',
      'FAIL cluster',
      'ok   tls',
      'skip dialect',
      'skip clock',
      'warn session',
    ]);
    expect(lines[2]).toBe(
      `FAIL cluster: Could not connect to ${closedUrl}: connection refused (is the cluster running, and is the port right?) — check the URL, the port and your network (VPN, proxy)`,
    );
  });
});
