// Faults while the app runs: the cluster goes away and comes back, the keyring daemon dies, the
// settings file is truncated, the disk fills up or turns read-only. Nothing may crash or hang,
// no profile or secret may be lost that the fault itself did not destroy, and the person is told.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppServices } from '../../electron/core/app/app-services.js';
import { AuditLog } from '../../electron/core/audit/audit-log.js';
import { MemoryClipboard } from '../../electron/core/clipboard/token-clipboard.js';
import { ProfileStore } from '../../electron/core/profiles/index.js';
import { openSecretStore, ProfileVault } from '../../electron/core/secrets/index.js';
import { SessionManager } from '../../electron/core/session/index.js';
import { dispatch } from '../../electron/ipc/dispatch.js';
import { createHandlers } from '../../electron/ipc/handlers.js';
import { requireBuiltCli, TsmSandbox } from '../cli/support/run-tsm.js';
import { clearService, requireKeyring, uniqueService } from '../core/secrets/support/keyring.js';
import { startEmulator, type RunningEmulator } from '../emulator/index.js';
import { expectAppError, expectNoSecrets } from '../support/expect-error.js';
import {
  FAULT_USER,
  mountTinyDisk,
  ownKeyringEnv,
  runChild,
  switchableBackend,
  WITH_KEYRING,
  type TinyDisk,
} from './support/fault-world.js';

const service = uniqueService('reliability');
const dirs: string[] = [];
const survived: string[] = [];

function tempDir(label: string): string {
  const dir = mkdtempSync(join(tmpdir(), `tsm-fault-${label}-`));
  dirs.push(dir);
  return dir;
}

async function keychain(configDir: string): Promise<ProfileVault> {
  return new ProfileVault(await openSecretStore({ configDir, service }));
}

