// Runs the BUILT preload (dist/electron/preload.cjs) the way a sandboxed renderer does: as
// CommonJS whose require knows only `electron` (here the double). Any other require fails, as it
// would in Electron's sandbox.
import { readFileSync } from 'node:fs';
import { wrap } from 'node:module';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runInThisContext } from 'node:vm';
import type { ElectronDouble } from './electron-double.js';

export const BUILT_PRELOAD = fileURLToPath(
  new URL('../../dist/electron/preload.cjs', import.meta.url),
);

export function loadPreload(double: ElectronDouble, path = BUILT_PRELOAD): void {
  const source = readFileSync(path, 'utf8');
  const run: unknown = runInThisContext(wrap(source), { filename: path });
  if (typeof run !== 'function') throw new Error(`${path} did not compile to a module function`);
  const module = { exports: {} };
  const sandboxedRequire = (id: string): unknown => {
    if (id === 'electron') return double.electron;
    throw new Error(`A sandboxed preload cannot require "${id}"`);
  };
  Reflect.apply(run, undefined, [module.exports, sandboxedRequire, module, path, dirname(path)]);
}
