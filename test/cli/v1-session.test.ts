// `tsm` on a REST API v1 cluster (issue 13): sign-in is a cookie session, `tsm token` says why
// there is no token, and `tsm exec` hands the session to scripts as TS_COOKIE; on any dialect a
// cookie session sets TS_COOKIE beside TS_TOKEN.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../emulator/index.js';
import { requireKeyring, TsmSandbox } from './support/run-tsm.js';

const PASSWORD = 'v1-Pa55-9d2c-carol';
const INFO = '/callosum/v1/tspublic/v1/session/info';
let v1: RunningEmulator;
let full: RunningEmulator;
let sandbox: TsmSandbox;

beforeAll(async () => {
  requireKeyring();
  const users = [
    { username: 'carol', password: PASSWORD, displayName: 'Carol', email: 'carol@example.com' },
  ];
  v1 = await startEmulator({ port: 0, dialects: ['V1'], users });
  full = await startEmulator({ port: 0, users });
  sandbox = new TsmSandbox();
});
afterAll(async () => {
  sandbox.dispose();
  await Promise.all([v1.close(), full.close()]);
});

/**
 * A child that uses what exec gave it for a real request, and reports it: whether TS_TOKEN is
 * set, the status of `path` asked with only the Cookie header, the user it answered for, the
 * cookie itself, and its own argv (where no secret may be).
 */
function childScript(path: string, csrf: boolean): string {
  const headers = `{ cookie: process.env.TS_COOKIE ?? '', accept: 'application/json'${csrf ? ", 'x-requested-by': 'ThoughtSpot'" : ''} }`;
  return `fetch(process.env.TS_URL + '${path}', { headers: ${headers} })
    .then(async (r) => { const body = await r.json(); console.log(JSON.stringify({
      token: process.env.TS_TOKEN ?? null, status: r.status, user: body.userName ?? body.name,
      cookie: process.env.TS_COOKIE ?? null, argv: process.argv.join(' ') })); })`;
}

interface ChildReport {
  token: string | null;
  status: number;
  user?: string;
  cookie: string | null;
  argv: string;
}

async function execChild(profile: string, path: string, csrf: boolean) {
  const result = await sandbox.run(
    ['exec', '-p', profile, '--', process.execPath, '-e', childScript(path, csrf)],
    // tsm was itself started with a session: the child must not inherit it.
    { env: { TS_TOKEN: 'stale-token-from-parent', TS_COOKIE: 'stale=1' } },
  );
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  return JSON.parse(result.stdout) as ChildReport;
}

describe('tsm on a REST API v1 cluster', () => {
  it('detects v1 and signs in by password with a cookie session, even when asked for --bearer', async () => {
    const add = ['profile', 'add', 'Old', '--url', v1.url, '--user', 'carol'];
    expect((await sandbox.run(add)).code).toBe(0);
    const login = await sandbox.run(['login', '-p', 'Old', '--password-stdin', '--bearer'], {
      stdin: `${PASSWORD}\n`,
    });
    expect(login).toEqual({
      code: 0,
      stdout: 'Signed in to "Old" as carol (cookie session)\n',
      stderr: '',
    });
    const shown: unknown = JSON.parse(
      (await sandbox.run(['profile', 'show', 'Old', '--json'])).stdout,
    );
    expect(shown).toMatchObject({ detectedDialect: 'V1' });
    const info: unknown = JSON.parse((await sandbox.run(['info', '-p', 'Old', '--json'])).stdout);
    expect(info).toMatchObject({ username: 'carol', kind: 'cookie', dialect: 'V1' });
  });

  it('tsm token says in one line that v1 issues no tokens and points to tsm exec', async () => {
    expect(await sandbox.run(['token', '-p', 'Old'])).toEqual({
      code: 2,
      stdout: '',
      stderr:
        'tsm: "Old" speaks REST API v1, which issues no bearer tokens; run `tsm exec -p Old -- CMD`, which sets TS_COOKIE\n',
    });
  });

  it('tsm exec gives the child TS_COOKIE (no TS_TOKEN), which works for a real request', async () => {
    const report = await execChild('Old', INFO, true);
    expect(report).toMatchObject({ token: null, status: 200, user: 'carol' });
    expect(report.cookie).toMatch(/^JSESSIONID=[\w-]+; clientId=\w+$/);
    expect(report.argv).not.toContain(report.cookie ?? '');
    expect(report.argv).not.toContain('JSESSIONID');
  });

  it('exec refuses --min-ttl on a v1 profile: there is no token to last', async () => {
    const result = await sandbox.run(['exec', '-p', 'Old', '--min-ttl', '60', '--', 'true']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--min-ttl is about a token, and REST API v1 issues none');
  });

  it('signs a secret-key profile in as a cookie session through the one-time token', async () => {
    const add = ['profile', 'add', 'Trusted', '--url', v1.url, '--user', 'analyst'];
    expect((await sandbox.run([...add, '--auth', 'secret-key'])).code).toBe(0);
    const login = await sandbox.run(['login', '-p', 'Trusted', '--secret-key-stdin'], {
      stdin: 'demo-secret-key\n',
    });
    expect(login.stdout).toBe('Signed in to "Trusted" as analyst (cookie session)\n');
    expect(await execChild('Trusted', INFO, true)).toMatchObject({ status: 200, user: 'analyst' });
  });

  it('logout ends the session at the cluster: the cookie a script had stops working', async () => {
    const { cookie } = await execChild('Old', INFO, true);
    expect((await sandbox.run(['logout', '-p', 'Old'])).code).toBe(0);
    const answer = await fetch(v1.url + INFO, {
      headers: { cookie: cookie ?? '', 'x-requested-by': 'ThoughtSpot' },
    });
    expect(answer.status).toBe(401);
    const again = await sandbox.run(['exec', '-p', 'Old', '--', 'true']);
    expect(again.code).toBe(3);
    expect(again.stderr).toBe(
      'tsm: "Old" is not signed in; sign in again with `tsm login -p Old`\n',
    );
  });
});

describe('tsm exec with a cookie session on dialect C', () => {
  it('sets TS_TOKEN and TS_COOKIE, and the cookie alone is a session at the cluster', async () => {
    const add = ['profile', 'add', 'Now', '--url', full.url, '--user', 'carol'];
    expect((await sandbox.run(add)).code).toBe(0);
    const login = await sandbox.run(['login', '-p', 'Now', '--password-stdin'], {
      stdin: `${PASSWORD}\n`,
    });
    expect(login.stdout).toBe('Signed in to "Now" as carol (cookie session)\n');
    const report = await execChild('Now', '/api/rest/2.0/auth/session/user', false);
    expect(report).toMatchObject({ status: 200, user: 'carol' });
    expect(report.token).toMatch(/^[\w-]{20,}$/);
    expect(report.token).not.toBe('stale-token-from-parent');
    expect(report.cookie).toMatch(/^JSESSIONID=/);
  });
});