beforeAll(() => requireKeyring());
afterAll(async () => {
  await clearService(service);
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

const signIn = {
  method: 'password',
  password: FAULT_USER.password,
  kind: 'bearer',
  remember: true,
} as const;

describe('the cluster killed and restarted mid-session', () => {
  it('fails with NETWORK while it is down, keeps the token and profile, and works again after', async () => {
    let emulator: RunningEmulator = await startEmulator({ port: 0, users: [FAULT_USER] });
    const port = Number(new URL(emulator.url).port);
    const dir = tempDir('outage');
    const profiles = new ProfileStore({ configDir: dir });
    const vault = await keychain(dir);
    const manager = new SessionManager({
      profiles,
      vault,
      audit: new AuditLog(dir),
      configDir: dir,
      timeoutMs: 2_000,
    });
    try {
      const profile = await profiles.add({
        name: 'Prod',
        url: emulator.url,
        username: FAULT_USER.username,
        dialect: 'C',
        validitySeconds: 600,
      });
      await manager.signIn(profile.id, signIn);
      const cached = await vault.getToken(profile.id);
      const settings = readFileSync(profiles.path, 'utf8');

      await emulator.close();
      // Offline, a token with time left is still handed out from the keychain.
      expect(await manager.getToken(profile.id)).toEqual(cached);
      for (const attempt of [
        () => manager.validate(profile.id),
        () => manager.info(profile.id),
        () => manager.getToken(profile.id, { minTtlSeconds: 3_600 }),
        () => manager.renew(profile.id),
      ]) {
        const error = await expectAppError(attempt(), 'NETWORK');
        expect(error.message).toBe(
          `Could not connect to ${emulator.url}: connection refused (is the cluster running, and is the port right?)`,
        );
        expectNoSecrets(error, [FAULT_USER.password, cached?.token ?? '']);
      }
      expect(await vault.getToken(profile.id)).toEqual(cached);
      expect(await vault.entries(profile.id)).toEqual(['password', 'token']);
      expect(readFileSync(profiles.path, 'utf8')).toBe(settings);

      // Back on the same port (a restarted cluster has forgotten its tokens): renewing with the
      // remembered password brings the session back.
      emulator = await startEmulator({ port, users: [FAULT_USER] });
      const renewed = await manager.renew(profile.id);
      expect(renewed.token).not.toBe(cached?.token);
      expect((await manager.info(profile.id)).username).toBe(FAULT_USER.username);
      expect((await manager.validate(profile.id)).state).toBe('signed-in');
      expect(profiles.list().map((p) => p.name)).toEqual(['Prod']);
      survived.push('cluster killed and restarted');
    } finally {
      manager.dispose();
      for (const profile of profiles.list()) await vault.removeProfile(profile.id);
      await emulator.close();
    }
  });
});

describe('the keyring daemon killed mid-run', () => {
  it('says KEYCHAIN_UNAVAILABLE for every use (no crash, no hang) and leaves the settings file alone', async () => {
    const emulator = await startEmulator({ port: 0, users: [FAULT_USER] });
    try {
      const run = await runChild(
        [
          WITH_KEYRING,
          process.execPath,
          '--import',
          'tsx',
          'test/reliability/support/kill-keyring-child.ts',
        ],
        ownKeyringEnv({
          TSM_FAULT_CLUSTER: emulator.url,
          TSM_FAULT_CONFIG: tempDir('keyring'),
          TSM_FAULT_PARENT_BUS: process.env.DBUS_SESSION_BUS_ADDRESS ?? '',
        }),
        30_000,
      );
      const context = `stdout:\n${run.stdout}\nstderr:\n${run.stderr}`;
      expect(run.signal, context).toBeNull();
      expect(run.code, context).toBe(0);
      const line = (op: string) => run.lines.find((l) => l.op === op);
      expect(line('stored')?.value, context).toEqual(['password', 'token']);
      expect(line('killed')?.value, context).toEqual(expect.any(Number));
      for (const op of [
        'read the password',
        'token from the cache',
        'sign in again',
        'store a password',
        'list the secrets',
        'remove the profile',
      ]) {
        expect(line(op), `${op}\n${context}`).toMatchObject({
          ok: false,
          code: 'KEYCHAIN_UNAVAILABLE',
          problem: 'NO_SECRET_SERVICE',
          message: expect.stringMatching(
            /^The keychain \(Secret Service\) stopped while in use .*restart the app, or run the command again/,
          ) as unknown,
        });
      }
      expect(line('settings unchanged')?.value, context).toBe(true);
      expect(line('profiles')?.value, context).toEqual(['Prod']);
      expect(run.stdout).not.toContain(FAULT_USER.password);
      survived.push('keyring daemon killed');
    } finally {
      await emulator.close();
    }
  }, 40_000);
});

describe('the settings file truncated while the app runs', () => {
  it('the window is told, a backup is kept, the store keeps working and no secret is lost', async () => {
    const emulator = await startEmulator({ port: 0, users: [FAULT_USER] });
    const dir = tempDir('truncated');
    const services = new AppServices({
      configDir: dir,
      env: { ...process.env, TSM_KEYCHAIN_SERVICE: service },
      clipboard: new MemoryClipboard(),
    });
    const handlers = createHandlers(services);
    const ids: string[] = [];
    try {
      for (const name of ['Prod', 'Staging']) {
        const saved = await dispatch(handlers, 'profiles:save', {
          input: { name, url: emulator.url, username: FAULT_USER.username, dialect: 'C' },
        });
        expect(saved.ok).toBe(true);
        if (saved.ok) ids.push((saved.data as { id: string }).id);
      }
      const [prod] = ids as [string];
      expect(
        await dispatch(handlers, 'session:login', { profileId: prod, ...signIn }),
      ).toMatchObject({ ok: true });

      const whole = readFileSync(services.profiles.path, 'utf8');
      const half = whole.slice(0, Math.floor(whole.length / 2));
      writeFileSync(services.profiles.path, half);

      const listed = await dispatch(handlers, 'profiles:list', undefined);
      expect(listed.ok).toBe(true);
      const data = (listed.ok ? listed.data : {}) as { profiles: unknown[]; notice?: string };
      const backups = readdirSync(dir).filter((name) => name.startsWith('settings.json.backup-'));
      expect(backups).toHaveLength(1);
      const backup = join(dir, backups[0] ?? '');
      expect(data.notice).toBe(
        `The settings file ${services.profiles.path} was damaged (not valid JSON); it was kept as ${backup} and restored from the last good copy this app had read (2 profile(s))`,
      );
      expect(readFileSync(backup, 'utf8')).toBe(half);
      // Nothing lost: the running app put back what it had read, and every secret is still there.
      expect((data.profiles as { id: string }[]).map((p) => p.id)).toEqual(ids);
      expect(await services.vault.entries(prod)).toEqual(['password', 'token']);
      const token = await dispatch(handlers, 'session:getToken', { profileId: prod });
      expect(token).toMatchObject({ ok: true });
      expect(JSON.parse(readFileSync(services.profiles.path, 'utf8'))).toMatchObject({
        version: 1,
      });
      survived.push('settings truncated under the app');
    } finally {
      services.dispose();
      for (const id of ids) await services.vault.removeProfile(id);
      await emulator.close();
    }
  });

  it('the terminal is told too (tsm prints the notice and carries on)', async () => {
    requireBuiltCli();
    const sandbox = new TsmSandbox();
    try {
      const added = await sandbox.run([
        'profile',
        'add',
        'Prod',
        '--url',
        'https://prod.example.com',
        '--user',
        'fay',
      ]);
      expect(added.code, added.stderr).toBe(0);
      const path = join(sandbox.configDir, 'settings.json');
      writeFileSync(path, readFileSync(path, 'utf8').slice(0, 10));
      const listed = await sandbox.run(['profile', 'list']);
      expect(listed.code, listed.stderr).toBe(0);
      expect(listed.stderr).toContain(
        `tsm: The settings file ${path} was damaged (not valid JSON)`,
      );
      expect(listed.stdout).toContain('No profiles yet');
      survived.push('settings truncated under the CLI');
    } finally {
      sandbox.dispose();
    }
  });
});

describe('a write that fails', () => {
  let disk: TinyDisk | undefined;
  let why = '';
  let dir: string;
  const failure: { code?: string } = {};
  beforeAll(() => {
    dir = tempDir('disk');
    const mounted = mountTinyDisk(dir);
    if ('unavailable' in mounted) why = mounted.unavailable;
    else disk = mounted;
  });
  afterAll(() => {
    try {
      disk?.readOnly(false);
    } finally {
      disk?.dispose();
    }
  });

  it('a full disk, a full disk at the settings write, a read-only disk: STORAGE_FAILED, nothing lost', async () => {
    console.log(
      disk
        ? 'write failures: a real 64 KiB tmpfs, filled up and remounted read-only'
        : `write failures: no tmpfs here (${why}); a settings backend that fails like a full disk`,
    );
    const emulator = await startEmulator({ port: 0, users: [FAULT_USER] });
    const profiles = new ProfileStore({ configDir: dir, backend: switchableBackend(failure) });
    const vault = await keychain(dir);
    const manager = new SessionManager({
      profiles,
      vault,
      audit: new AuditLog(dir),
      configDir: dir,
      timeoutMs: 2_000,
    });
    const input = (name: string) => ({
      name,
      url: emulator.url,
      username: FAULT_USER.username,
      dialect: 'C' as const,
    });
    try {
      const prod = await profiles.add(input('Prod'));
      await profiles.add(input('Staging'));
      await manager.signIn(prod.id, signIn);
      const before = {
        settings: readFileSync(profiles.path, 'utf8'),
        token: await vault.getToken(prod.id),
        secrets: await vault.entries(prod.id),
      };
      const nothingLost = async (): Promise<void> => {
        expect(readFileSync(profiles.path, 'utf8')).toBe(before.settings);
        expect(profiles.list().map((p) => p.name)).toEqual(['Prod', 'Staging']);
        expect(await vault.getToken(prod.id)).toEqual(before.token);
        expect(await vault.entries(prod.id)).toEqual(before.secrets);
        // No half-written lock or temp file is left to block the next writer.
        expect(readdirSync(dir).filter((name) => /\.lock$|tmp/.test(name))).toEqual([]);
        const locks = join(dir, 'locks');
        if (existsSync(locks)) expect(readdirSync(locks)).toEqual([]);
      };
      const refused = async (work: Promise<unknown>, cause: string, what: RegExp) => {
        const started = Date.now();
        const error = await expectAppError(work, 'STORAGE_FAILED');
        expect(error.message).toMatch(what);
        expect(error.message).toContain(`(${cause}); nothing was changed`);
        expect(error.details.cause).toBe(cause);
        expect(Date.now() - started).toBeLessThan(500);
        expectNoSecrets(error, [FAULT_USER.password, before.token?.token ?? '']);
      };
      const settingsWrite = new RegExp(`^Could not save the settings file ${profiles.path} `);
      const lockWrite = /^Could not write .*\.lock \(/;

      if (disk) {
        disk.fill();
        await refused(profiles.add(input('Dev')), 'ENOSPC', lockWrite);
        await refused(profiles.add(input('Dev')), 'ENOSPC', lockWrite); // no stale lock to wait on
        await refused(profiles.remove(prod.id), 'ENOSPC', lockWrite);
        await refused(manager.renew(prod.id), 'ENOSPC', lockWrite);
        await nothingLost();
        survived.push('disk full');

        disk.freePages(1); // room for the lock file, none for the new settings file
        await refused(profiles.add(input('Dev')), 'ENOSPC', settingsWrite);
        await refused(profiles.update(prod.id, input('Renamed')), 'ENOSPC', settingsWrite);
        await nothingLost();
        survived.push('disk full at the settings write');

        disk.free();
        disk.readOnly(true);
        await refused(profiles.add(input('Dev')), 'EROFS', lockWrite);
        await refused(manager.renew(prod.id), 'EROFS', lockWrite);
        disk.readOnly(false);
        await nothingLost();
        survived.push('read-only disk');
      } else {
        failure.code = 'ENOSPC';
        await refused(profiles.add(input('Dev')), 'ENOSPC', settingsWrite);
        await refused(profiles.remove(prod.id), 'ENOSPC', settingsWrite);
        delete failure.code;
        await nothingLost();
        survived.push('failing settings write');
      }

      // Once there is room again, everything works as before.
      expect((await profiles.add(input('Dev'))).name).toBe('Dev');
      expect((await manager.renew(prod.id)).token).not.toBe(before.token?.token);
      expect(existsSync(profiles.path)).toBe(true);
    } finally {
      manager.dispose();
      for (const profile of profiles.list()) await vault.removeProfile(profile.id);
      await emulator.close();
    }
  });
});

it('counts the faults survived', () => {
  console.log(`${survived.length} faults survived: ${survived.join(', ')}`);
  // Seven with a tmpfs to fill; five where only the failing-write fallback can run.
  expect(survived.length).toBeGreaterThanOrEqual(5);
});
