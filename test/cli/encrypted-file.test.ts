// Issue 12 with the encrypted secrets file (TSM_SECRET_STORE=encrypted-file, no keychain): the
// passphrase rules, messages that name where the secrets are, and an exec child that never sees
// the passphrase. Spawned: libsecret finds its bus in the real process environment, not in io.env.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../emulator/index.js';
import { requireBuiltCli, TsmSandbox, type RunOptions } from './support/run-tsm.js';
import { runInTerminal } from './support/terminal.js';

const PASSPHRASE = 'Pa55phrase-of-the-file-42';
let emulator: RunningEmulator;
let sandbox: TsmSandbox;

beforeAll(async () => {
  requireBuiltCli();
  emulator = await startEmulator({ port: 0 });
  sandbox = new TsmSandbox();
  for (const name of ['Enc', 'Gone']) {
    const add = await sandbox.run([
      'profile',
      'add',
      name,
      '--url',
      emulator.url,
      '--user',
      'tsadmin',
    ]);
    expect(add.code, add.stderr).toBe(0);
  }
});
afterAll(async () => {
  sandbox.dispose();
  await emulator.close();
});

/** tsm with no keychain reachable and the encrypted file chosen. */
function inFile(args: string[], env: NodeJS.ProcessEnv = {}, options: RunOptions = {}) {
  return sandbox.spawn(args, {
    ...options,
    env: {
      DBUS_SESSION_BUS_ADDRESS: '',
      DISPLAY: '',
      WAYLAND_DISPLAY: '',
      TSM_SECRET_STORE: 'encrypted-file',
      TSM_SECRETS_PASSPHRASE: PASSPHRASE,
      ...env,
    },
  });
}

const secretsFile = (): string => join(sandbox.configDir, 'secrets.enc');

describe('the passphrase of the encrypted secrets file', () => {
  it('TSM_SECRETS_PASSPHRASE= (an unfilled CI secret) is refused in one line, exit 5, nothing stored', async () => {
    const result = await inFile(
      ['login', '-p', 'Enc', '--password-stdin'],
      { TSM_SECRETS_PASSPHRASE: '' },
      {
        stdin: 'admin',
      },
    );
    expect(result).toMatchObject({
      code: 5,
      stdout: '',
      stderr:
        'tsm: No passphrase was given for the encrypted secrets file; set TSM_SECRETS_PASSPHRASE or enter it when asked\n',
    });
    expect(existsSync(secretsFile())).toBe(false);
  });

  it('a new file needs 8 characters or more', async () => {
    const result = await inFile(
      ['login', '-p', 'Enc', '--password-stdin'],
      { TSM_SECRETS_PASSPHRASE: 'seven77' },
      {
        stdin: 'admin',
      },
    );
    expect(result).toMatchObject({
      code: 5,
      stdout: '',
      stderr:
        'tsm: A new encrypted secrets file needs a passphrase of at least 8 characters; nothing was stored\n',
    });
    expect(existsSync(secretsFile())).toBe(false);
  });

  it('a passphrase of 8+ makes the file; an empty one then does not open it', async () => {
    const login = await inFile(
      ['login', '-p', 'Enc', '--bearer', '--password-stdin'],
      {},
      { stdin: 'admin' },
    );
    expect(login.code, login.stderr).toBe(0);
    expect(existsSync(secretsFile())).toBe(true);
    const empty = await inFile(['token', '-p', 'Enc'], { TSM_SECRETS_PASSPHRASE: '' });
    expect(empty).toMatchObject({ code: 5, stdout: '' });
    expect(empty.stderr.trim().split('\n')).toHaveLength(1);
  });
});

describe('tsm exec hands the child no TSM_* variable', () => {
  it('the child sees TS_URL and TS_TOKEN, and neither the passphrase nor any TSM_ name', async () => {
    const result = await inFile(
      [
        'exec',
        '-p',
        'Enc',
        '--',
        process.execPath,
        '-e',
        'process.stdout.write(JSON.stringify(process.env))',
      ],
      {
        TSM_SOMETHING_ELSE: 'x',
        tsm_lower: 'y',
      },
    );
    expect(result.code, result.stderr).toBe(0);
    const env = JSON.parse(result.stdout) as Record<string, string>;
    expect(Object.keys(env).filter((name) => /^tsm_/i.test(name))).toEqual([]);
    expect(result.stdout).not.toContain(PASSPHRASE);
    expect(env.TS_URL).toBe(emulator.url);
    expect(env.TS_TOKEN).toMatch(/^[\w-]{20,}$/);
    // The rest of the environment still reaches it.
    expect(env.PATH).toBe(process.env.PATH);
  });
});

describe('messages name where the secrets live', () => {
  it('logout says the encrypted secrets file, not the keychain', async () => {
    const result = await inFile(['logout', '-p', 'Enc']);
    expect(result).toMatchObject({
      code: 0,
      stdout:
        'Signed out of "Enc" (there was no cookie session to end at the cluster); its secrets were removed from the encrypted secrets file\n',
    });
  });

  it('profile remove says the encrypted secrets file, not the keychain', async () => {
    const result = await inFile(['profile', 'remove', 'Gone']);
    expect(result).toMatchObject({
      code: 0,
      stdout: 'Removed profile "Gone" and its secrets from the encrypted secrets file\n',
    });
  });
});

describe('at a terminal, a new encrypted file', () => {
  const noPassphraseEnv = {
    DBUS_SESSION_BUS_ADDRESS: '',
    DISPLAY: '',
    WAYLAND_DISPLAY: '',
    TSM_SECRET_STORE: 'encrypted-file',
  };

  it('states the rule and asks twice; two different answers store nothing', async () => {
    const other = new TsmSandbox();
    try {
      await other.run(['profile', 'add', 'T', '--url', emulator.url, '--user', 'tsadmin']);
      const { TSM_SECRETS_PASSPHRASE: _unset, ...env } = other.env(noPassphraseEnv);
      const differ = await runInTerminal(
        other,
        ['login', '-p', 'T', '--bearer'],
        [
          { waitFor: `Password for tsadmin at ${emulator.url}: `, keys: 'admin\r' },
          {
            waitFor: 'New passphrase for the encrypted secrets file (at least 8 characters): ',
            keys: `${PASSPHRASE}\r`,
          },
          { waitFor: 'The same passphrase again: ', keys: `${PASSPHRASE}x\r` },
        ],
        env,
      );
      expect(differ.code, differ.screen).toBe(5);
      expect(differ.screen).toContain('tsm: The two passphrases differ; nothing was stored');
      expect(differ.screen).not.toContain(PASSPHRASE);
      expect(existsSync(join(other.configDir, 'secrets.enc'))).toBe(false);

      const same = await runInTerminal(
        other,
        ['login', '-p', 'T', '--bearer'],
        [
          { waitFor: `Password for tsadmin at ${emulator.url}: `, keys: 'admin\r' },
          { waitFor: '(at least 8 characters): ', keys: `${PASSPHRASE}\r` },
          { waitFor: 'The same passphrase again: ', keys: `${PASSPHRASE}\r` },
        ],
        env,
      );
      expect(same.code, same.screen).toBe(0);
      expect(same.screen).toContain('Signed in to "T" as tsadmin (bearer token');
      expect(existsSync(join(other.configDir, 'secrets.enc'))).toBe(true);
    } finally {
      other.dispose();
    }
  });
});
