import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, isAbsolute, join } from 'node:path';
import { BrowserSignInError } from '../errors/index.js';

/** Chromium-family browsers, in the order they are looked for on PATH. */
export const BROWSER_NAMES = [
  'chromium',
  'chromium-browser',
  'google-chrome',
  'google-chrome-stable',
  'microsoft-edge',
  'microsoft-edge-stable',
  'brave-browser',
  'brave',
] as const;

function isExecutableFile(path: string): boolean {
  try {
    if (!statSync(path).isFile()) return false;
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * The browser to launch: TSM_BROWSER when set (it must be an executable file), else the first
 * Chromium-family browser on PATH. None: a one-line error naming what to set, and the fallback.
 */
export function findBrowser(
  executable: string | undefined,
  searchPath: string | undefined,
): string {
  if (executable !== undefined) {
    if (!isAbsolute(executable) || !isExecutableFile(executable)) {
      throw new BrowserSignInError(
        'no-browser',
        `TSM_BROWSER names ${executable}, which is not an executable file (give the full path of a Chromium-family browser)`,
      );
    }
    return executable;
  }
  const dirs = (searchPath ?? '').split(delimiter).filter((dir) => isAbsolute(dir));
  for (const name of BROWSER_NAMES) {
    for (const dir of dirs) {
      const candidate = join(dir, name);
      if (isExecutableFile(candidate)) return candidate;
    }
  }
  throw new BrowserSignInError(
    'no-browser',
    'No Chromium, Chrome, Edge or Brave was found on PATH to sign in with; set TSM_BROWSER to one (or TSM_BROWSER_ENDPOINT to a running one), or paste a token instead (tsm profile edit NAME --auth token)',
  );
}
