// electron/main.ts against the Electron double: the IPC it registers and who may use it.
import * as v from 'valibot';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CHANNEL_NAMES, EVENT_CHANNEL } from '../../electron/ipc/contract.js';
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

const refused = {
  ok: false,
  error: { code: 'INVALID_INPUT', message: 'Refused: not our window', details: {} },
};

describe('IPC of the main process', () => {
  it('registers a handler for every channel of the contract, and nothing else', async () => {
    main = await launchMain();
    expect([...main.double.ipcMain.handlers.keys()].sort()).toEqual([...CHANNEL_NAMES].sort());
  });

  it('answers our own window with the handler table', async () => {
    main = await launchMain();
    await expect(main.invoke('profiles:list', {})).resolves.toMatchObject({
      ok: true,
      data: { profiles: [] },
    });
  });

  it('refuses an iframe of our window, another window and a page that navigated away', async () => {
    main = await launchMain();
    const ipc = main.double.ipcMain;
    const own = main.window().webContents;
    const iframe = { url: own.mainFrame.url };
    await expect(ipc.invoke('profiles:list', {}, { sender: own, frame: iframe })).resolves.toEqual(
      refused,
    );
    await expect(ipc.invoke('profiles:list', {}, { sender: own, frame: null })).resolves.toEqual(
      refused,
    );
    const { BrowserWindow } = main.double.electron;
    const other = new BrowserWindow({});
    other.webContents.mainFrame.url = own.mainFrame.url;
    await expect(ipc.invoke('profiles:list', {}, { sender: other.webContents })).resolves.toEqual(
      refused,
    );
    own.mainFrame.url = 'https://evil.example/';
    await expect(ipc.invoke('profiles:list', {}, { sender: own })).resolves.toEqual(refused);
  });

  it('sends session changes to the window on the event channel', async () => {
    emulator = await startEmulator({ port: 0 });
    main = await launchMain();
    const profileId = await signInBearer(main, emulator.url);
    const events = main
      .window()
      .webContents.sent.filter((m) => m.channel === EVENT_CHANNEL)
      .map((m) => m.args[0]);
    expect(events).toContainEqual({ type: 'profiles' });
    const sessions = events.filter((e) => v.is(v.object({ type: v.literal('session') }), e));
    expect(sessions.at(-1)).toMatchObject({
      type: 'session',
      profileId,
      status: { state: 'signed-in', kind: 'bearer' },
    });
    // Neither the events nor the profile list carry the token itself.
    const { token } = await main.call(
      'session:revealToken',
      { profileId },
      v.object({ token: v.string() }),
    );
    const list = await main.call('profiles:list', {}, v.unknown());
    expect(JSON.stringify([events, list])).not.toContain(token);
  });
});
