// electronegativity over the main-process code: zero findings, with fixtures proving the scan bites.
//
// The library's own entry (`run`) is used rather than its CLI: with `-o` the CLI hides files it
// failed to parse (a silent pass) and writes the CSV header and rows in two racing writes.
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

interface Finding {
  id: string;
  file: string;
  location: { line: number; column: number };
  description: string;
}

interface ScanResult {
  errors: { file: string; message: string; tolerable: boolean }[];
  issues: Finding[];
}

type Run = (options: {
  input: string;
  isRelative: boolean;
  electronVersionOverride: string;
  excludeFromScan: string[];
}) => Promise<ScanResult>;

const require = createRequire(import.meta.url);
const run = require('@doyensec/electronegativity') as Run;
const ELECTRON_DIR = resolve(fileURLToPath(import.meta.url), '../../../electron');
const ELECTRON_VERSION = (
  JSON.parse(readFileSync(require.resolve('electron/package.json'), 'utf8')) as { version: string }
).version;

/**
 * All checks but AVAILABLE_SECURITY_FIXES_GLOBAL_CHECK: that one downloads Electron's release list
 * from GitHub and judges the Electron release, not our code (dependency updates cover it).
 */
function scan(input: string): Promise<ScanResult> {
  return run({
    input,
    isRelative: true,
    electronVersionOverride: ELECTRON_VERSION,
    excludeFromScan: ['AvailableSecurityFixesGlobalCheck'],
  });
}

/**
 * electronegativity reads only .js/.jsx/.ts/.tsx/.html: a preload.cts (CommonJS, as a sandboxed
 * preload must be) would be skipped. Scan a copy of electron/ where such files get an extension
 * it reads appended (preload.cts -> preload.cts.ts), and name them back in the results.
 */
function mirrorForScan(source: string, target: string): string {
  cpSync(source, target, { recursive: true });
  for (const file of readdirSync(target, { recursive: true, encoding: 'utf8' })) {
    const added = /\.[cm]ts$/.test(file) ? '.ts' : /\.[cm]js$/.test(file) ? '.js' : '';
    if (added) renameSync(join(target, file), join(target, file + added));
  }
  return target;
}

const originalName = (file: string): string => file.replace(/\.([cm](?:ts|js))\.(?:ts|js)$/, '.$1');

const describeFinding = (f: Finding): string =>
  `${f.id} ${originalName(f.file)}:${f.location.line}:${f.location.column} ${f.description}`;

/** Checks our code may switch off on a line, after review; nothing else, and never file-wide. */
const REVIEWED: Record<string, string> = {
  PRELOAD_JS_CHECK:
    'always raised for manual review on any preload; ours only exposes the typed contextBridge API',
  CSP_GLOBAL_CHECK:
    'the scanner reads only a string literal; allowed where the policy is a shared constant',
};

function annotations(dir: string): { where: string; checks: string[]; fileWide: boolean }[] {
  const found = [];
  for (const file of readdirSync(dir, { recursive: true, encoding: 'utf8' })) {
    if (!/\.[cm]?[jt]sx?$/.test(file)) continue;
    const lines = readFileSync(join(dir, file), 'utf8').split('\n');
    for (const [index, line] of lines.entries()) {
      const match = /eng-disable\s+([\w\s]+)/.exec(line);
      if (!match?.[1]) continue;
      const checks = match[1].split(/\s+/).filter((c) => /^[A-Z_]+$/.test(c));
      found.push({ where: `${file}:${index + 1}`, checks, fileWide: index === 0 });
    }
  }
  return found;
}

/** Every classic mistake at once. */
const INSECURE_MAIN = `
import { app, BrowserWindow } from 'electron';

void app.whenReady().then(() => {
  const win = new BrowserWindow({
    webPreferences: { nodeIntegration: true, contextIsolation: false, webSecurity: false },
  });
  void win.loadURL('http://example.com/');
});
`;

/** A CommonJS preload: only seen at all because of mirrorForScan. */
const INSECURE_PRELOAD = `
const { shell } = require('electron');
module.exports = (url: string) => shell.openExternal(url);
`;

