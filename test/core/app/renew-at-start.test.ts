// After a restart, a remembered session comes back alive: the app is closed (disposed), the
// emulator's clock and the app's move past the token's expiry, and a new AppServices starts on the
// same config directory and keychain. Real keyring, real files, the emulator over real HTTP.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { AppServices } from '../../../electron/core/app/app-services.js';
import { MemoryClipboard } from '../../../electron/core/clipboard/token-clipboard.js';
import { startEmulator, type RunningEmulator } from '../../emulator/index.js';
import { clearService, requireKeyring, uniqueService } from '../secrets/support/keyring.js';

const HOURS_2 = 2 * 3600_000;

let emulator: RunningEmulator;
let configDir: string;
let service: string;
let offset = 0;
const running: AppServices[] = [];

function openApp(): AppServices {
  const services = new AppServices({
    configDir,
    env: { ...process.env, TSM_KEYCHAIN_SERVICE: service },
    clipboard: new MemoryClipboard(),
    now: () => Date.now() + offset,
  });
  running.push(services);
  return services;
}

/** Signs a new profile in with a bearer token, then closes the app and lets two hours pass. */
async function signInThenRestartLater(
  name: string,
  remember: boolean,
  { autoRenew = true, cluster = emulator }: { autoRenew?: boolean; cluster?: RunningEmulator } = {},
): Promise<{ services: AppServices; profileId: string }> {
  const before = openApp();
  const { id } = await before.profiles.add({
    name,
    url: cluster.url,
    username: 'analyst',
    dialect: 'C',
    autoRenew,
  });
  await before.manager.signIn(id, {
    method: 'password',
    password: 'analyst',
    kind: 'bearer',
    remember,
  });
  before.dispose();
  for (const each of new Set([emulator, cluster])) each.clock.advance(HOURS_2);
  offset += HOURS_2;
  return { services: openApp(), profileId: id };
}

beforeAll(async () => {
  requireKeyring();
  emulator = await startEmulator({ port: 0 });
  configDir = mkdtempSync(join(tmpdir(), 'tsm-restart-'));
  service = uniqueService('restart');
});
afterEach(() => {
  for (const services of running.splice(0)) services.dispose();
});
afterAll(async () => {
  await clearService(service);
  rmSync(configDir, { recursive: true, force: true });
  await emulator.close();
});

describe('renew at start', () => {
  it('renews a remembered profile whose token expired while the app was closed', async () => {
    const { services, profileId } = await signInThenRestartLater('Remembered', true);
    const { renewed } = await services.start();
    await renewed;
    const status = services.manager.status(profileId);
    expect(status.state).toBe('signed-in');
    expect('expiresAt' in status && (status.expiresAt ?? 0) > Date.now() + offset).toBe(true);
    expect(services.audit.read({ profileId, limit: 1 })[0]?.action).toBe('renewed');
  });

  it('leaves a profile without a kept password, or with auto-renew off, Expired and unasked', async () => {
    const tried = (services: AppServices, profileId: string) =>
      services.audit
        .read({ profileId })
        .map((entry) => entry.action)
        .filter((action) => action === 'renewed' || action === 'error');
    const forgotten = await signInThenRestartLater('Forgotten', false);
    await (
      await forgotten.services.start()
    ).renewed;
    expect(forgotten.services.manager.status(forgotten.profileId)).toEqual({
      state: 'expired',
      kind: 'bearer',
    });
    expect(tried(forgotten.services, forgotten.profileId)).toEqual([]);
    forgotten.services.dispose();

    const manual = await signInThenRestartLater('Manual', true, { autoRenew: false });
    await (
      await manual.services.start()
    ).renewed;
    expect(manual.services.manager.status(manual.profileId).state).toBe('expired');
    expect(tried(manual.services, manual.profileId)).toEqual([]);
  });

  it('stays Expired, password kept, when the cluster cannot be reached at start', async () => {
    const gone = await startEmulator({ port: 0 });
    const { services, profileId } = await signInThenRestartLater('Offline', true, {
      cluster: gone,
    });
    await gone.close();
    await (
      await services.start()
    ).renewed;
    expect(services.manager.status(profileId)).toMatchObject({
      state: 'expired',
      kind: 'bearer',
      problem: { code: 'NETWORK' },
    });
    const profile = services.profiles.get(profileId);
    expect(await services.vault.getPassword(profile)).toBe('analyst');
    const failure = services.audit.read({ profileId, limit: 1 })[0];
    expect(failure?.action).toBe('error');
    expect(failure?.code).toBe('NETWORK');
  });
});
