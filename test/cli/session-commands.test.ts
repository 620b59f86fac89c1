import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../emulator/index.js';
import { loadKeytar } from '../../electron/core/secrets/index.js';
import { requireBuiltCli, TsmSandbox } from './support/run-tsm.js';

let emulator: RunningEmulator;
let sandbox: TsmSandbox;
const HOUR = 3600_000;
const PASSWORD = 'c4r0l-Pa55-7f3e';

beforeAll(async () => {
  requireBuiltCli();
  // A password that cannot hide inside other text (tsadmin's "admin" is part of its username).
  emulator = await startEmulator({
    port: 0,
    users: [
      { username: 'carol', password: PASSWORD, displayName: 'Carol', email: 'carol@example.com' },
    ],
  });
  sandbox = new TsmSandbox();
});
afterAll(async () => {
  sandbox.dispose();
  await emulator.close();
});

/** The kinds of keychain entry a profile has ("<id>/<kind>" accounts under the sandbox's service). */
async function keychainAccounts(profile = 'Demo'): Promise<string[]> {
  const shown = await sandbox.run(['profile', 'show', profile, '--json']);
  const { id } = JSON.parse(shown.stdout) as { id: string };
  const keytar = await loadKeytar();
  return (await keytar.findCredentials(sandbox.service))
    .filter((c) => c.account.startsWith(`${id}/`))
    .map((c) => c.account.slice(id.length + 1))
    .sort();
}

