// Loads the real electron/main.ts against a fresh Electron double, with its own config directory
// and keychain service (run under test/keyring/with-keyring.sh), and drives it as the window would.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as v from 'valibot';
import { expect, vi } from 'vitest';
import { PreferencesFile, type Preferences } from '../../../electron/core/app/preferences.js';
import type { Envelope } from '../../../electron/ipc/contract.js';
import {
  createElectronDouble,
  type ElectronDouble,
} from '../../electron-double/electron-double.js';
import { installElectronDouble } from '../../electron-double/install.js';
import type { DoubleTray } from '../../electron-double/tray-menu.js';
import type { DoubleBrowserWindow } from '../../electron-double/windows.js';

export interface LaunchOptions {
  singleInstanceLock?: boolean;
  isPackaged?: boolean;
  preferences?: Partial<Preferences>;
  /** Extra environment for main.ts (restored afterwards). */
  env?: Record<string, string>;
  /** Point main.ts at a config directory that does not exist yet, for main.ts to make. */
  missingConfigDir?: boolean;
}

export interface LaunchedMain {
  double: ElectronDouble;
  configDir: string;
  window(): DoubleBrowserWindow;
  tray(): DoubleTray;
  /** A call from our own window's page, through the ipcMain handler main.ts registered. */
  invoke(channel: string, request: unknown): Promise<Envelope<unknown>>;
  /** Like invoke, but the data of a successful answer checked against a schema. */
  call<T>(channel: string, request: unknown, schema: v.GenericSchema<unknown, T>): Promise<T>;
  stop(): void;
}

const ENV_KEYS = ['TSM_CONFIG_DIR', 'TSM_KEYCHAIN_SERVICE', 'TSM_DEMO_CLUSTER_URL'];

function isEnvelope(value: unknown): value is Envelope<unknown> {
  return typeof value === 'object' && value !== null && 'ok' in value;
}

export async function launchMain(options: LaunchOptions = {}): Promise<LaunchedMain> {
  if (!process.env.DBUS_SESSION_BUS_ADDRESS)
    throw new Error('No D-Bus session: run under test/keyring/with-keyring.sh (npm test does)');
  const root = mkdtempSync(join(tmpdir(), 'tsm-glue-'));
  const configDir = options.missingConfigDir ? join(root, 'config') : root;
  if (options.preferences) new PreferencesFile(configDir).update(options.preferences);
  const keys = [...ENV_KEYS, ...Object.keys(options.env ?? {})];
  const saved = Object.fromEntries(keys.map((key) => [key, process.env[key]]));
  const env: Record<string, string> = {
    TSM_CONFIG_DIR: configDir,
    TSM_KEYCHAIN_SERVICE: `tsm-glue-${process.pid}-${Math.random().toString(36).slice(2, 8)}`,
    ...options.env,
  };
  delete process.env.TSM_DEMO_CLUSTER_URL;
  Object.assign(process.env, env);

  const double = createElectronDouble({
    userData: configDir,
    ...(options.isPackaged !== undefined ? { isPackaged: options.isPackaged } : {}),
    ...(options.singleInstanceLock !== undefined
      ? { singleInstanceLock: options.singleInstanceLock }
      : {}),
  });
  installElectronDouble(double);
  vi.resetModules();
  await import('../../../electron/main.js');
  // Started on whenReady; done when the window exists (or at once when another instance runs).
  if (options.singleInstanceLock !== false)
    await vi.waitFor(() => expect(double.windows).toHaveLength(1), { timeout: 10_000 });

  const window = (): DoubleBrowserWindow => {
    const [first] = double.windows;
    if (!first) throw new Error('main.ts has no window');
    return first;
  };
  const invoke = async (channel: string, request: unknown): Promise<Envelope<unknown>> => {
    const answer = await double.ipcMain.invoke(channel, request, { sender: window().webContents });
    if (!isEnvelope(answer)) throw new Error(`${channel} answered with no envelope`);
    return answer;
  };
  return {
    double,
    configDir,
    window,
    tray: () => {
      const [tray] = double.trays;
      if (!tray) throw new Error('main.ts has no tray');
      return tray;
    },
    invoke,
    async call<T>(channel: string, request: unknown, schema: v.GenericSchema<unknown, T>) {
      const answer = await invoke(channel, request);
      if (!answer.ok)
        throw new Error(`${channel} failed: ${answer.error.code} ${answer.error.message}`);
      return v.parse(schema, answer.data);
    },
    stop() {
      double.app.removeAllListeners();
      for (const [key, value] of Object.entries(saved)) {
        if (value === undefined) delete process.env[key];
        else process.env[key] = value;
      }
      rmSync(root, { recursive: true, force: true });
    },
  };
}
