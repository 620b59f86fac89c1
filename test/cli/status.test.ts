import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../emulator/index.js';
import { requireKeyring, TsmSandbox } from './support/run-tsm.js';

let emulator: RunningEmulator;
let sandbox: TsmSandbox;
const PASSWORD = 'f4ye-Pa55-0b7d';
const HOUR = 3600_000;

beforeAll(async () => {
  requireKeyring();
  emulator = await startEmulator({
    port: 0,
    users: [{ username: 'faye', password: PASSWORD, displayName: 'Faye', email: 'f@example.com' }],
  });
  sandbox = new TsmSandbox();
});
afterAll(async () => {
  sandbox.dispose();
  await emulator.close();
});

interface StatusDoc {
  checkedWithCluster: boolean;
  defaultProfile: string | null;
  profiles: Record<string, unknown>[];
}

async function statusJson(
  env: NodeJS.ProcessEnv = {},
): Promise<{ code: number | null; doc: StatusDoc }> {
  const result = await sandbox.run(['status', '--json'], { env });
  return { code: result.code, doc: JSON.parse(result.stdout) as StatusDoc };
}

describe('tsm status (issue 14): every profile from this computer, never the cluster', () => {
  it('exits 3 with no profiles, and while the default profile is signed out', async () => {
    const none = await sandbox.run(['status']);
    expect(none).toMatchObject({
      code: 3,
      stdout: 'No profiles yet; add one with `tsm profile add`\n',
    });
    await sandbox.run([
      'profile',
      'add',
      'Main',
      '--url',
      emulator.url,
      '--user',
      'faye',
      '--org',
      '0',
    ]);
    await sandbox.run(['profile', 'add', 'Side', '--url', emulator.url, '--user', 'faye']);
    const out = await sandbox.run(['status']);
    expect(out.code).toBe(3);
    expect(out.stdout.split('\n')[1]).toMatch(/^\* {2}Main +- +signed out +- +0 +http/);
    expect(out.stderr).toContain('not checked with the cluster');
  });

  it('shows who, the kind, time left and org for each profile; exit 0 for a live default', async () => {
    const login = await sandbox.run(['login', '-p', 'Main', '--password-stdin'], {
      stdin: `${PASSWORD}\n`,
    });
    expect(login.code).toBe(0);
    expect((await sandbox.run(['token', '-p', 'Main'])).code).toBe(0);
    const login2 = await sandbox.run(['login', '-p', 'Side', '--password-stdin'], {
      stdin: `${PASSWORD}\n`,
    });
    expect(login2.code).toBe(0);
    const out = await sandbox.run(['status']);
    expect(out.code).toBe(0);
    const [header, main, side] = out.stdout.trimEnd().split('\n');
    expect(header).toMatch(/PROFILE +SIGNED IN AS +SESSION +TIME LEFT +ORG +CLUSTER/);
    expect(main).toMatch(/^\* {2}Main +faye +bearer token +(59 min|1 h 00 min) +0 /);
    expect(side).toMatch(/^ {3}Side +faye +cookie session +unknown +- /);
    const { code, doc } = await statusJson();
    expect(code).toBe(0);
    expect(doc).toMatchObject({ checkedWithCluster: false, defaultProfile: 'Main' });
    expect(doc.profiles[0]).toMatchObject({
      profile: 'Main',
      default: true,
      username: 'faye',
      state: 'signed-in',
      live: true,
      kind: 'bearer',
      org: 0,
    });
    expect(doc.profiles[0]?.expiresInSeconds).toBeGreaterThan(3500);
    expect(doc.profiles[1]).toMatchObject({ profile: 'Side', kind: 'cookie', live: true });
    expect(JSON.stringify(doc)).not.toMatch(/token"\s*:|Pa55/);
  });

  it('an expired token is shown as expired and exits 3, without renewing it', async () => {
    const issued = emulator.tokenRequests();
    const later = { TSM_CLOCK_OFFSET_MS: String(2 * HOUR) };
    const out = await sandbox.run(['status'], { env: later });
    expect(out.code).toBe(3);
    expect(out.stdout.split('\n')[1]).toMatch(/^\* {2}Main +faye +bearer token, expired +- /);
    expect((await statusJson(later)).doc.profiles[0]).toMatchObject({
      state: 'expired',
      live: false,
    });
    expect(emulator.tokenRequests()).toBe(issued);
  });

  it('answers the same with the cluster gone: nothing was asked of it', async () => {
    const before = await sandbox.run(['status', '--json']);
    await emulator.close();
    const after = await sandbox.run(['status', '--json']);
    expect(after.code).toBe(0);
    const strip = (text: string) => text.replace(/"expiresInSeconds": \d+/g, '');
    expect(strip(after.stdout)).toBe(strip(before.stdout));
    // A fresh one for afterAll to close.
    emulator = await startEmulator({ port: 0 });
  });

  it('refuses -p (it shows every profile) and extra words', async () => {
    expect((await sandbox.run(['status', '-p', 'Main'])).code).toBe(2);
    expect((await sandbox.run(['status', 'Main'])).code).toBe(2);
  });
});
