import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, isAbsolute, join } from 'node:path';
import { BrowserSignInError } from '../errors/index.js';
import { stripControls } from '../thoughtspot/server-text.js';

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

const NO_BROWSER =
  'No Chromium-family browser found (chromium, google-chrome, microsoft-edge, brave): set ' +
  'TSM_BROWSER to one, or TSM_BROWSER_ENDPOINT to a running one, or paste a token: ' +
  'tsm profile edit NAME --auth token';

export interface BrowserChoiceOptions {
  endpoint?: string | undefined;
  executable?: string | undefined;
  searchPath?: string | undefined;
}

/** Attach to a running browser's DevTools endpoint, or launch an executable. */
export type BrowserChoice =
  { kind: 'attach'; endpoint: string } | { kind: 'launch'; executable: string };

/**
 * Which browser a sign-in uses: a DevTools endpoint first (`--browser-endpoint`,
 * TSM_BROWSER_ENDPOINT), then TSM_BROWSER, then the first known browser on PATH.
 */
export function chooseBrowser(options: BrowserChoiceOptions): BrowserChoice {
  if (options.endpoint !== undefined)
    return { kind: 'attach', endpoint: devToolsEndpoint(options.endpoint) };
  if (options.executable !== undefined)
    return { kind: 'launch', executable: namedBrowser(options.executable, options.searchPath) };
  const found = findOnPath(BROWSER_NAMES, options.searchPath);
  if (found === undefined) throw new BrowserSignInError('no-browser', NO_BROWSER);
  return { kind: 'launch', executable: found };
}

/** `http://127.0.0.1:PORT` (as `--remote-debugging-port` prints it) or its `ws://` URL. */
export function devToolsEndpoint(raw: string): string {
  const text = raw.trim();
  let url: URL | undefined;
  try {
    url = new URL(text);
  } catch {
    url = undefined;
  }
  if (!url || !['http:', 'https:', 'ws:', 'wss:'].includes(url.protocol) || url.port === '') {
    throw new BrowserSignInError(
      'no-browser',
      `The browser endpoint "${printable(text)}" is not a DevTools address: give one like ` +
        'http://127.0.0.1:9222 (what --remote-debugging-port=9222 opens) or its ws:// URL',
    );
  }
  return text;
}

/** TSM_BROWSER: a path, or a name looked up on PATH; it must be an executable file. */
function namedBrowser(executable: string, searchPath: string | undefined): string {
  const name = executable.trim();
  const path = isAbsolute(name) || name.includes('/') ? name : findOnPath([name], searchPath);
  if (path !== undefined && isExecutableFile(path)) return path;
  const why = path === undefined || !exists(path) ? 'does not exist' : 'is not an executable file';
  throw new BrowserSignInError(
    'no-browser',
    `TSM_BROWSER names "${printable(name)}", which ${why}${path === undefined ? ' on PATH' : ''}: ` +
      'set it to a Chromium-family browser (chromium, google-chrome, microsoft-edge, brave)',
  );
}

/** The first of `names` found as an executable file in a directory of `searchPath`. */
export function findOnPath(
  names: readonly string[],
  searchPath: string | undefined,
): string | undefined {
  // Empty entries would mean the current directory: never run a browser from there by accident.
  const dirs = (searchPath ?? '').split(delimiter).filter((dir) => isAbsolute(dir));
  for (const name of names) {
    for (const dir of dirs) {
      const candidate = join(dir, name);
      if (isExecutableFile(candidate)) return candidate;
    }
  }
  return undefined;
}

function isExecutableFile(path: string): boolean {
  try {
    if (!statSync(path).isFile()) return false;
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function exists(path: string): boolean {
  try {
    statSync(path);
    return true;
  } catch {
    return false;
  }
}

/** Names from the environment are shown back, so keep them to one short printable line. */
function printable(text: string): string {
  return [...stripControls(text)].slice(0, 200).join('');
}
