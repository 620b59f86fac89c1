// The CLI as people run it: `npx tsx test/emulator/main.ts`, URL on the first line of stdout,
// the IdP's on the second (the CA file, with --tls, on the third).
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, describe, expect, it } from 'vitest';
import { parseCliArgs } from './cli-args.js';

const children: ChildProcess[] = [];

/** npx does not pass signals on, so the CLI runs in its own process group and we signal that. */
function startCli(args: string[]): ChildProcess {
  const child = spawn('npx', ['tsx', 'test/emulator/main.ts', ...args], {
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  return child;
}

function stopGroup(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) {
      resolve();
      return;
    }
    child.once('exit', () => resolve());
    process.kill(-child.pid, 'SIGTERM');
  });
}

afterAll(async () => {
  await Promise.all(children.splice(0).map(stopGroup));
});

function lines(child: ChildProcess, count: number): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const got: string[] = [];
    const rl = createInterface({ input: child.stdout! });
    rl.on('line', (line) => {
      got.push(line);
      if (got.length === count) {
        rl.close();
        resolve(got);
      }
    });
    child.once('exit', (code) => reject(new Error(`CLI exited early with ${code}`)));
  });
}

function exitOf(child: ChildProcess): Promise<{ code: number | null; stderr: string }> {
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve) => child.once('close', (code) => resolve({ code, stderr })));
}

describe.concurrent('emulator CLI', () => {
  it('prints the URL, the IdP URL and the CA file, serves, and cleans up on SIGTERM', async () => {
    const child = startCli(['--port', '0', '--tls', '--dialects', 'C']);
    const plain = startCli(['--port', '0', '--dialects', 'A,B']);
    const [[url, tlsIdp, caFile], [plainUrl, plainIdp]] = await Promise.all([
      lines(child, 3),
      lines(plain, 2),
    ]);
    expect(url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    expect(tlsIdp).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    expect(existsSync(caFile ?? '')).toBe(true);
    // The IdP is its own origin, and the cluster's SAML start sends the browser there.
    expect(plainIdp).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(plainIdp).not.toBe(plainUrl);
    expect((await fetch(`${plainIdp}/`)).status).toBe(200);
    const start = await fetch(`${plainUrl}/callosum/v1/saml/login`, { redirect: 'manual' });
    expect(start.headers.get('location')?.startsWith(`${plainIdp}/saml/sso?`)).toBe(true);
    const res = await fetch(`${plainUrl}/api/rest/v2/session/gettoken`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ userName: 'tsadmin', password: 'admin' }),
    });
    expect(res.status).toBe(200);
    expect((await fetch(`${plainUrl}/api/rest/2.0/auth/session/user`)).status).toBe(404);
    await stopGroup(child);
    // The whole process group got the signal; the server process may finish its cleanup a moment
    // after the wrapper it runs under has exited.
    for (let waited = 0; existsSync(caFile ?? '') && waited < 5000; waited += 50) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(existsSync(caFile ?? '')).toBe(false);
  });

  it('exits 2 with one clear line for a bad flag', async () => {
    const { code, stderr } = await exitOf(startCli(['--bogus']));
    expect(code).toBe(2);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toMatch(/Unknown option '--bogus'/);
  });
});

// The same checks in-process: spawning costs a second each.
describe('emulator CLI flags', () => {
  it.each([
    [['--port', 'x'], /--port needs a whole number/],
    [['--port', '70000'], /--port needs a whole number/],
    [['--fail-rate', '2'], /--fail-rate needs a number from 0 to 1/],
    [['--dialects', 'A,Z'], /--dialects takes A, B, C and\/or V1, got "Z"/],
    [['--validity', '0'], /--validity must be at least 1/],
    [['positional'], /Unexpected argument 'positional'/],
  ])('rejects %j', (args, message) => {
    expect(() => parseCliArgs(args)).toThrow(message);
  });

  it('turns flags into options', () => {
    const args =
      '--port 8080 --host 0.0.0.0 --dialects c,a --validity 60 --latency 5 --fail-rate 0.25 --sso-html --tls';
    expect(parseCliArgs(args.split(' '))).toEqual({
      port: 8080,
      host: '0.0.0.0',
      dialects: ['C', 'A'],
      validitySeconds: 60,
      latencyMs: 5,
      failRate: 0.25,
      ssoHtml: true,
      tls: true,
    });
    expect(parseCliArgs(['--help'])).toBe('help');
  });

  it('names the bad entry of a --users file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'emu-users-'));
    try {
      const file = join(dir, 'users.json');
      const good = { username: 'ok', password: 'p', displayName: 'O', email: 'o@x' };
      writeFileSync(file, JSON.stringify([good, { username: 'bad', password: 1 }]));
      expect(() => parseCliArgs(['--users', file])).toThrow(
        /users\[1\] \("bad"\) needs a non-empty string "password"/,
      );
      writeFileSync(file, JSON.stringify([good]));
      expect(parseCliArgs(['--users', file])).toEqual({ users: [good] });
      writeFileSync(file, '{');
      expect(() => parseCliArgs(['--users', file])).toThrow(/--users .*users\.json: /);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
