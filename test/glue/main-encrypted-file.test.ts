// electron/main.ts against the Electron double on a machine with no keychain (a D-Bus address
// where nothing listens): the window's opt-in to the encrypted file, and what the tray then says.
import * as v from 'valibot';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { clickItem } from '../electron-double/tray-menu.js';
import { startEmulator, type RunningEmulator } from '../emulator/index.js';
import { launchMain, type LaunchedMain } from './support/launch-main.js';
import { signInBearer } from './support/sign-in.js';

vi.mock('electron', async () => (await import('../electron-double/install.js')).electronModule());

let main: LaunchedMain | undefined;
let emulator: RunningEmulator | undefined;
afterEach(async () => {
  main?.stop();
  await emulator?.close();
  emulator = undefined;
});

const NO_KEYCHAIN = { DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/tsm-no-bus' };

describe('the main process without a keychain', () => {
  it('refuses a one-character passphrase for a new file, then names the file in the sign-out dialog', async () => {
    emulator = await startEmulator({ port: 0 });
    main = await launchMain({ env: NO_KEYCHAIN });
    await expect(
      main.invoke('secrets:useEncryptedFile', { passphrase: 'x' }),
    ).resolves.toMatchObject({
      ok: false,
      error: { code: 'KEYCHAIN_UNAVAILABLE', message: /at least 8 characters/ },
    });
    await main.call(
      'secrets:useEncryptedFile',
      { passphrase: 'correct horse battery' },
      v.object({ location: v.string() }),
    );
    const profileId = await signInBearer(main, emulator.url);

    main.double.dialog.answers.push(1); // Cancel
    const menu = main.tray().contextMenu;
    if (!menu) throw new Error('the tray has no menu');
    clickItem(menu, `profile:${profileId}:sign-out`);
    await vi.waitFor(() => expect(main?.double.dialog.shown).toHaveLength(1), { timeout: 15_000 });
    const detail = v.parse(
      v.object({ detail: v.string() }),
      main.double.dialog.shown[0]?.options,
    ).detail;
    expect(detail).toContain('removed from the encrypted secrets file');
    expect(detail).not.toContain('keychain');
  });
});
