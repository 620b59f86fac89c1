// notifySessionChanges over a real AppServices, signed in to the emulator (private keyring).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppServices } from '../../../electron/core/app/app-services.js';
import { MemoryClipboard } from '../../../electron/core/clipboard/token-clipboard.js';
import { AuthError } from '../../../electron/core/errors/index.js';
import { PRODUCT_NAME } from '../../../electron/core/product.js';
import {
  errorNotification,
  UNEXPECTED_TRAY_FAILURE,
  type NotificationText,
} from '../../../electron/core/shell/notifications.js';
import { notifySessionChanges } from '../../../electron/core/shell/session-notifier.js';
import { startEmulator, type RunningEmulator } from '../../emulator/index.js';
import { clearService, requireKeyring, uniqueService } from '../secrets/support/keyring.js';

let dir: string;
let service: string;
let emulator: RunningEmulator;
let services: AppServices;
let shown: NotificationText[];
let unsubscribe: () => void;

beforeEach(async () => {
  requireKeyring();
  dir = mkdtempSync(join(tmpdir(), 'tsm-notifier-'));
  service = uniqueService('notifier');
  emulator = await startEmulator({ port: 0 });
  services = new AppServices({
    configDir: dir,
    env: { TSM_KEYCHAIN_SERVICE: service },
    clipboard: new MemoryClipboard(),
  });
  shown = [];
  unsubscribe = notifySessionChanges(services, (text) => shown.push(text));
});

afterEach(async () => {
  unsubscribe();
  services.dispose();
  await emulator.close();
  await clearService(service);
  rmSync(dir, { recursive: true, force: true });
});

async function signedIn(): Promise<string> {
  const profile = await services.profiles.add({
    name: 'Prod',
    url: emulator.url,
    username: 'tsadmin',
  });
  await services.manager.signIn(profile.id, {
    method: 'password',
    password: 'admin',
    kind: 'bearer',
  });
  return profile.id;
}

describe('session notifications', () => {
  it('says nothing for a sign-in, and names the profile when its token is revoked', async () => {
    const id = await signedIn();
    expect(shown).toEqual([]);
    await services.manager.revoke(id);
    expect(shown).toEqual([
      {
        title: 'Prod: token revoked',
        body: 'The token no longer works anywhere. Sign in again to get a new one.',
      },
    ]);
  });

  it('is silent while notifyBeforeExpiry is off, read at each change', async () => {
    const id = await signedIn();
    services.preferences.update({ notifyBeforeExpiry: false });
    await services.manager.revoke(id);
    expect(shown).toEqual([]);
  });

  it('stops after unsubscribing', async () => {
    const id = await signedIn();
    unsubscribe();
    await services.manager.revoke(id);
    expect(shown).toEqual([]);
  });
});

describe('the error notification', () => {
  it('is titled with the product name and says our own error message', () => {
    expect(
      errorNotification(new AuthError('TOKEN_REVOKED', 'The cluster refused the token')),
    ).toEqual({
      title: PRODUCT_NAME,
      body: 'The cluster refused the token',
    });
  });

  it('quotes no other error: its text may hold anything', () => {
    for (const error of [new Error('Bearer abc.secret.token leaked'), 'plain secret', undefined]) {
      expect(errorNotification(error)).toEqual({
        title: PRODUCT_NAME,
        body: UNEXPECTED_TRAY_FAILURE,
      });
    }
  });
});
