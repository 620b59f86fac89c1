// electron-builder.yml, loaded and validated by electron-builder's own code (no download, no build).
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FileMatcher } from 'app-builder-lib/out/fileMatcher.js';
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config.js';
import type { Configuration, TargetConfigType } from 'app-builder-lib';
import { DebugLogger, type FilterStats } from 'builder-util';
import { beforeAll, describe, expect, it } from 'vitest';

const ROOT = resolve(fileURLToPath(import.meta.url), '../../..');

let config: Configuration;

beforeAll(async () => {
  // The loader `electron-builder` itself uses: finds the YAML, parses it, normalizes `files`.
  config = await getConfig(ROOT, join(ROOT, 'electron-builder.yml'), null);
});

const validate = (candidate: Configuration): Promise<void> =>
  validateConfiguration(candidate, new DebugLogger(false));

function targetNames(target: TargetConfigType | undefined): string[] {
  const list = Array.isArray(target) ? target : target == null ? [] : [target];
  return list.map((t) => (typeof t === 'string' ? t : t.target));
}

/** The file patterns as electron-builder's own matcher applies them to paths in the project. */
function packaged(relativePath: string): boolean {
  const sets = Array.isArray(config.files) ? config.files : [config.files];
  const patterns = sets.flatMap((set) =>
    typeof set === 'string' ? [set] : set && typeof set === 'object' ? (set.filter ?? []) : [],
  );
  const filter = new FileMatcher(ROOT, '', (p) => p, patterns).createFilter();
  const file = { isDirectory: () => false } as unknown as FilterStats;
  return filter(join(ROOT, relativePath), file);
}

describe('electron-builder.yml', () => {
  it("passes electron-builder's own configuration validation", async () => {
    await expect(validate(config)).resolves.toBeUndefined();
  });

  it('is checked by a real validator: an unknown key or a wrong fuse value fails', async () => {
    await expect(validate({ ...config, notAnOption: true } as Configuration)).rejects.toThrow(
      /unknown property 'notAnOption'/,
    );
    const badFuse = { ...config.electronFuses, runAsNode: 'no' } as unknown;
    await expect(validate({ ...config, electronFuses: badFuse } as Configuration)).rejects.toThrow(
      /electronFuses\.runAsNode should be a boolean/,
    );
    const misspelt = { ...config.electronFuses, runAsNod: false } as unknown;
    await expect(validate({ ...config, electronFuses: misspelt } as Configuration)).rejects.toThrow(
      /electronFuses/,
    );
  });

  it('names the app and runs the compiled main process', () => {
    expect(config.appId).toBe('com.thoughtspot-session-manager.app');
    expect(config.productName).toBe('ThoughtSpot Session Manager');
    expect(config.directories?.output).toBe('out');
    expect(config.extraMetadata).toMatchObject({ main: 'dist/electron/main.js' });
  });

  it('sets the Electron fuses', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableCookieEncryption: true,
      onlyLoadAppFromAsar: true,
      enableEmbeddedAsarIntegrityValidation: true,
    });
  });

  it("packs into asar with keytar's native module unpacked", () => {
    expect(config.asar).toBe(true);
    expect(config.asarUnpack).toContain('node_modules/keytar/**');
  });

  it('builds AppImage and deb, dmg, and nsis', () => {
    expect(targetNames(config.linux?.target)).toEqual(['AppImage', 'deb']);
    expect(targetNames(config.mac?.target)).toEqual(['dmg']);
    expect(targetNames(config.win?.target)).toEqual(['nsis']);
  });

  it('packages only what the app runs', () => {
    for (const needed of [
      'package.json',
      'dist/electron/main.js',
      'dist/electron/preload.js',
      'dist/electron/tray.js',
      'dist/electron/core/session/session-manager.js',
      'renderer/dist/index.html',
      'renderer/dist/assets/index-abc123.js',
      'assets/tray-expiring.png',
    ])
      expect(packaged(needed), needed).toBe(true);
    for (const left of [
      'test/emulator/index.ts',
      'test/core/tray/tray-model.test.ts',
      'dist/test/emulator/index.js',
      'dist/electron/emulator/server.js',
      'dist/electron/web/server.js',
      'dist/electron/main.js.map',
      'dist/electron/main.d.ts',
      'electron/main.ts',
      'renderer/src/App.svelte',
      'electron-builder.yml',
      'README.md',
    ])
      expect(packaged(left), left).toBe(false);
  });
});
