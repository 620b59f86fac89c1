// electron/main.ts against the Electron double: one instance, start-up settings, quitting.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DEMO_PROFILE_NAME, DEMO_SSO_PROFILE_NAME } from '../../electron/core/app/demo-profile.js';
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

const revokes = (e: RunningEmulator) =>
  e.requests.filter((r) => r.method === 'POST' && /revoke/i.test(r.path)).length;

describe('the main process lifecycle', () => {
  it('quits at once, with no window, when another instance holds the lock', async () => {
    main = await launchMain({ singleInstanceLock: false });
    expect(main.double.app.quitCalls).toBe(1);
    expect(main.double.windows).toHaveLength(0);
    expect(main.double.ipcMain.handlers.size).toBe(0);
  });

  it('shows and focuses its window when a second instance starts', async () => {
    main = await launchMain();
    const window = main.window();
    window.hide();
    const focused = window.focused;
    main.double.app.emit('second-instance', {}, [], '');
    expect(window.isVisible()).toBe(true);
    expect(window.focused).toBe(focused + 1);
    expect(main.double.windows).toHaveLength(1);
  });

  it('sets start-at-login from the preferences', async () => {
    main = await launchMain({ preferences: { startAtLogin: true } });
    expect(main.double.app.loginItemSettings).toEqual([{ openAtLogin: true }]);
  });

  it('with revoke-on-quit: holds the quit, revokes bearer tokens at the cluster, then quits', async () => {
    emulator = await startEmulator({ port: 0 });
    main = await launchMain({ preferences: { revokeOnQuit: true } });
    await signInBearer(main, emulator.url, 'One');
    await signInBearer(main, emulator.url, 'Two');
    expect(revokes(emulator)).toBe(0);
    main.double.app.quit();
    expect(main.double.app.exited).toBe(false);
    const running = emulator;
    await vi.waitFor(() => expect(main?.double.app.exited).toBe(true), { timeout: 10_000 });
    expect(revokes(running)).toBe(2);
    expect(main.double.app.quitCalls).toBe(2);
  });

  it('without revoke-on-quit: quits at once and revokes nothing', async () => {
    emulator = await startEmulator({ port: 0 });
    main = await launchMain();
    await signInBearer(main, emulator.url);
    main.double.app.quit();
    expect(main.double.app.exited).toBe(true);
    expect(revokes(emulator)).toBe(0);
  });

  it('clears a copied token from the clipboard before quitting, as the copy promised', async () => {
    emulator = await startEmulator({ port: 0 });
    main = await launchMain();
    const profileId = await signInBearer(main, emulator.url);
    await expect(
      main.invoke('session:copyToken', { profileId, format: 'token' }),
    ).resolves.toMatchObject({ ok: true });
    expect(main.double.clipboard.text).not.toBe('');
    main.double.app.quit();
    await vi.waitFor(() => expect(main?.double.app.exited).toBe(true), { timeout: 15_000 });
    expect(main.double.clipboard.text).toBe('');
  });

  it('points a demo profile at the cluster the dev launcher names, but not when packaged', async () => {
    emulator = await startEmulator({ port: 0 });
    main = await launchMain({ env: { TSM_DEMO_CLUSTER_URL: emulator.url } });
    await expect(main.invoke('profiles:list', {})).resolves.toMatchObject({
      ok: true,
      data: {
        profiles: [
          { name: DEMO_PROFILE_NAME, url: emulator.url },
          { name: DEMO_SSO_PROFILE_NAME, url: emulator.url },
        ],
      },
    });
    main.stop();
    main = await launchMain({ isPackaged: true, env: { TSM_DEMO_CLUSTER_URL: emulator.url } });
    await expect(main.invoke('profiles:list', {})).resolves.toMatchObject({
      ok: true,
      data: { profiles: [] },
    });
  });
});
