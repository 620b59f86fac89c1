// The window stays in step with the terminal: `tsm` (run in this process, its own store objects)
// writes the same config directory and keychain service as AppServices, which sees it through its
// directory watch. Real files, the real keyring, the emulator over real HTTP.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { AppServices, type AppEvent } from '../../../electron/core/app/app-services.js';
import { OutsideChanges, type OutsidePart } from '../../../electron/core/app/outside-changes.js';
import { MemoryClipboard } from '../../../electron/core/clipboard/token-clipboard.js';
import { ChangeStamp } from '../../../electron/core/secrets/change-stamp.js';
import { startEmulator, type RunningEmulator } from '../../emulator/index.js';
import { TsmSandbox } from '../../cli/support/run-tsm.js';
import { clearService, requireKeyring } from '../secrets/support/keyring.js';

let emulator: RunningEmulator;
let sandbox: TsmSandbox;
let services: AppServices;
const events: AppEvent[] = [];

/** Resolves with the first event (seen so far or to come) that `match` accepts, or fails at 2 s. */
async function eventWithin2s(match: (event: AppEvent) => boolean, from: number): Promise<AppEvent> {
  await expect
    .poll(() => events.slice(from).some(match), { timeout: 2_000, interval: 25 })
    .toBe(true);
  return events.slice(from).find(match) as AppEvent;
}

const sessionOf = (profileId: string, state: string) => (event: AppEvent) =>
  event.type === 'session' && event.profileId === profileId && event.status.state === state;

beforeAll(async () => {
  requireKeyring();
  emulator = await startEmulator({ port: 0 });
  sandbox = new TsmSandbox();
  services = new AppServices({
    configDir: sandbox.configDir,
    env: { ...process.env, TSM_KEYCHAIN_SERVICE: sandbox.service },
    clipboard: new MemoryClipboard(),
    // Long, so what arrives within 2 s came through the directory watch, not the poll.
    outsidePollMs: 60_000,
  });
  services.onEvent((event) => events.push(event));
  await services.start();
});
afterAll(async () => {
  services.dispose();
  await clearService(sandbox.service);
  sandbox.dispose();
  await emulator.close();
});

describe('outside changes, seen by the app', () => {
  it('shows a profile added by `tsm profile add` within 2 s, without anyone asking', async () => {
    const from = events.length;
    const add = await sandbox.run([
      'profile',
      'add',
      'Terminal',
      '--url',
      emulator.url,
      '--user',
      'analyst',
    ]);
    expect(add.code, add.stderr).toBe(0);
    await eventWithin2s((event) => event.type === 'profiles', from);
    const { profiles } = await services.listProfiles();
    expect(profiles.map((p) => p.name)).toContain('Terminal');
  });

  it('turns a profile signed in after `tsm login` elsewhere, and lists that sign-in in Activity', async () => {
    const profile = services.profiles.get('Terminal');
    expect(services.manager.status(profile.id).state).toBe('signed-out');
    const from = events.length;
    const login = await sandbox.run(['login', '-p', 'Terminal', '--bearer', '--password-stdin'], {
      stdin: 'analyst',
    });
    expect(login.code, login.stderr).toBe(0);
    await eventWithin2s(sessionOf(profile.id, 'signed-in'), from);
    await eventWithin2s((event) => event.type === 'activity', from);
    expect(services.audit.read({ profileId: profile.id, limit: 1 })[0]?.action).toMatch(
      /signed-in|issued/,
    );
  });

  it('turns it signed out after `tsm logout` elsewhere', async () => {
    const profile = services.profiles.get('Terminal');
    const from = events.length;
    const logout = await sandbox.run(['logout', '-p', 'Terminal']);
    expect(logout.code, logout.stderr).toBe(0);
    await eventWithin2s(sessionOf(profile.id, 'signed-out'), from);
  });

  it('answers a list asked for right after `tsm login` with the new status (a reload shows the truth)', async () => {
    const profile = services.profiles.get('Terminal');
    const login = await sandbox.run(['login', '-p', 'Terminal', '--bearer', '--password-stdin'], {
      stdin: 'analyst',
    });
    expect(login.code, login.stderr).toBe(0);
    // Asked at once, before the watch's debounce has run.
    const { profiles } = await services.listProfiles();
    expect(profiles.find((p) => p.id === profile.id)?.status.state).toBe('signed-in');
  });
});

describe('the watch itself', () => {
  let dir: string;
  let watcher: OutsideChanges | undefined;
  afterEach(() => {
    watcher?.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  function watchDir(seen: Set<OutsidePart>[], pollMs: number): ChangeStamp {
    const stamp = new ChangeStamp(dir);
    watcher = new OutsideChanges({
      settingsPath: join(dir, 'settings.json'),
      auditPath: join(dir, 'audit.log'),
      stamp,
      onChange: (parts) => {
        seen.push(new Set(parts));
        return Promise.resolve();
      },
      pollMs,
    });
    return stamp;
  }

  it('tells its own stamp bumps from another process’s', async () => {
    dir = mkdtempSync(join(tmpdir(), 'tsm-watch-'));
    const seen: Set<OutsidePart>[] = [];
    const own = watchDir(seen, 60_000);
    own.bump();
    own.bump();
    await watcher?.checkNow();
    expect(seen).toEqual([]);
    new ChangeStamp(dir).bump(); // another process's instance
    await watcher?.checkNow();
    expect(seen).toEqual([new Set(['secrets'])]);
  });

  it('falls back to the poll when the directory does not exist yet, and names each file’s part', async () => {
    dir = join(mkdtempSync(join(tmpdir(), 'tsm-watch-')), 'later');
    const seen: Set<OutsidePart>[] = [];
    watchDir(seen, 100);
    mkdirSync(dir);
    writeFileSync(join(dir, 'settings.json'), '{}');
    writeFileSync(join(dir, 'audit.log'), '{}\n');
    await expect
      .poll(() => seen.flatMap((parts) => [...parts]).sort(), { timeout: 2_000 })
      .toEqual(['activity', 'settings']);
  });
});