/** What electronegativity asks of a main process; electron/main.ts must meet the same bar. */
const HARDENED_MAIN = `
import { app, BrowserWindow, session } from 'electron';
import { join } from 'node:path';

void app.whenReady().then(() => {
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) =>
    callback(false),
  );
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: {
        ...details.responseHeaders,
        'Content-Security-Policy': ["default-src 'none'; script-src app:; style-src app:; img-src app: data:; connect-src app:; base-uri 'none'; object-src 'none'; form-action 'none'; frame-ancestors 'none'"],
      },
    });
  });
  const win = new BrowserWindow({
    webPreferences: {
      preload: join(import.meta.dirname, 'preload.js'), // eng-disable PRELOAD_JS_CHECK
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      disableBlinkFeatures: 'Auxclick',
    },
  });
  win.webContents.on('will-navigate', (event) => event.preventDefault());
  win.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
  void win.loadURL('app://bundle/index.html');
});
`;

let fixtures: string;
let insecure: ScanResult;
let hardened: ScanResult;
let real: ScanResult;

beforeAll(async () => {
  fixtures = mkdtempSync(join(tmpdir(), 'tsm-electronegativity-'));
  const write = (file: string, source: string): void => {
    mkdirSync(join(fixtures, file, '..'), { recursive: true });
    writeFileSync(join(fixtures, file), source);
  };
  write('src/insecure/main.ts', INSECURE_MAIN);
  write('src/insecure/preload.cts', INSECURE_PRELOAD);
  write('src/hardened/main.ts', HARDENED_MAIN);
  // Each scan first tries to fetch translations (1 s timeout, retried): run them side by side.
  [insecure, hardened, real] = await Promise.all([
    scan(mirrorForScan(join(fixtures, 'src/insecure'), join(fixtures, 'insecure'))),
    scan(mirrorForScan(join(fixtures, 'src/hardened'), join(fixtures, 'hardened'))),
    scan(mirrorForScan(ELECTRON_DIR, join(fixtures, 'electron'))),
  ]);
}, 60_000);

afterAll(() => {
  if (fixtures) rmSync(fixtures, { recursive: true, force: true });
});

describe('electronegativity', () => {
  it('finds what a deliberately insecure main process does wrong (the scan is real)', () => {
    expect(insecure.errors).toEqual([]);
    expect(new Set(insecure.issues.map((f) => f.id))).toEqual(
      new Set([
        'NODE_INTEGRATION_JS_CHECK',
        'CONTEXT_ISOLATION_JS_CHECK',
        'SANDBOX_JS_CHECK',
        'WEB_SECURITY_JS_CHECK',
        'AUXCLICK_JS_CHECK',
        'HTTP_RESOURCES_JS_CHECK',
        'HTTP_RESOURCES_WITH_NODE_INTEGRATION_GLOBAL_CHECK',
        'CSP_GLOBAL_CHECK',
        'LIMIT_NAVIGATION_GLOBAL_CHECK',
        'PERMISSION_REQUEST_HANDLER_GLOBAL_CHECK',
        'OPEN_EXTERNAL_JS_CHECK',
      ]),
    );
    expect(insecure.issues.map(describeFinding)).toContainEqual(
      expect.stringMatching(/^OPEN_EXTERNAL_JS_CHECK preload\.cts:3:/),
    );
  });

  it('finds nothing in a hardened main process (zero is reachable)', () => {
    expect(hardened.errors).toEqual([]);
    expect(hardened.issues.map(describeFinding)).toEqual([]);
  });

  it('scans the Electron entry points', () => {
    const present = (names: string[]): boolean =>
      names.some((name) => existsSync(join(ELECTRON_DIR, name)));
    expect({
      main: present(['main.ts']),
      preload: present(['preload.ts', 'preload.cts', 'preload.mts']),
      tray: present(['tray.ts']),
    }).toEqual({ main: true, preload: true, tray: true });
  });

  it('parses every file under electron/ (a file it cannot parse is silently skipped)', () => {
    const mirror = join(fixtures, 'electron');
    expect(
      real.errors.map((e) => `${originalName(relative(mirror, e.file))}: ${e.message}`),
    ).toEqual([]);
  });

  it('is not silenced: line annotations only for reviewed checks, none file-wide', () => {
    const misused = annotations(ELECTRON_DIR).filter(
      (a) => a.fileWide || a.checks.length === 0 || a.checks.some((c) => !(c in REVIEWED)),
    );
    expect(misused).toEqual([]);
  });

  it('reports zero findings for electron/', () => {
    expect(real.issues.map(describeFinding)).toEqual([]);
  });
});
