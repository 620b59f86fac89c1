// Puts a double where `electron` is imported from. Code vitest transforms (electron/main.ts,
// tray.ts, ipc-main.ts) gets it through vi.mock('electron', () => electronModule()); Node's
// own loader (electron-store, an external package) through a resolve hook to electron-shim.mjs.
// Both read the double installed last, so each test can start the glue against a fresh one.
import { register } from 'node:module';
import type { ElectronDouble } from './electron-double.js';

declare global {
  // The one place both loaders look; a global because Node's loader shares no module with vitest's.
  var tsmElectronDouble: ElectronDouble | undefined;
}

export function installElectronDouble(double: ElectronDouble): void {
  globalThis.tsmElectronDouble = double;
  registerNativeHook();
}

export function installedDouble(): ElectronDouble {
  const double = globalThis.tsmElectronDouble;
  if (!double) throw new Error('No Electron double installed: call installElectronDouble first');
  return double;
}

/** The `electron` module for vi.mock: every export reads the double installed at access time. */
export function electronModule(): Record<string, unknown> {
  const api: Record<string, unknown> = {};
  const current = (): Record<string, unknown> => installedDouble().electron;
  for (const name of Object.keys(current()))
    Object.defineProperty(api, name, { enumerable: true, get: () => current()[name] });
  Object.defineProperty(api, 'default', { enumerable: true, get: current });
  return api;
}

let hooked = false;
function registerNativeHook(): void {
  if (hooked) return;
  hooked = true;
  register(new URL('./native-hook.mjs', import.meta.url), {
    data: { shim: new URL('./electron-shim.mjs', import.meta.url).href },
  });
}
