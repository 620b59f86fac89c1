// AppServices.revokeBearerSessions against the emulator and a private keyring.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppServices } from '../../../electron/core/app/app-services.js';
import { MemoryClipboard } from '../../../electron/core/clipboard/token-clipboard.js';
import { startEmulator, type RunningEmulator } from '../../emulator/index.js';
import { clearService, requireKeyring, uniqueService } from '../secrets/support/keyring.js';

let dir: string;
let service: string;
let emulator: RunningEmulator;
let services: AppServices;

beforeEach(async () => {
  requireKeyring();
  dir = mkdtempSync(join(tmpdir(), 'tsm-revoke-quit-'));
  service = uniqueService('revoke-quit');
  emulator = await startEmulator({ port: 0 });
  services = new AppServices({
    configDir: dir,
    env: { TSM_KEYCHAIN_SERVICE: service },
    clipboard: new MemoryClipboard(),
  });
});

afterEach(async () => {
  services.dispose();
  await emulator.close();
  await clearService(service);
  rmSync(dir, { recursive: true, force: true });
});

const revokes = () =>
  emulator.requests.filter((r) => r.method === 'POST' && /revoke/i.test(r.path)).length;

async function profile(name: string, kind: 'bearer' | 'cookie', url = emulator.url) {
  const added = await services.profiles.add({ name, url, username: 'tsadmin' });
  await services.manager.signIn(added.id, { method: 'password', password: 'admin', kind });
  return added.id;
}

describe('AppServices.revokeBearerSessions', () => {
  it('revokes every bearer session, and leaves cookie sessions and signed-out profiles be', async () => {
    const one = await profile('One', 'bearer');
    const two = await profile('Two', 'bearer');
    const cookie = await profile('Cookie', 'cookie');
    await services.profiles.add({ name: 'Idle', url: emulator.url, username: 'analyst' });
    await services.revokeBearerSessions();
    expect(revokes()).toBe(2);
    expect(services.manager.status(one).state).toBe('revoked');
    expect(services.manager.status(two).state).toBe('revoked');
    expect(services.manager.status(cookie)).toMatchObject({ state: 'signed-in', kind: 'cookie' });
  });

  it('goes on past a profile whose cluster is gone, and resolves', async () => {
    const other = await startEmulator({ port: 0 });
    const gone = await profile('Gone', 'bearer', other.url);
    await other.close();
    const live = await profile('Live', 'bearer');
    await expect(services.revokeBearerSessions()).resolves.toBeUndefined();
    expect(services.manager.status(live).state).toBe('revoked');
    expect(services.manager.status(gone).state).not.toBe('revoked');
  });
});