describe('tsm against the emulator, in a private keyring', () => {
  const secrets: string[] = [PASSWORD];

  it('adds a profile and signs in with a cookie session', async () => {
    const add = await sandbox.run([
      'profile',
      'add',
      'Demo',
      '--url',
      `${emulator.url}/#/home`,
      '--user',
      'carol',
    ]);
    expect(add).toMatchObject({ code: 0, stdout: `Added profile "Demo" (${emulator.url})\n` });
    const login = await sandbox.run(['login', '--password-stdin'], { stdin: `${PASSWORD}\n` });
    expect(login.stderr).toBe('');
    expect(login).toMatchObject({
      code: 0,
      stdout: 'Signed in to "Demo" as carol (cookie session)\n',
    });
    expect(await keychainAccounts()).toEqual(['cookies', 'password']);
    const info = await sandbox.run(['info', '--json']);
    expect(JSON.parse(info.stdout)).toMatchObject({
      profile: 'Demo',
      username: 'carol',
      kind: 'cookie',
      dialect: 'C',
    });
  });

  it('prints only the token, so $(tsm token) works, and answers from the cache afterwards', async () => {
    const first = await sandbox.run(['token']);
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/^[\w-]{20,}\n$/);
    secrets.push(first.stdout.trim());
    const issued = emulator.tokenRequests();
    const again = await sandbox.run(['token', '--json']);
    expect(emulator.tokenRequests()).toBe(issued);
    const doc = JSON.parse(again.stdout) as Record<string, unknown>;
    expect(Object.keys(doc).sort()).toEqual([
      'dialect',
      'expiresAt',
      'expiresInSeconds',
      'profile',
      'token',
      'username',
    ]);
    expect(doc.token).toBe(first.stdout.trim());
    expect(await keychainAccounts()).toEqual(['cookies', 'password', 'token']);
  });

  it('ten tsm token processes at once on an expired token make exactly one token request', async () => {
    // Issue a token that is already an hour past its expiry, by the cluster's clock.
    emulator.clock.advance(-2 * HOUR);
    expect(
      (await sandbox.run(['login', '--bearer', '--password-stdin'], { stdin: PASSWORD })).code,
    ).toBe(0);
    emulator.clock.advance(2 * HOUR);
    const before = emulator.tokenRequests();
    const results = await Promise.all(Array.from({ length: 10 }, () => sandbox.spawn(['token'])));
    expect(results.map((r) => r.code)).toEqual(Array(10).fill(0));
    expect(new Set(results.map((r) => r.stdout)).size).toBe(1);
    expect(emulator.tokenRequests() - before).toBe(1);
    secrets.push(results[0]?.stdout.trim() ?? '');
  });

  it('renews under an injected clock, and says "sign in again" when auto-renew is off', async () => {
    const later = { TSM_CLOCK_OFFSET_MS: String(2 * HOUR) };
    const before = (await sandbox.run(['token'])).stdout;
    const renewed = await sandbox.run(['token'], { env: later });
    expect(renewed.code).toBe(0);
    expect(renewed.stdout).not.toBe(before);
    secrets.push(renewed.stdout.trim());
    const log = JSON.parse((await sandbox.run(['log', '--json', '-n', '1'])).stdout) as {
      action: string;
    }[];
    expect(log[0]?.action).toBe('renewed');

    expect(
      (
        await sandbox.run([
          'profile',
          'add',
          'Manual',
          '--url',
          emulator.url,
          '--user',
          'analyst',
          '--no-auto-renew',
        ])
      ).code,
    ).toBe(0);
    expect(
      (
        await sandbox.run(['login', '-p', 'Manual', '--bearer', '--password-stdin'], {
          stdin: 'analyst',
        })
      ).code,
    ).toBe(0);
    const refused = await sandbox.run(['token', '-p', 'Manual'], { env: later });
    expect(refused).toMatchObject({
      code: 3,
      stdout: '',
      stderr:
        'tsm: The token for "Manual" has expired and auto-renew is off; sign in again with `tsm login -p Manual`\n',
    });
  });

  it('validate sees a revocation made by another process', async () => {
    const token = (await sandbox.run(['token'])).stdout.trim();
    expect((await sandbox.run(['validate'])).code).toBe(0);
    // Another process revokes the token at the cluster (token passed in its environment, not argv).
    const code = await new Promise<number | null>((resolve) => {
      spawn(
        process.execPath,
        [
          '-e',
          "fetch(process.env.URL + '/api/rest/2.0/auth/token/revoke', { method: 'POST', headers: { authorization: 'Bearer ' + process.env.TOKEN, 'content-type': 'application/json' }, body: '{}' }).then((r) => process.exit(r.status === 204 ? 0 : 1))",
        ],
        { env: { ...process.env, URL: emulator.url, TOKEN: token }, stdio: 'inherit' },
      ).on('exit', resolve);
    });
    expect(code).toBe(0);
    const validate = await sandbox.run(['validate']);
    expect(validate.code).toBe(3);
    expect(validate.stderr).toBe(
      `tsm: The token for ${emulator.url} was revoked; sign in again with \`tsm login -p Demo\`\n`,
    );
    expect(await keychainAccounts()).toEqual(['cookies', 'password']);
  });

  it('exec passes TS_URL and TS_TOKEN in the environment, never on argv, and passes the exit code through', async () => {
    const script =
      'printf "%s|%s|" "$TS_URL" "$TS_TOKEN"; tr "\\0" " " < /proc/$PPID/cmdline; printf "|"; tr "\\0" " " < /proc/$$/cmdline; exit 7';
    const result = await sandbox.spawn(['exec', '--', 'sh', '-c', script]);
    expect(result.code).toBe(7);
    const [url, token, parentArgv, childArgv] = result.stdout.split('|');
    expect(url).toBe(emulator.url);
    expect(token).toMatch(/^[\w-]{20,}$/);
    secrets.push(token ?? '');
    expect(parentArgv).toContain('tsm.cjs exec -- sh -c');
    expect(parentArgv).not.toContain(token);
    expect(childArgv).not.toContain(token);
  });

  it("exec in-process carries the child's stdin, stdout and stderr through io, and its exit code", async () => {
    const script = 'read line; printf "%s|%s" "$line" "$TS_URL"; printf oops >&2; exit 3';
    const result = await sandbox.run(['exec', '--', 'sh', '-c', script], { stdin: 'hello\n' });
    expect(result).toEqual({ code: 3, stdout: `hello|${emulator.url}`, stderr: 'oops' });
  });

  it('exec of a command that is not there exits 127 and says so', async () => {
    expect(await sandbox.run(['exec', '--', 'no-such-command-for-tsm'])).toEqual({
      code: 127,
      stdout: '',
      stderr: 'tsm: cannot run no-such-command-for-tsm: command not found\n',
    });
  });

  it('revoke, then logout, leave no secret in the keychain and none in any file', async () => {
    const revoke = await sandbox.run(['revoke']);
    expect(revoke).toMatchObject({ code: 0, stdout: 'Revoked the token of "Demo"\n' });
    expect(await keychainAccounts()).toEqual(['cookies', 'password']);
    const logout = await sandbox.run(['logout']);
    expect(logout).toMatchObject({
      code: 0,
      stdout:
        'Signed out of "Demo" (the cluster ended the session); its secrets were removed from the keychain\n',
    });
    expect(await keychainAccounts()).toEqual([]);
    const files = sandbox.filesText();
    for (const secret of secrets.filter(Boolean)) expect(files).not.toContain(secret);
    expect(files).toContain('audit.log');
  });

  it('removing a profile removes its keychain entries', async () => {
    // Auto-renew off: the password was used once and never stored.
    expect(await keychainAccounts('Manual')).toEqual(['token']);
    expect(await sandbox.run(['profile', 'remove', 'Manual'])).toMatchObject({
      code: 0,
      stdout: 'Removed profile "Manual" and its secrets from the keychain\n',
    });
    const keytar = await loadKeytar();
    const left = (await keytar.findCredentials(sandbox.service)).filter((c) =>
      c.account.includes('/'),
    );
    expect(left).toEqual([]);
  });
});
