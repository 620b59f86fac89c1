import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../emulator/index.js';
import { closedPortUrl } from '../support/raw-server.js';
import { requireBuiltCli, TsmSandbox } from './support/run-tsm.js';

let emulator: RunningEmulator;
let sandbox: TsmSandbox;

beforeAll(async () => {
  requireBuiltCli();
  emulator = await startEmulator({ port: 0 });
  sandbox = new TsmSandbox();
  for (const [name, user, extra] of [
    ['Admin', 'tsadmin', []],
    ['Mfa', 'mfa-user', []],
    ['Locked', 'locked-user', []],
    ['Trusted', 'tsadmin', ['--auth', 'secret-key', '--dialect', 'B']],
  ] as const) {
    const added = await sandbox.run([
      'profile',
      'add',
      name,
      '--url',
      emulator.url,
      '--user',
      user,
      ...extra,
    ]);
    expect(added.code, added.stderr).toBe(0);
  }
});
afterAll(async () => {
  sandbox.dispose();
  await emulator.close();
});

describe('tsm profile commands', () => {
  it('lists profiles as stable JSON, the first one the default', async () => {
    const list = await sandbox.run(['profile', 'list', '--json']);
    const profiles = JSON.parse(list.stdout) as {
      name: string;
      default: boolean;
      dialect: string;
    }[];
    expect(profiles.map((p) => [p.name, p.default])).toEqual([
      ['Admin', true],
      ['Mfa', false],
      ['Locked', false],
      ['Trusted', false],
    ]);
    expect((await sandbox.run(['profile', 'default', 'Mfa'])).stdout).toBe(
      '"Mfa" is now the default profile\n',
    );
    expect((await sandbox.run(['profile', 'list'])).stdout).toMatch(/^\* +Mfa /m);
    await sandbox.run(['profile', 'default', 'Admin']);
  });

  it('exports without secrets and imports with a report', async () => {
    const file = join(sandbox.configDir, 'export.json');
    expect((await sandbox.run(['profile', 'export', file])).stdout).toBe(
      `Exported 4 profile(s) to ${file} (no secrets)\n`,
    );
    const other = new TsmSandbox();
    try {
      const imported = await other.run(['profile', 'import', file]);
      expect(imported).toMatchObject({
        code: 0,
        stdout: 'Imported 4 profile(s): Admin, Mfa, Locked, Trusted\n',
      });
      const again = await other.run(['profile', 'import', file]);
      expect(again.stdout).toContain(
        'Skipped "Admin": A profile named "Admin" already exists; choose another name',
      );
    } finally {
      other.dispose();
    }
  });
});

