import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { TrayIcon } from '../tray/tray-model.js';

const PACKAGE_NAME = 'thoughtspot-session-manager';

/** Where the app's files are: the same in a checkout, the build and the packaged archive. */
export interface AppLayout {
  root: string;
  indexHtml: string;
  /** Always the built CommonJS preload (a sandboxed preload cannot be TypeScript or ESM). */
  preload: string;
  trayIcon: (kind: TrayIcon) => string;
}

/**
 * The app root is the nearest directory above the main module holding our package.json: two up
 * from dist/electron/main.js (checkout and packaged app alike), one up from electron/main.ts
 * (when tests load the source).
 */
export function appLayout(mainDir: string): AppLayout {
  const root = findRoot(mainDir) ?? join(mainDir, '..', '..');
  return {
    root,
    indexHtml: join(root, 'renderer', 'dist', 'index.html'),
    preload: join(root, 'dist', 'electron', 'preload.cjs'),
    trayIcon: (kind) => join(root, 'assets', `tray-${kind}.png`),
  };
}

function findRoot(start: string): string | undefined {
  for (let dir = start, up = 0; up < 4; up++, dir = dirname(dir)) {
    try {
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: unknown };
      if (pkg.name === PACKAGE_NAME) return dir;
    } catch {
      // no package.json of ours here; look one level up
    }
  }
  return undefined;
}
