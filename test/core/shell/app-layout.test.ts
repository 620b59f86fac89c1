import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { appLayout } from '../../../electron/core/shell/app-layout.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

describe('appLayout', () => {
  it('finds the same root from the source (electron/) and the build (dist/electron/)', () => {
    const fromSource = appLayout(join(ROOT, 'electron'));
    const fromBuild = appLayout(join(ROOT, 'dist', 'electron'));
    expect(fromSource).toMatchObject({ root: ROOT });
    expect(fromBuild.root).toBe(ROOT);
    expect(fromBuild.preload).toBe(join(ROOT, 'dist', 'electron', 'preload.cjs'));
    expect(fromBuild.indexHtml).toBe(join(ROOT, 'renderer', 'dist', 'index.html'));
  });

  it('names tray icons that exist', () => {
    const layout = appLayout(join(ROOT, 'electron'));
    for (const kind of ['normal', 'expiring', 'expired'] as const)
      expect(existsSync(layout.trayIcon(kind)), kind).toBe(true);
  });

  it('falls back to two levels up where no package.json of ours is found', () => {
    expect(appLayout('/opt/x/dist/electron').root).toBe('/opt/x');
  });
});
