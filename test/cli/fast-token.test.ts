// Issue 14 (speed): `tsm token` from the cache runs a small bundle (electron/cli/fast-token.ts)
// instead of the whole CLI. It must print exactly what the full command prints for the same
// state, read the keychain once, and leave to the full command (having printed and written
// nothing) everything else: renewal, --min-ttl beyond the token, a flag it does not know, a
// missing keychain, an entry that needs rewriting. Against the emulator and the private keyring.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import keytar from 'keytar';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { fastToken, keychainReader, type KeychainReader } from '../../electron/cli/fast-token.js';
import { startEmulator, type RunningEmulator } from '../emulator/index.js';
import { requireBuiltCli, TSM_BIN, TsmSandbox, type TsmResult } from './support/run-tsm.js';

const FAST_BUNDLE = fileURLToPath(new URL('../../dist/cli/tsm-token.cjs', import.meta.url));
const MODULE_COUNT = fileURLToPath(new URL('../bench/fixtures/module-count.mjs', import.meta.url));

let emulator: RunningEmulator;
let sandbox: TsmSandbox;
let profileId: string;

beforeAll(async () => {
  requireBuiltCli();
  if (!existsSync(FAST_BUNDLE)) throw new Error('dist/cli/tsm-token.cjs is missing: npm run build');
  emulator = await startEmulator({ port: 0 });
  sandbox = new TsmSandbox();
  for (const name of ['Prod', 'Other']) {
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
    const login = await sandbox.run(['login', '-p', name, '--bearer', '--password-stdin'], {
      stdin: 'admin\n',
    });
    expect(login.code, login.stderr).toBe(0);
  }
  const listed = await sandbox.run(['profile', 'list', '--json']);
  profileId = (JSON.parse(listed.stdout) as { id: string; name: string }[]).find(
    (p) => p.name === 'Prod',
  )?.id as string;
});
afterEach(() => void vi.useRealTimers());
afterAll(async () => {
  sandbox.dispose();
  await emulator.close();
});

/**
 * The product's own reader (the Secret Service, keytar behind it), counting its reads and
 * whether it was closed; the fast path only reads (its store refuses writes).
 */
function countingReader(env: NodeJS.ProcessEnv = sandbox.env()): {
  reader: () => KeychainReader;
  reads: () => number;
  closed: () => boolean;
} {
  let reads = 0;
  let closed = false;
  const reader = () => {
    const real = keychainReader(env);
    return {
      read: (service: string, account: string) => (reads++, real.read(service, account)),
      close: () => ((closed = true), real.close()),
    };
  };
  return { reader, reads: () => reads, closed: () => closed };
}

const entry = () => keytar.getPassword(sandbox.service, `${profileId}/token`);
const settingsPath = () => join(sandbox.configDir, 'settings.json');

