// tsm token --as USER and tsm revoke --user USER, in-process against the emulator over real HTTP,
// with the secret key in a private keyring.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../emulator/index.js';
import { requireKeyring, TsmSandbox } from './support/run-tsm.js';

const SECRET_KEY = 'sk-embed-3c9f1a-Pangolin';
let emulator: RunningEmulator;
let sandbox: TsmSandbox;
const minted: string[] = [];

beforeAll(async () => {
  requireKeyring();
  emulator = await startEmulator({ port: 0, secretKey: SECRET_KEY });
  sandbox = new TsmSandbox();
  for (const [name, user, auth] of [
    ['Embed', 'tsadmin', 'secret-key'],
    ['Analyst', 'analyst', 'secret-key'],
    ['Pw', 'analyst', 'password'],
  ] as const) {
    const add = ['profile', 'add', name, '--url', emulator.url, '--user', user, '--auth', auth];
    expect((await sandbox.run(add)).code).toBe(0);
  }
  for (const name of ['Embed', 'Analyst']) {
    const login = await sandbox.run(['login', '-p', name, '--secret-key-stdin'], {
      stdin: `${SECRET_KEY}\n`,
    });
    expect(login.code, login.stderr).toBe(0);
  }
});
afterAll(async () => {
  sandbox.dispose();
  await emulator.close();
});

const status = async (token: string) =>
  (
    await fetch(`${emulator.url}/api/rest/2.0/auth/session/user`, {
      headers: { authorization: `Bearer ${token}`, accept: 'application/json' },
    })
  ).status;

describe('tsm token --as USER', () => {
  it('mints a custom token for a new user with two filter rules, printed alone; nothing stored', async () => {
    const own = (await sandbox.run(['token', '-p', 'Embed'])).stdout;
    const result = await sandbox.run([
      'token',
      '-p',
      'Embed',
      '--as',
      'embed-new',
      '--filter',
      'Region EQ West',
      '--filter',
      'Customer Id IN ACME-42,B-7',
      '--persist',
      'replace',
      '--group',
      'readers',
      '--email',
      'embed-new@example.com',
      '--validity',
      '120',
    ]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^[\w-]{20,}\n$/);
    const token = result.stdout.trim();
    minted.push(token);
    expect(emulator.mintRequests().at(-1)).toEqual({
      path: '/auth/token/custom',
      body: {
        username: 'embed-new',
        validity_time_in_sec: 120,
        auto_create: true,
        email: 'embed-new@example.com',
        persist_option: 'REPLACE',
        filter_rules: [
          { column_name: 'Region', operator: 'EQ', values: ['West'] },
          { column_name: 'Customer Id', operator: 'IN', values: ['ACME-42', 'B-7'] },
        ],
        groups: [{ identifier: 'readers' }],
      },
    });
    expect(emulator.persistedRules('embed-new')?.filter_rules).toHaveLength(2);
    expect(emulator.userOf('embed-new')?.groups).toEqual(['readers']);
    expect(await status(token)).toBe(200);
    expect((await sandbox.run(['token', '-p', 'Embed'])).stdout).toBe(own);

    const log = await sandbox.run(['log', '-p', 'Embed', '-n', '1']);
    expect(log.stdout).toContain('minted');
    expect(log.stdout).toContain('minted for embed-new (custom, 2 rules, REPLACE)');
  });

  it('gives the details as JSON: token, user, org, expiresAt, kind, scope', async () => {
    const full = await sandbox.run([
      'token',
      '-p',
      'Embed',
      '--as',
      'analyst',
      '--org',
      '0',
      '--json',
    ]);
    expect(full.code, full.stderr).toBe(0);
    const doc = JSON.parse(full.stdout) as Record<string, unknown>;
    expect(Object.keys(doc).sort()).toEqual(['expiresAt', 'kind', 'org', 'scope', 'token', 'user']);
    expect(doc).toMatchObject({
      user: 'analyst',
      org: { id: 0, name: null },
      kind: 'full',
      scope: { access: 'FULL' },
    });
    expect(Date.parse(String(doc.expiresAt))).toBeGreaterThan(Date.now());
    minted.push(String(doc.token));

    const object = JSON.parse(
      (await sandbox.run(['token', '-p', 'Embed', '--as', 'analyst', '--object', 'lb-7', '--json']))
        .stdout,
    ) as Record<string, unknown>;
    expect(object).toMatchObject({ kind: 'object', scope: { access: 'OBJECT', objectId: 'lb-7' } });
    expect(emulator.mintRequests().at(-1)?.path).toBe('/auth/token/object');

    const custom = JSON.parse(
      (
        await sandbox.run([
          'token',
          '-p',
          'Embed',
          '--as',
          'analyst',
          '--org',
          'Primary',
          '--param',
          'Discount=0.1',
          '--persist',
          'append',
          '--json',
        ])
      ).stdout,
    ) as Record<string, unknown>;
    expect(custom).toMatchObject({
      kind: 'custom',
      org: { id: 0, name: 'Primary' },
      scope: {
        access: 'CUSTOM',
        persist: 'APPEND',
        parameters: [{ name: 'Discount', values: ['0.1'] }],
      },
    });
    expect(emulator.mintRequests().at(-1)?.body).toMatchObject({
      org_identifier: 'Primary',
      persist_option: 'APPEND',
      parameter_values: [{ name: 'Discount', values: ['0.1'] }],
    });
  });

  it('refuses a malformed --filter with exit 2, showing the form, and sends nothing', async () => {
    const before = emulator.mintRequests().length;
    const result = await sandbox.run([
      'token',
      '-p',
      'Embed',
      '--as',
      'analyst',
      '--filter',
      'Region equals West',
      '--persist',
      'replace',
    ]);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(
      '--filter: cannot read the filter rule "Region equals West": write \'COLUMN OP V1[,V2...]\' with OP one of EQ, NE,',
    );
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    const range = await sandbox.run([
      'token',
      '-p',
      'Embed',
      '--as',
      'a',
      '--filter',
      'Year BW 2020',
      '--persist',
      'replace',
    ]);
    expect(range.code).toBe(2);
    expect(range.stderr).toContain('BW takes two values (a range)');
    expect(range.stderr).toContain("write 'COLUMN OP V1[,V2...]'");
    expect(emulator.mintRequests().length).toBe(before);
  });

  it('makes the person choose --persist when a rule is given', async () => {
    const result = await sandbox.run([
      'token',
      '-p',
      'Embed',
      '--as',
      'analyst',
      '--filter',
      'Region EQ West',
    ]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      /^tsm: --filter, --param and --variable are kept for analyst .*--persist replace .*--persist append/,
    );
    const bogus = await sandbox.run([
      'token',
      '-p',
      'Embed',
      '--as',
      'analyst',
      '--persist',
      'keep',
    ]);
    expect([bogus.code, bogus.stderr]).toEqual([
      2,
      'tsm: --persist is replace or append (see tsm --help)\n',
    ]);
  });

  it('says in one line that only a secret-key profile mints for others', async () => {
    const result = await sandbox.run(['token', '-p', 'Pw', '--as', 'bob']);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      'tsm: --as mints with the cluster\'s secret key, and "Pw" signs in with password: use a profile added with --auth secret-key (see tsm --help)\n',
    );
  });
});

