// `tsm org list` and `tsm org switch` (issue 13) against the emulator over real HTTP, with the
// keychain a private gnome-keyring: C and REST API v1, text and --json, errors and exit codes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../emulator/index.js';
import { requireKeyring, TsmSandbox } from './support/run-tsm.js';

const PASSWORD = 'org-Pa55-7e1f-gus';
const ORGS = [
  { id: 0, name: 'Primary' },
  { id: 1, name: 'Sales' },
];
let cluster: RunningEmulator;
let v1: RunningEmulator;
let sandbox: TsmSandbox;

beforeAll(async () => {
  requireKeyring();
  const users = [
    {
      username: 'gus',
      password: PASSWORD,
      displayName: 'Gus',
      email: 'gus@example.com',
      orgs: ORGS,
    },
  ];
  cluster = await startEmulator({ port: 0, users });
  v1 = await startEmulator({ port: 0, dialects: ['V1'], users });
  sandbox = new TsmSandbox();
  for (const [name, url, dialect] of [
    ['Main', cluster.url, 'C'],
    ['Forgetful', cluster.url, 'C'],
    ['Old', v1.url, 'V1'],
    ['Bee', cluster.url, 'B'],
  ] as const) {
    const added = await sandbox.run([
      'profile',
      'add',
      name,
      '--url',
      url,
      '--user',
      'gus',
      '--dialect',
      dialect,
    ]);
    expect(added.code).toBe(0);
  }
});
afterAll(async () => {
  sandbox.dispose();
  await Promise.all([cluster.close(), v1.close()]);
});

async function login(profile: string, ...flags: string[]): Promise<void> {
  const result = await sandbox.run(['login', '-p', profile, '--password-stdin', ...flags], {
    stdin: `${PASSWORD}\n`,
  });
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
}

describe('tsm org', () => {
  it('lists the orgs with the current one marked, and as JSON', async () => {
    await login('Main', '--bearer');
    const text = await sandbox.run(['org', 'list', '-p', 'Main']);
    expect(text).toMatchObject({ code: 0, stderr: '' });
    expect(text.stdout).toBe('   ORG      ID\n*  Primary  0\n   Sales    1\n');
    const json = await sandbox.run(['org', 'list', '-p', 'Main', '--json']);
    expect(JSON.parse(json.stdout)).toEqual({ current: ORGS[0], orgs: ORGS });
  });

  it("switches by name; status then shows the token's org by name", async () => {
    const out = await sandbox.run(['org', 'switch', 'Sales', '-p', 'Main']);
    expect(out.stderr).toBe('');
    expect(out.code).toBe(0);
    expect(out.stdout).toMatch(
      /^Switched "Main" to org Sales \(1\) \(bearer token, expires in (59 min|1 h)\)\n$/,
    );
    const status = await sandbox.run(['status']);
    expect(status.stdout.split('\n').find((l) => l.includes('Main'))).toMatch(
      /bearer token +\S.* +Sales +http/,
    );
    const doc = JSON.parse((await sandbox.run(['status', '--json'])).stdout) as {
      profiles: Record<string, unknown>[];
    };
    expect(doc.profiles.find((p) => p.profile === 'Main')).toMatchObject({
      org: 1,
      orgName: 'Sales',
    });
    const log = await sandbox.run(['log', '-p', 'Main']);
    expect(log.stdout).toContain('switched to org Sales');
  });

  it('switches by id with --json, and says so when already there', async () => {
    const json = await sandbox.run(['org', 'switch', '0', '-p', 'Main', '--json']);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toMatchObject({
      profile: 'Main',
      org: ORGS[0],
      switched: true,
      status: { state: 'signed-in', kind: 'bearer' },
    });
    const again = await sandbox.run(['org', 'switch', 'primary', '-p', 'Main']);
    expect(again).toMatchObject({ code: 0, stdout: '"Main" is in org Primary (0) already\n' });
  });

  it('switches a REST API v1 cookie session in place (no password remembered)', async () => {
    expect((await sandbox.run(['profile', 'edit', 'Old', '--no-auto-renew'])).code).toBe(0);
    await login('Old');
    const out = await sandbox.run(['org', 'switch', 'Sales', '-p', 'Old']);
    expect(out.code).toBe(0);
    expect(out.stdout).toMatch(/^Switched "Old" to org Sales \(1\) \(cookie session/);
    expect(v1.requests.some((r) => r.method === 'PUT' && r.path.endsWith('/session/orgs'))).toBe(
      true,
    );
    expect(
      JSON.parse((await sandbox.run(['org', 'list', '-p', 'Old', '--json'])).stdout),
    ).toMatchObject({
      current: ORGS[1],
    });
  });

  it('fails in one line, exit 2, for an org the user is not in', async () => {
    const out = await sandbox.run(['org', 'switch', 'Marketing', '-p', 'Main']);
    expect(out).toMatchObject({
      code: 2,
      stdout: '',
      stderr: 'tsm: gus is not in an org "Marketing"; they are in Primary (0), Sales (1)\n',
    });
  });

  it('exit 3 with the command to run when no password is remembered', async () => {
    const sandboxNoRenew = await sandbox.run(['profile', 'edit', 'Forgetful', '--no-auto-renew']);
    expect(sandboxNoRenew.code).toBe(0);
    await login('Forgetful', '--bearer');
    const out = await sandbox.run(['org', 'switch', 'Sales', '-p', 'Forgetful']);
    expect(out.code).toBe(3);
    expect(out.stderr).toBe(
      'tsm: "Forgetful" now signs in to org Sales (1), but moving its session there needs a new sign-in and no password is remembered for it; sign in again with `tsm login -p Forgetful`\n',
    );
  });

  it('says in one line that dialect B has no orgs call (exit 2)', async () => {
    await login('Bee', '--bearer');
    const out = await sandbox.run(['org', 'list', '-p', 'Bee']);
    expect(out.code).toBe(2);
    expect(out.stderr).toBe(
      'tsm: Dialect B has no call that lists orgs; that needs /api/rest/2.0 (dialect C) or REST API v1\n',
    );
  });

  it('refuses a missing subcommand or org, extra words and unknown options (exit 2)', async () => {
    expect((await sandbox.run(['org'])).stderr).toContain('org needs list or switch');
    expect((await sandbox.run(['org', 'move', 'Sales'])).code).toBe(2);
    expect((await sandbox.run(['org', 'switch', '-p', 'Main'])).stderr).toContain('needs one org');
    expect((await sandbox.run(['org', 'switch', 'A', 'B', '-p', 'Main'])).code).toBe(2);
    expect((await sandbox.run(['org', 'list', 'extra'])).code).toBe(2);
    const unknown = await sandbox.run(['org', 'list', '--bogus']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown option --bogus');
  });

  it('has a help page with usage, an example and exit codes, and is in completion', async () => {
    const help = await sandbox.run(['org', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: tsm org list [-p NAME] [--json]');
    expect(help.stdout).toContain('tsm org switch Sales -p Prod');
    expect(help.stdout).toContain("2 not one of the user's orgs");
    expect((await sandbox.run(['help', 'org'])).stdout).toBe(help.stdout);
    expect((await sandbox.run(['--help'])).stdout).toContain('org switch ORG');
    const bash = await sandbox.run(['completion', 'bash']);
    expect(bash.stdout).toContain("org) words='-p --profile --json --verbose -h --help' ;;");
    expect(bash.stdout).toContain("words='list switch'");
  });
});