describe('tsm errors: one clear line on stderr and a documented exit code', () => {
  it.each([
    [['frobnicate'], 2, 'tsm: Unknown command "frobnicate" (see tsm --help)'],
    [['token', '-p', 'Nope'], 2, 'tsm: There is no profile named "Nope"'],
    [
      ['token', '--min-ttl', 'soon'],
      2,
      'tsm: --min-ttl must be a whole number, not "soon" (see tsm --help)',
    ],
    [
      ['profile', 'add', 'X', '--url', 'javascript:alert(1)', '--user', 'u'],
      2,
      'tsm: The cluster URL must start with https:// or http://, not javascript:',
    ],
    [
      ['profile', 'add', 'Admin', '--url', 'https://x.example.com', '--user', 'u'],
      2,
      'tsm: A profile named "Admin" already exists; choose another name',
    ],
    [
      ['exec', '-p', 'Admin'],
      2,
      'tsm: exec needs a command after --, e.g. tsm exec -- ./report.sh (see tsm --help)',
    ],
    [
      ['token', '-p', 'Admin'],
      3,
      'tsm: No token is stored for "Admin" and no credential is stored to renew it; sign in again with `tsm login -p Admin`',
    ],
  ])('tsm %j exits %i', async (args, code, line) => {
    const result = await sandbox.run(args);
    expect({ code: result.code, stderr: result.stderr, stdout: result.stdout }).toEqual({
      code,
      stderr: `${line}\n`,
      stdout: '',
    });
  });

  it.each([
    ['Admin', 'wrong-password', 3, `tsm: Wrong username or password for tsadmin at ${'URL'}`],
    [
      'Mfa',
      'mfa-user',
      3,
      `tsm: This cluster requires multi-factor sign-in for mfa-user at ${'URL'}; sign in through its own sign-in page in a browser instead: \`tsm profile edit Mfa --auth browser\`, then \`tsm login -p Mfa\``,
    ],
    [
      'Locked',
      'locked-user',
      3,
      `tsm: The account locked-user at ${'URL'} is locked; ask a ThoughtSpot administrator to unlock it`,
    ],
  ])('login to %s fails with its reason', async (profile, password, code, line) => {
    const result = await sandbox.run(['login', '-p', profile, '--password-stdin'], {
      stdin: password,
    });
    expect(result.code).toBe(code);
    expect(result.stderr).toBe(`${line.replace('URL', emulator.url)}\n`);
    expect(result.stderr).not.toContain(password === 'wrong-password' ? password : '\u0000');
  });

  it('refuses a secret on argv', async () => {
    const result = await sandbox.spawn(['token', '--password', 'hunter2']);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      'tsm: passwords are never taken from arguments; use --password-stdin or the prompt\n',
    );
  });

  it('--verbose adds the server details, --json an error document', async () => {
    const result = await sandbox.run(
      ['login', '-p', 'Admin', '--password-stdin', '--verbose', '--json'],
      { stdin: 'nope' },
    );
    expect(result.stderr).toMatch(/^ {2}serverCode: 10002$/m);
    expect(result.stderr).toMatch(/^ {2}incidentId: [\w-]+$/m);
    expect(JSON.parse(result.stdout)).toMatchObject({
      error: { code: 'AUTH_FAILED', details: { status: 401 } },
    });
  });

  it('a secret key on the stdin of a trusted-auth profile signs in; the wrong stdin flag is refused', async () => {
    const wrongFlag = await sandbox.spawn(['login', '-p', 'Trusted', '--password-stdin'], {
      stdin: 'x',
    });
    expect(wrongFlag).toMatchObject({
      code: 2,
      stderr: 'tsm: "Trusted" signs in with secret-key; use --secret-key-stdin (see tsm --help)\n',
    });
    const ok = await sandbox.spawn(['login', '-p', 'Trusted', '--secret-key-stdin'], {
      stdin: 'demo-secret-key\n',
    });
    expect(ok.stdout).toMatch(
      /^Signed in to "Trusted" as tsadmin \(bearer token, expires in (59 min|1 h)\)\n$/,
    );
  });

  it('no secret on stdin and no terminal: says how to give it', async () => {
    const result = await sandbox.run(['login', '-p', 'Admin']);
    expect(result).toMatchObject({
      code: 2,
      stderr:
        'tsm: Password for tsadmin at ' +
        emulator.url +
        ' is needed; type it at a terminal, or pipe it with --password-stdin\n',
    });
  });

  it('an unreachable cluster exits 4', async () => {
    const url = await closedPortUrl();
    await sandbox.run(['profile', 'add', 'Gone', '--url', url, '--user', 'u', '--dialect', 'C']);
    const result = await sandbox.run(['login', '-p', 'Gone', '--password-stdin'], { stdin: 'pw' });
    expect(result).toMatchObject({
      code: 4,
      stderr: `tsm: Could not connect to ${url}: connection refused (is the cluster running, and is the port right?)\n`,
    });
  });

  it('no keychain exits 5 with what to do', async () => {
    // Spawned: libsecret finds its bus in the real process environment, not in io.env.
    const result = await sandbox.spawn(['token', '-p', 'Admin'], {
      env: { DBUS_SESSION_BUS_ADDRESS: '', DISPLAY: '', WAYLAND_DISPLAY: '' },
    });
    expect(result.code).toBe(5);
    expect(result.stderr).toMatch(/^tsm: No D-Bus session/);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('doctor reports each check and fails (exit 4) when the cluster is not ThoughtSpot', async () => {
    const ok = await sandbox.run(['doctor', '-p', 'Admin', '--json']);
    expect(ok.code).toBe(0);
    expect(
      (JSON.parse(ok.stdout) as { checks: { name: string; ok: boolean }[] }).checks.map((c) => [
        c.name,
        c.ok,
      ]),
    ).toEqual([
      ['settings', true],
      ['secret store', true],
      ['cluster', true],
      ['tls', true],
      ['dialect', true],
      ['clock', true],
      ['session', true],
    ]);
    const sso = await startEmulator({ port: 0, ssoHtml: true });
    try {
      await sandbox.run(['profile', 'add', 'Sso', '--url', sso.url, '--user', 'u']);
      const bad = await sandbox.run(['doctor', '-p', 'Sso']);
      expect(bad.code).toBe(4);
      expect(bad.stdout).toContain(
        `FAIL dialect: ${sso.url} answered with a web page instead of ThoughtSpot's API`,
      );
    } finally {
      await sso.close();
    }
  });

  it('a settings file damaged by hand is repaired, backed up and reported', async () => {
    const other = new TsmSandbox();
    try {
      writeFileSync(join(other.configDir, 'settings.json'), '{"version": 1, "profiles": [');
      const result = await other.run(['profile', 'list']);
      expect(result.code).toBe(0);
      expect(result.stderr).toMatch(
        /^tsm: The settings file .*settings\.json was damaged \(not valid JSON\); it was kept as .*settings\.json\.backup-.* and the app started with no profiles\n$/,
      );
    } finally {
      other.dispose();
    }
  });
});