describe('tsm revoke --user USER', () => {
  it("revokes another user's tokens as an admin, with the profile's own token", async () => {
    const token = (await sandbox.run(['token', '-p', 'Embed', '--as', 'analyst'])).stdout.trim();
    expect(await status(token)).toBe(200);
    const result = await sandbox.run(['revoke', '-p', 'Embed', '--user', 'analyst']);
    expect(result).toEqual({
      code: 0,
      stdout: 'Revoked every token of analyst (as "Embed")\n',
      stderr: '',
    });
    expect(await status(token)).toBe(401);
    // The admin's own session lives on.
    expect((await sandbox.run(['validate', '-p', 'Embed'])).code).toBe(0);
  });

  it('revokes only the token given on stdin', async () => {
    const first = (await sandbox.run(['token', '-p', 'Embed', '--as', 'analyst'])).stdout.trim();
    const second = (await sandbox.run(['token', '-p', 'Embed', '--as', 'analyst'])).stdout.trim();
    const result = await sandbox.run(
      ['revoke', '-p', 'Embed', '--user', 'analyst', '--token-stdin', '--json'],
      {
        stdin: `${first}\n`,
      },
    );
    expect(JSON.parse(result.stdout)).toEqual({
      profile: 'Embed',
      user: 'analyst',
      revoked: 'one',
    });
    expect([await status(first), await status(second)]).toEqual([401, 200]);
    const argv = await sandbox.run([
      'revoke',
      '-p',
      'Embed',
      '--user',
      'analyst',
      '--token',
      second,
    ]);
    expect(argv.code).toBe(2);
    expect(argv.stderr).not.toContain(second);
    expect(await status(second)).toBe(200);
  });

  it('tells a non-admin in one line (exit 3) and revokes nothing', async () => {
    const admin = (await sandbox.run(['token', '-p', 'Embed'])).stdout.trim();
    // Revoking every token of analyst above took the Analyst profile's own token too.
    const stale = await sandbox.run(['revoke', '-p', 'Analyst', '--user', 'tsadmin']);
    expect(stale.stderr).toMatch(/was revoked; sign in again with `tsm login -p Analyst`\n$/);
    await sandbox.run(['login', '-p', 'Analyst', '--secret-key-stdin'], { stdin: SECRET_KEY });
    const result = await sandbox.run(['revoke', '-p', 'Analyst', '--user', 'tsadmin']);
    expect(result.code).toBe(3);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(
      /^tsm: This account is not allowed to revoke a user's tokens at http:\/\/127\.0\.0\.1:\d+: The user does not have access to this resource\.\n$/,
    );
    expect(await status(admin)).toBe(200);
  });

  it('keeps the secret key, minted tokens and rule values out of every file it wrote', () => {
    const files = sandbox.filesText();
    for (const secret of [SECRET_KEY, ...minted, 'ACME-42', 'Customer Id']) {
      expect(files).not.toContain(secret);
    }
  });
});
