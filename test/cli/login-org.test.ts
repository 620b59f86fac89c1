// `tsm login --org ID` against the emulator over real HTTP, keychain a private gnome-keyring:
// the sign-in is made for that org and the profile keeps it only once the cluster accepted.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../emulator/index.js';
import { tokenOrgAtCluster } from '../core/orgs/support.js';
import { requireKeyring, TsmSandbox } from './support/run-tsm.js';

const PASSWORD = 'login-org-7c1d-Quill';
let cluster: RunningEmulator;
let sandbox: TsmSandbox;

beforeAll(async () => {
  requireKeyring();
  const orgs = [
    { id: 0, name: 'Primary' },
    { id: 1, name: 'Sales' },
  ];
  cluster = await startEmulator({
    port: 0,
    users: [
      {
        username: 'quinn',
        password: PASSWORD,
        displayName: 'Quinn',
        email: 'quinn@example.com',
        orgs,
      },
    ],
  });
  sandbox = new TsmSandbox();
  const added = await sandbox.run([
    'profile',
    'add',
    'Main',
    '--url',
    cluster.url,
    '--user',
    'quinn',
    '--dialect',
    'C',
  ]);
  expect(added.code).toBe(0);
});
afterAll(async () => {
  sandbox.dispose();
  await cluster.close();
});

const login = (...flags: string[]) =>
  sandbox.run(['login', '-p', 'Main', '--password-stdin', '--bearer', ...flags], {
    stdin: `${PASSWORD}\n`,
  });

const profileOrg = async (): Promise<unknown> => {
  const doc = JSON.parse((await sandbox.run(['status', '--json'])).stdout) as {
    profiles: { profile: string; org?: unknown }[];
  };
  return doc.profiles.find((p) => p.profile === 'Main')?.org;
};

describe('tsm login --org', () => {
  it('signs in to that org: the cluster says the token is for it, and the profile keeps it', async () => {
    const out = await login('--org', '1');
    expect(out.stderr).toBe('');
    expect(out.code).toBe(0);
    expect(out.stdout).toMatch(/^Signed in to "Main" as quinn in org 1 \(bearer token/);
    const token = (await sandbox.run(['token', '-p', 'Main'])).stdout.trim();
    expect(await tokenOrgAtCluster(cluster, token)).toBe(1);
    expect(await profileOrg()).toBe(1);
  });

  it('keeps the old org when the cluster refuses (an org the user is not in)', async () => {
    const out = await login('--org', '7');
    expect(out.code).not.toBe(0);
    expect(await profileOrg()).toBe(1);
  });

  it.each([['Sales'], ['-1'], ['1.5'], ['99999999999']])(
    'refuses --org %s before any network, saying it takes an id',
    async (typed) => {
      const before = cluster.requests.length;
      const out = await login(`--org=${typed}`);
      expect(out.code).toBe(2);
      expect(out.stderr).toContain(
        "tsm: --org takes the org's id, a whole number (`tsm org list` shows them); to move by name, sign in, then `tsm org switch NAME`",
      );
      expect(out.stderr.split('\n')).toHaveLength(2);
      expect(cluster.requests.length).toBe(before);
    },
  );

  it('is listed in the help of login', async () => {
    const help = await sandbox.run(['login', '--help']);
    expect(help.stdout).toContain('--org ID');
  });
});
