// The BUILT preload (dist/electron/preload.cjs) in a sandbox-like require, against the double,
// talking to the real electron/main.ts through the double's ipcMain.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { EVENT_CHANNEL } from '../../electron/ipc/contract.js';
import { loadPreload } from '../electron-double/load-preload.js';
import { launchMain, type LaunchedMain } from './support/launch-main.js';

vi.mock('electron', async () => (await import('../electron-double/install.js')).electronModule());

let main: LaunchedMain | undefined;
afterEach(() => main?.stop());

interface ExposedApi {
  invoke(channel: string, request: unknown): Promise<unknown>;
  onEvent(listener: (event: unknown) => void): () => void;
}

function isExposedApi(value: unknown): value is ExposedApi {
  return (
    typeof value === 'object' &&
    value !== null &&
    'invoke' in value &&
    typeof value.invoke === 'function' &&
    'onEvent' in value &&
    typeof value.onEvent === 'function'
  );
}

async function preloaded(): Promise<{ main: LaunchedMain; api: ExposedApi }> {
  main = await launchMain();
  main.double.attachRenderer(main.window().webContents);
  loadPreload(main.double);
  const api = main.double.exposed.get('sessionApi');
  if (!isExposedApi(api)) throw new Error('sessionApi is not { invoke, onEvent }');
  return { main, api };
}

describe('the preload', () => {
  it('exposes exactly window.sessionApi, with exactly invoke and onEvent', async () => {
    const { main, api } = await preloaded();
    expect([...main.double.exposed.keys()]).toEqual(['sessionApi']);
    expect(Object.keys(api).sort()).toEqual(['invoke', 'onEvent']);
  });

  it('invokes the main process and returns the data of its answer', async () => {
    const { main, api } = await preloaded();
    await expect(api.invoke('profiles:list', {})).resolves.toMatchObject({ profiles: [] });
    expect(main.double.ipcRenderer.invoked).toEqual([{ channel: 'profiles:list', args: [{}] }]);
  });

  it('rebuilds an error answer into an Error with its code and details', async () => {
    const { api } = await preloaded();
    const error: unknown = await api.invoke('profiles:save', { input: { name: '' } }).then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(Error);
    expect(error).toMatchObject({ name: 'SessionApiError', code: 'INVALID_INPUT' });
    expect(error).toHaveProperty('details');
  });

  it('forwards events from the main process to the listener until it unsubscribes', async () => {
    const { main, api } = await preloaded();
    const seen: unknown[] = [];
    const unsubscribe = api.onEvent((event) => seen.push(event));
    main.window().webContents.send(EVENT_CHANNEL, { type: 'profiles' });
    expect(seen).toEqual([{ type: 'profiles' }]);
    unsubscribe();
    expect(main.double.ipcRenderer.listenerCount(EVENT_CHANNEL)).toBe(0);
    main.window().webContents.send(EVENT_CHANNEL, { type: 'profiles' });
    expect(seen).toHaveLength(1);
  });
});
