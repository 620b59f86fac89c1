// Issue 14: `tsm token --min-ttl S` is a promise. It renews when the profile can meet it; when it
// cannot (the profile's token validity, no stored credential) stdout stays empty, one line says
// why, and the exit code is 3. Against the emulator and the private keyring.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../emulator/index.js';
import { requireKeyring, TsmSandbox } from './support/run-tsm.js';

let emulator: RunningEmulator;
let sandbox: TsmSandbox;
/** tsm's clock, ten minutes on, as the emulator's is after the first test. */
const later = { TSM_CLOCK_OFFSET_MS: '600000' };

beforeAll(async () => {
  requireKeyring();
  emulator = await startEmulator({ port: 0 });
  sandbox = new TsmSandbox();
  for (const [name, extra] of [
    ['Hour', ['--validity', '3600']],
    ['Kept', ['--validity', '3600', '--no-auto-renew']],
  ] as const) {
    const add = await sandbox.run([
      'profile',
      'add',
      name,
      '--url',
      emulator.url,
      '--user',
      'tsadmin',
      ...extra,
    ]);
    expect(add.code, add.stderr).toBe(0);
    const login = await sandbox.run(['login', '-p', name, '--bearer', '--password-stdin'], {
      stdin: 'admin\n',
    });
    expect(login.code, login.stderr).toBe(0);
  }
});
afterAll(async () => {
  sandbox.dispose();
  await emulator.close();
});

async function secondsLeft(profile: string): Promise<number> {
  const shown = await sandbox.run(['token', '-p', profile, '--json']);
  expect(shown.code, shown.stderr).toBe(0);
  return (JSON.parse(shown.stdout) as { expiresInSeconds: number }).expiresInSeconds;
}

describe('tsm token --min-ttl', () => {
  it('renews when the cached token has less left and the profile can issue one that long', async () => {
    const before = await sandbox.run(['token', '-p', 'Hour']);
    // Ten minutes later (for the cluster and for tsm) the cached token has 3000 s left; 3300 s
    // is within the hour the profile asks for.
    emulator.clock.advance(600_000);
    const renewed = await sandbox.run(['token', '-p', 'Hour', '--min-ttl', '3300'], {
      env: later,
    });
    expect(renewed.stderr).toBe('');
    expect(renewed.code).toBe(0);
    expect(renewed.stdout.trim()).not.toBe(before.stdout.trim());
  });

  it('more than the profile’s token validity: nothing on stdout, one line why, exit 3', async () => {
    const result = await sandbox.run(['token', '-p', 'Hour', '--min-ttl', '7200']);
    expect(result).toEqual({
      code: 3,
      stdout: '',
      stderr:
        'tsm: "Hour" gets tokens valid for 3600 s (its token validity), less than the 7200 s asked; raise its token validity to ask for longer\n',
    });
    // The token it has still works for what it can promise.
    expect(await secondsLeft('Hour')).toBeGreaterThan(3500);
  });

  it('no credential to renew with (auto-renew off): exit 3, nothing on stdout', async () => {
    const result = await sandbox.run(['token', '-p', 'Kept', '--min-ttl', '3300'], {
      env: later,
    });
    expect(result.code).toBe(3);
    expect(result.stdout).toBe('');
    expect(result.stderr.split('\n')).toHaveLength(2);
    expect(result.stderr).toMatch(/auto-renew is off/);
  });

  it('--json keeps the promise too: no token in the document', async () => {
    const result = await sandbox.run(['token', '-p', 'Hour', '--min-ttl', '7200', '--json']);
    expect(result.code).toBe(3);
    expect(result.stdout).not.toMatch(/"token"/);
    expect(JSON.parse(result.stdout)).toMatchObject({ error: { code: 'TOKEN_EXPIRED' } });
  });
});
