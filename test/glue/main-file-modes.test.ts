// electron/main.ts against the Electron double: the settings file electron-store writes (Node
// loads electron-store itself, through the double's loader hook) and the config directory are
// private to the person: 0600 and 0700, whatever the umask says.
import { statSync } from 'node:fs';
import { join } from 'node:path';
import * as v from 'valibot';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  CONFIG_DIR_MODE,
  SETTINGS_FILE_MODE,
  SETTINGS_NAME,
} from '../../electron/core/profiles/profile-store.js';
import { launchMain, type LaunchedMain } from './support/launch-main.js';

vi.mock('electron', async () => (await import('../electron-double/install.js')).electronModule());

let main: LaunchedMain | undefined;
afterEach(() => main?.stop());

const modeOf = (path: string): number => statSync(path).mode & 0o777;

describe('files the main process writes', () => {
  it('makes the config directory 0700 and the settings file 0600', async () => {
    const umask = process.umask(0o022); // the usual one: files 0644, directories 0755 by default
    try {
      main = await launchMain({ missingConfigDir: true });
      await main.call(
        'profiles:save',
        { input: { name: 'Prod', url: 'https://prod.example', username: 'me' } },
        v.object({ id: v.string() }),
      );
    } finally {
      process.umask(umask);
    }
    expect(modeOf(main.configDir)).toBe(CONFIG_DIR_MODE);
    expect(modeOf(join(main.configDir, `${SETTINGS_NAME}.json`))).toBe(SETTINGS_FILE_MODE);
  });
});
