// The compositions the handlers used to hold, now in AppServices: against the emulator over real
// HTTP, the real keychain (private gnome-keyring) and a real config directory.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppServices, type AppEvent } from '../../../electron/core/app/app-services.js';
import { MemoryClipboard } from '../../../electron/core/clipboard/token-clipboard.js';
import { formatToken } from '../../../electron/core/clipboard/token-formats.js';
import { SECRETS_FILE_NAME } from '../../../electron/core/secrets/index.js';
import { fingerprint } from '../../../electron/core/audit/audit-log.js';
import { startEmulator, type RunningEmulator } from '../../emulator/index.js';
import { expectAppError } from '../../support/expect-error.js';
import { clearService, requireKeyring, uniqueService } from '../secrets/support/keyring.js';

let emulator: RunningEmulator;
let configDir: string;
let service: string;
let clipboard: MemoryClipboard;
let services: AppServices;
let profileId: string;
const events: AppEvent[] = [];

beforeAll(async () => {
  requireKeyring();
  emulator = await startEmulator({ port: 0 });
  configDir = mkdtempSync(join(tmpdir(), 'tsm-services-'));
  service = uniqueService('services');
  clipboard = new MemoryClipboard();
  services = new AppServices({
    configDir,
    env: { ...process.env, TSM_KEYCHAIN_SERVICE: service },
    clipboard,
  });
  services.onEvent((event) => events.push(event));
  profileId = (
    await services.profiles.add({
      name: 'Demo',
      url: emulator.url,
      username: 'tsadmin',
      dialect: 'C',
    })
  ).id;
  await services.manager.signIn(profileId, {
    method: 'password',
    password: 'admin',
    kind: 'bearer',
  });
});
afterAll(async () => {
  services.dispose();
  await clearService(service);
  rmSync(configDir, { recursive: true, force: true });
  await emulator.close();
});

const copies = () =>
  services.audit.read({ profileId }).filter((entry) => entry.action === 'copied');

describe('app services', () => {
  it('copies the token as a curl line for the profile’s dialect, clears later, and logs the copy by fingerprint', async () => {
    services.preferences.update({ clipboardClearSeconds: 45 });
    const before = copies().length;
    expect(await services.copyToken(profileId, 'curl')).toEqual({
      copiedBy: 'app',
      clearsAfterSeconds: 45,
    });
    const token = (await services.manager.getToken(profileId, { minTtlSeconds: 0 })).token;
    expect(clipboard.text).toBe(formatToken('curl', token, emulator.url, 'C'));
    expect(clipboard.text).toContain('/api/rest/2.0/auth/session/user');
    expect(copies()).toHaveLength(before + 1);
    // The log reads newest first.
    expect(copies()[0]?.fingerprint).toBe(fingerprint(token));
    expect(JSON.stringify(services.audit.read({ profileId }))).not.toContain(token);

    await services.copyToken(profileId, 'env');
    expect(clipboard.text).toBe(`TS_TOKEN=${token}`);
  });

  it('reveals the token itself and logs it as revealed, not as a copy', async () => {
    const before = copies().length;
    const { token } = await services.revealToken(profileId);
    expect(token).toBe((await services.manager.getToken(profileId, { minTtlSeconds: 0 })).token);
    expect(copies()).toHaveLength(before);
    expect(services.audit.read({ profileId, limit: 1 })).toMatchObject([
      { action: 'revealed', source: 'window', fingerprint: fingerprint(token) },
    ]);
  });

  it('has no page copy to confirm: the desktop app copies by itself', () => {
    expect(() => services.confirmPageCopy(profileId)).toThrow(/copies by itself/);
  });

  it('duplicates a signed-in profile as a signed-out one, and logs both additions and edits', async () => {
    const copy = await services.duplicateProfile(profileId);
    expect(copy).toMatchObject({ name: 'Demo (copy)', status: { state: 'signed-out' } });
    await services.restoreSessions();
    expect(services.manager.status(copy.id)).toEqual({ state: 'signed-out' });
    expect(await services.vault.entries(copy.id)).toEqual([]);
    await services.saveProfile(copy.id, {
      name: 'Demo two',
      url: copy.url,
      username: 'analyst',
      validitySeconds: 600,
    });
    await services.manager.removeProfile(copy.id);
    const lines = services.audit.read({ profileId: copy.id });
    expect(lines.map((e) => [e.action, e.profile, e.message, e.source])).toEqual([
      ['profile-removed', 'Demo two', undefined, 'window'],
      [
        'profile-edited',
        'Demo two',
        'changed name, username, token lifetime (was Demo (copy))',
        'window',
      ],
      ['profile-added', 'Demo (copy)', 'a copy of Demo', 'window'],
    ]);
  });

  it('copies nothing for a profile that is not signed in', async () => {
    const other = await services.profiles.add({
      name: 'Other',
      url: emulator.url,
      username: 'analyst',
    });
    clipboard.text = 'untouched';
    await expect(services.copyToken(other.id, 'token')).rejects.toMatchObject({
      code: 'NOT_SIGNED_IN',
    });
    expect(clipboard.text).toBe('untouched');
  });

  it('lists profiles as views: the default flagged, each with its session status, and where secrets live', async () => {
    const listed = await services.listProfiles();
    expect(listed.secrets).toEqual(await services.secrets.status());
    expect(listed.secrets.location).toMatch(/^the OS keychain/);
    expect(listed.secrets.place).toBe('the keychain');
    expect(listed.notice).toBeUndefined();
    const demo = listed.profiles.find((p) => p.id === profileId);
    expect(demo).toMatchObject({ name: 'Demo', isDefault: true, status: { state: 'signed-in' } });
    expect(listed.profiles.filter((p) => p.isDefault)).toHaveLength(1);
  });

  it('refuses the encrypted file while the keychain works, and changes nothing', async () => {
    events.length = 0;
    const error = await expectAppError(services.useEncryptedFile('correct horse'), 'INVALID_INPUT');
    expect(error.message).toBe('The keychain works; secrets stay there');
    expect(services.secrets.kind).toBe('keychain');
    expect(existsSync(join(configDir, SECRETS_FILE_NAME))).toBe(false);
    expect(events).toEqual([]);
    expect(services.manager.status(profileId)).toMatchObject({ state: 'signed-in' });
  });
});
