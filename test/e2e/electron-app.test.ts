// The real desktop app under Playwright's Electron driver: sign in to the emulator, then revoke.
// Runs wherever the Electron binary exists; elsewhere it is skipped and says why.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { _electron, type ElectronApplication } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../emulator/index.js';

const ROOT = resolve(fileURLToPath(import.meta.url), '../../..');
const MAIN = join(ROOT, 'dist/electron/main.js');

/**
 * Where the Electron binary is, found the way the `electron` package finds it but without
 * `require('electron')`, which tries to download the binary when it is missing.
 */
function findElectron(): { path: string } | { reason: string } {
  const pkgDir = dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  const pathFile = join(pkgDir, 'path.txt');
  const executable = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : undefined;
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  const path = override
    ? join(override, executable ?? 'electron')
    : executable && join(pkgDir, 'dist', executable);
  if (!path)
    return {
      reason:
        'the Electron binary is not installed (no node_modules/electron/path.txt: installed ' +
        'with ELECTRON_SKIP_BINARY_DOWNLOAD=1 or offline)',
    };
  if (!existsSync(path)) return { reason: `the Electron binary is missing at ${path}` };
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY)
    return { reason: 'no display to open a window on (run the tests under xvfb-run)' };
  return { path };
}

const electron = findElectron();
const skipReason = 'reason' in electron ? electron.reason : undefined;
if (skipReason) console.warn(`Electron end-to-end test skipped: ${skipReason}`);

describe('desktop app (Electron)', () => {
  let app: ElectronApplication | undefined;
  let emulator: RunningEmulator | undefined;
  let configDir: string | undefined;

  afterEach(async () => {
    await app?.close();
    await emulator?.close();
    if (configDir) rmSync(configDir, { recursive: true, force: true });
  });

  it.skipIf(skipReason !== undefined)(
    `signs in to the emulator and revokes the token through the window${
      skipReason ? ` — skipped: ${skipReason}` : ''
    }`,
    async () => {
      if (!('path' in electron)) return;
      expect(existsSync(MAIN), `${MAIN} is missing: run npm run build first`).toBe(true);
      emulator = await startEmulator({ port: 0 });
      configDir = mkdtempSync(join(tmpdir(), 'tsm-e2e-'));
      app = await _electron.launch({
        executablePath: electron.path,
        args: [MAIN, ...(process.getuid?.() === 0 ? ['--no-sandbox'] : [])],
        env: { ...process.env, TSM_CONFIG_DIR: configDir },
        timeout: 30_000,
      });
      const window = await app.firstWindow();

      await window.getByLabel('Cluster URL').fill(emulator.url);
      await window.getByLabel('Username').fill('tsadmin');
      await window.getByLabel('Password').fill('admin');
      await window.getByRole('button', { name: 'Sign in' }).click();
      const running = emulator;
      await expect.poll(() => running.tokenRequests(), { timeout: 15_000 }).toBeGreaterThan(0);

      await window.getByRole('button', { name: 'Get token' }).click();
      await window.getByRole('button', { name: 'Revoke token' }).click();
      await expect
        .poll(() => running.requests.some((r) => r.method === 'POST' && /revoke/i.test(r.path)), {
          timeout: 15_000,
        })
        .toBe(true);
    },
    90_000,
  );
});
