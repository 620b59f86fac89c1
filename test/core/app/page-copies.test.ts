// Browser mode: the host has no clipboard of the person's, so a copy hands the text to the page,
// and the audit log records the copy only once the page says the browser took it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppServices } from '../../../electron/core/app/app-services.js';
import { fingerprint } from '../../../electron/core/audit/audit-log.js';
import { formatToken } from '../../../electron/core/clipboard/token-formats.js';
import { startEmulator, type RunningEmulator } from '../../emulator/index.js';
import { clearService, requireKeyring, uniqueService } from '../secrets/support/keyring.js';

let emulator: RunningEmulator;
let configDir: string;
let service: string;
let services: AppServices;
let profileId: string;
let clock = Date.now();

beforeAll(async () => {
  requireKeyring();
  emulator = await startEmulator({ port: 0 });
  configDir = mkdtempSync(join(tmpdir(), 'tsm-page-copies-'));
  service = uniqueService('page-copies');
  services = new AppServices({
    configDir,
    env: { ...process.env, TSM_KEYCHAIN_SERVICE: service },
    clipboard: 'page',
    now: () => clock,
  });
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

const copies = () => services.audit.read({ profileId }).filter((e) => e.action === 'copied');

describe('copies the page makes', () => {
  it('hands the text to the page, records nothing until the page confirms, then once', async () => {
    const result = await services.copyToken(profileId, 'curl');
    const token = (await services.manager.getToken(profileId, { minTtlSeconds: 0 })).token;
    expect(result).toEqual({
      copiedBy: 'page',
      text: formatToken('curl', token, emulator.url, 'C'),
      clearsAfterSeconds: 30,
    });
    expect(copies()).toHaveLength(0);
    expect(services.clipboard.pending).toBe(false);

    expect(services.confirmPageCopy(profileId)).toEqual({ recorded: true });
    expect(copies()).toMatchObject([{ fingerprint: fingerprint(token), source: 'window' }]);
    // A second confirmation of the same handover records nothing more.
    expect(() => services.confirmPageCopy(profileId)).toThrow(/waiting to be confirmed/);
    expect(copies()).toHaveLength(1);
  });

  it('records nothing for a handover confirmed too late', async () => {
    await services.copyToken(profileId, 'token');
    clock += 61_000;
    expect(() => services.confirmPageCopy(profileId)).toThrow(/waiting to be confirmed/);
    expect(copies()).toHaveLength(1);
  });
});