describe('tsm token, fast path', () => {
  it('prints what the full command prints, for every way of naming the profile', async () => {
    vi.useFakeTimers({ toFake: ['Date'] }); // one instant for both, so expiresInSeconds agrees
    for (const args of [
      [],
      ['--json'],
      ['-p', 'Prod'],
      ['-p', ' prod ', '--json'],
      ['--profile=Other', '--verbose'],
      ['--profile', profileId, '--min-ttl', '600'],
      ['--min-ttl=60', '--json', '-p', 'Other'],
    ]) {
      const full = await sandbox.run(['token', ...args]);
      expect(full.code, full.stderr).toBe(0);
      const counted = countingReader();
      expect(await fastToken(args, sandbox.env(), counted.reader), args.join(' ')).toBe(
        full.stdout,
      );
      expect(counted.reads(), args.join(' ')).toBe(1);
      expect(counted.closed(), args.join(' ')).toBe(true);
    }
  });

  it('leaves to the full command what it must not answer itself', async () => {
    const expired = sandbox.env({ TSM_CLOCK_OFFSET_MS: String(2 * 3600_000) });
    const cases: [string[], NodeJS.ProcessEnv][] = [
      [[], expired],
      [['--min-ttl', '7200'], sandbox.env()],
      [['--colour'], sandbox.env()],
      [['--help'], sandbox.env()],
      [['--as', 'analyst'], sandbox.env()],
      [['extra'], sandbox.env()],
      [['-p', 'Nobody'], sandbox.env()],
      [['-p'], sandbox.env()],
      [['--min-ttl', 'soon'], sandbox.env()],
      [['--json', '--json'], sandbox.env()],
      [['--password=admin'], sandbox.env()],
    ];
    for (const [args, env] of cases) {
      expect(
        await fastToken(args, env, countingReader(env).reader),
        args.join(' '),
      ).toBeUndefined();
    }
    const noKeychain = () => ({
      read: () => Promise.reject(new Error('Cannot autolaunch D-Bus without X11')),
      close: () => undefined,
    });
    expect(await fastToken([], sandbox.env(), noKeychain)).toBeUndefined();
  });

  it('reads through keytar when the Secret Service cannot be reached directly', async () => {
    // No bus address for the direct read; keytar, in this process, still has its own connection.
    const env = { ...sandbox.env(), DBUS_SESSION_BUS_ADDRESS: 'tcp:host=127.0.0.1,port=1' };
    let loads = 0;
    const reader = () => keychainReader(env, () => (loads++, Promise.resolve(keytar)));
    expect(await fastToken([], env, reader)).toBe(await fastToken([], sandbox.env()));
    expect(loads).toBe(1);
    // Found directly, keytar is not loaded at all.
    const direct = () => keychainReader(sandbox.env(), () => (loads++, Promise.resolve(keytar)));
    expect(await fastToken([], sandbox.env(), direct)).toBeDefined();
    expect(loads).toBe(1);
  });

  it('changes nothing it finds amiss: a damaged file, a moved profile, an entry to adopt', async () => {
    const settings = readFileSync(settingsPath(), 'utf8');
    const stored = await entry();
    try {
      writeFileSync(settingsPath(), settings.replace('"version": 1', '"version": 1,,'));
      expect(await fastToken([], sandbox.env(), countingReader().reader)).toBeUndefined();
      expect(readFileSync(settingsPath(), 'utf8')).toContain('"version": 1,,');

      // The profile now points to another cluster: the token bound to the old one stays unread.
      writeFileSync(settingsPath(), settings.replace(emulator.url, 'https://elsewhere.example'));
      expect(
        await fastToken(['-p', 'Prod'], sandbox.env(), countingReader().reader),
      ).toBeUndefined();
      expect(await entry()).toBe(stored);

      // Written before bindings existed: the full command adopts it, the fast path does not.
      writeFileSync(settingsPath(), settings);
      const bare = JSON.parse((stored ?? '').replace(/^tsm-bound:1:/, '')) as { secret: string };
      await keytar.setPassword(sandbox.service, `${profileId}/token`, bare.secret);
      expect(
        await fastToken(['-p', 'Prod'], sandbox.env(), countingReader().reader),
      ).toBeUndefined();
      const adopted = await sandbox.run(['token', '-p', 'Prod']);
      expect(adopted.code, adopted.stderr).toBe(0);
      expect(await entry()).toBe(stored);
    } finally {
      writeFileSync(settingsPath(), settings);
      if (stored) await keytar.setPassword(sandbox.service, `${profileId}/token`, stored);
    }
  });

  it('the binary answers from the cache without loading the full CLI, and loads it to renew', async () => {
    const cached = await loaded(sandbox.env());
    expect(cached.code, cached.stderr).toBe(0);
    expect(cached.stdout).toBe(await fastToken([], sandbox.env()));
    expect(cached.stderr).toContain('dist/cli/tsm-token.cjs');
    expect(cached.stderr).not.toContain('dist/cli/tsm.cjs');
    expect(cached.stderr).not.toMatch(/undici|tough-cookie|valibot|node_modules\/conf\//);
    // The Secret Service answered on its own: keytar (libsecret) is never loaded.
    expect(cached.stderr).not.toContain('node_modules/keytar');
    // Ten minutes on, a token that must last 3300 s is renewed, by the full CLI.
    emulator.clock.advance(600_000);
    const later = sandbox.env({ TSM_CLOCK_OFFSET_MS: '600000' });
    const renewed = await loaded(later, ['--min-ttl', '3300']);
    expect(renewed.code, renewed.stderr).toBe(0);
    expect(renewed.stderr).toContain('dist/cli/tsm.cjs');
    expect(renewed.stdout).not.toBe(cached.stdout);
    expect(await fastToken(['--min-ttl', '3300'], later)).toBe(renewed.stdout);
    // No keychain at all: the full CLI runs and says so, as it always did (exit 5).
    const noBus = sandbox.env({ DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/bus' });
    const refused = await loaded(noBus);
    expect(refused.stdout).toBe('');
    expect(refused.code).toBe(5);
    expect(refused.stderr).toContain('dist/cli/tsm.cjs');
  });
});

/** `tsm token ARGS` as a process, with every file it loaded listed on stderr. */
function loaded(env: NodeJS.ProcessEnv, args: string[] = []): Promise<TsmResult> {
  // Not spawnSync: the emulator lives in this process and must answer a renewal.
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', MODULE_COUNT, TSM_BIN, 'token', ...args], {
      env,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
