import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadKeytar } from '../../electron/core/secrets/index.js';
import { startEmulator, type RunningEmulator } from '../emulator/index.js';
import { requireKeyring, TsmSandbox } from './support/run-tsm.js';

let emulator: RunningEmulator;
let sandbox: TsmSandbox;
const PASSWORD = 'd4ve-Pa55-91c2';

beforeAll(async () => {
  requireKeyring();
  emulator = await startEmulator({
    port: 0,
    users: [
      { username: 'dave', password: PASSWORD, displayName: 'Dave', email: 'dave@example.com' },
    ],
  });
  sandbox = new TsmSandbox();
});
afterAll(async () => {
  sandbox.dispose();
  await emulator.close();
});

/** The kinds of keychain entry the profile has, under the sandbox's own service. */
async function keychainKinds(name: string): Promise<string[]> {
  const { id } = JSON.parse((await sandbox.run(['profile', 'show', name, '--json'])).stdout) as {
    id: string;
  };
  const keytar = await loadKeytar();
  return (await keytar.findCredentials(sandbox.service))
    .filter((c) => c.account.startsWith(`${id}/`))
    .map((c) => c.account.slice(id.length + 1))
    .sort();
}

/** A profile signed in with a password and holding a bearer token. */
async function signedIn(name: string): Promise<string> {
  await sandbox.run(['profile', 'add', name, '--url', emulator.url, '--user', 'dave']);
  const login = await sandbox.run(['login', '-p', name, '--password-stdin'], {
    stdin: `${PASSWORD}\n`,
  });
  expect(login.code).toBe(0);
  const token = await sandbox.run(['token', '-p', name]);
  expect(token.code).toBe(0);
  expect(await keychainKinds(name)).toEqual(['cookies', 'password', 'token']);
  return token.stdout.trim();
}

describe('tsm profile edit (issue 14), against the emulator in a private keyring', () => {
  it('renaming only keeps the session: the same token comes back under the new name', async () => {
    const token = await signedIn('Old');
    const edit = await sandbox.run(['profile', 'edit', 'Old', '--name', 'Renamed']);
    expect(edit).toEqual({
      code: 0,
      stdout: 'Updated profile "Renamed": name "Old" → "Renamed"\n',
      stderr: '',
    });
    const again = await sandbox.run(['token', '-p', 'Renamed']);
    expect(again).toMatchObject({ code: 0, stdout: `${token}\n` });
    expect(await keychainKinds('Renamed')).toEqual(['cookies', 'password', 'token']);
  });

  it('a new URL says it signs you out, forgets every secret, and tsm token then asks to sign in', async () => {
    await signedIn('Moving');
    const other = emulator.url.replace('127.0.0.1', 'localhost');
    expect(other).not.toBe(emulator.url);
    const edit = await sandbox.run(['profile', 'edit', 'Moving', '--url', other]);
    expect(edit.code).toBe(0);
    expect(edit.stderr).toMatch(/^tsm: Changing the cluster signs you out of this profile/);
    expect(edit.stdout).toBe(
      `Updated profile "Moving": url ${JSON.stringify(emulator.url)} → ${JSON.stringify(other)}\n`,
    );
    expect(await keychainKinds('Moving')).toEqual([]);
    const token = await sandbox.run(['token', '-p', 'Moving']);
    expect(token.code).toBe(3);
    expect(token.stdout).toBe('');
    expect(token.stderr).toMatch(/sign in/i);
  });

  it('a new user signs out too, and --json tells what changed', async () => {
    await signedIn('Who');
    const edit = await sandbox.run(['profile', 'edit', 'Who', '--user', 'erin', '--json']);
    expect(edit.code).toBe(0);
    expect(edit.stderr).toMatch(/Changing the cluster signs you out/);
    expect(JSON.parse(edit.stdout)).toMatchObject({
      name: 'Who',
      username: 'erin',
      signedOut: true,
      changed: [{ field: 'user', from: 'dave', to: 'erin' }],
    });
    expect(await keychainKinds('Who')).toEqual([]);
  });

  it("keeps the editor's rules: clears the org, toggles TLS with a warning, refuses contradictions", async () => {
    await sandbox.run(['profile', 'add', 'Rules', '--url', emulator.url, '--user', 'dave']);
    const set = await sandbox.run(['profile', 'edit', 'Rules', '--org', '7', '--validity', '600']);
    expect(set.stdout).toBe('Updated profile "Rules": org null → 7, validity 3600 → 600\n');
    const cleared = await sandbox.run(['profile', 'edit', 'Rules', '--org', '', '--insecure']);
    expect(cleared.stdout).toBe('Updated profile "Rules": org 7 → null, insecure false → true\n');
    expect(cleared.stderr).toMatch(/WARNING: "Rules" accepts any TLS certificate/);
    const secure = await sandbox.run(['profile', 'edit', 'Rules', '--secure', '--no-auto-renew']);
    expect(secure.stdout).toBe(
      'Updated profile "Rules": auto-renew true → false, insecure true → false\n',
    );
    const both = await sandbox.run(['profile', 'edit', 'Rules', '--insecure', '--secure']);
    expect(both).toMatchObject({ code: 2, stdout: '' });
    expect(both.stderr).toMatch(/--insecure and --secure cannot be given together/);
    const nothing = await sandbox.run(['profile', 'edit', 'Rules']);
    expect(nothing.code).toBe(2);
    expect(nothing.stderr).toMatch(/needs something to change/);
    // The core's checks apply as in the window: a name another profile has is refused.
    const clash = await sandbox.run(['profile', 'edit', 'Rules', '--name', 'renamed']);
    expect(clash.code).toBe(2);
    const add = await sandbox.run(['profile', 'add', 'Bad', '--url', emulator.url, '--user', 'x']);
    expect(add.code).toBe(0);
    const badUrl = await sandbox.run(['profile', 'edit', 'Bad', '--url', 'acme.example.com']);
    expect(badUrl).toMatchObject({ code: 2, stdout: '' });
    expect(badUrl.stderr).toMatch(/needs a scheme/);
    expect((await sandbox.run(['profile', 'show', 'Bad', '--json'])).stdout).toContain(
      `"url": "${emulator.url}"`,
    );
  });
});
