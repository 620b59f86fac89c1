// Which browser a sign-in uses, against a temp dir of fake executables standing in for PATH.
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  BROWSER_NAMES,
  chooseBrowser,
  devToolsEndpoint,
} from '../../../electron/core/browser-sign-in/find-browser.js';
import { BrowserSignInError } from '../../../electron/core/errors/index.js';
import { useTempDir } from '../../support/temp-dir.js';

const tempDir = useTempDir('tsm-find-browser-');

/** A directory holding these files; `executable: false` leaves a file without its x bit. */
function binDir(files: Record<string, { executable?: boolean; dir?: boolean }>): string {
  const dir = tempDir();
  for (const [name, how] of Object.entries(files)) {
    const path = join(dir, name);
    if (how.dir) {
      mkdirSync(path);
      continue;
    }
    writeFileSync(path, '#!/bin/sh\nexit 0\n');
    chmodSync(path, how.executable === false ? 0o644 : 0o755);
  }
  return dir;
}

function failure(run: () => unknown): BrowserSignInError {
  try {
    run();
  } catch (error) {
    if (error instanceof BrowserSignInError) return error;
    throw error;
  }
  throw new Error('expected a BrowserSignInError');
}

describe('chooseBrowser', () => {
  it('an endpoint wins over TSM_BROWSER and PATH', () => {
    const dir = binDir({ chromium: {} });
    expect(
      chooseBrowser({
        endpoint: 'http://127.0.0.1:9222',
        executable: join(dir, 'chromium'),
        searchPath: dir,
      }),
    ).toEqual({ kind: 'attach', endpoint: 'http://127.0.0.1:9222' });
  });

  it('TSM_BROWSER wins over PATH, as a path or as a name looked up on PATH', () => {
    const dir = binDir({ chromium: {}, 'my-chrome': {} });
    expect(chooseBrowser({ executable: join(dir, 'my-chrome'), searchPath: dir })).toEqual({
      kind: 'launch',
      executable: join(dir, 'my-chrome'),
    });
    expect(chooseBrowser({ executable: 'my-chrome', searchPath: dir })).toEqual({
      kind: 'launch',
      executable: join(dir, 'my-chrome'),
    });
  });

  it('PATH: the first known name wins, whichever directory it is in', () => {
    const first = binDir({ brave: {} });
    const second = binDir({ 'google-chrome': {} });
    const searchPath = [first, second].join(delimiter);
    expect(chooseBrowser({ searchPath })).toEqual({
      kind: 'launch',
      executable: join(second, 'google-chrome'),
    });
  });

  it('PATH: within one name, the earlier directory wins', () => {
    const first = binDir({ chromium: {} });
    const second = binDir({ chromium: {} });
    expect(chooseBrowser({ searchPath: [first, second].join(delimiter) })).toEqual({
      kind: 'launch',
      executable: join(first, 'chromium'),
    });
  });

  it('skips files without the x bit, directories, and relative or empty PATH entries', () => {
    const dir = binDir({ chromium: { executable: false }, 'google-chrome': { dir: true } });
    const later = binDir({ 'microsoft-edge': {} });
    const searchPath = ['', '.', 'bin', dir, later].join(delimiter);
    expect(chooseBrowser({ searchPath })).toEqual({
      kind: 'launch',
      executable: join(later, 'microsoft-edge'),
    });
  });

  it('looks for every name it promises, in order', () => {
    expect(BROWSER_NAMES).toEqual([
      'chromium',
      'chromium-browser',
      'google-chrome',
      'google-chrome-stable',
      'microsoft-edge',
      'microsoft-edge-stable',
      'brave-browser',
      'brave',
    ]);
    for (const name of BROWSER_NAMES) {
      const dir = binDir({ [name]: {} });
      expect(chooseBrowser({ searchPath: dir })).toEqual({
        kind: 'launch',
        executable: join(dir, name),
      });
    }
  });

  it('none found (empty or absent PATH, or only unknown programs): the one-line error', () => {
    const dir = binDir({ firefox: {} });
    for (const searchPath of ['', undefined, dir]) {
      const error = failure(() => chooseBrowser({ searchPath }));
      expect(error.end).toBe('no-browser');
      expect(error.message).toBe(
        'No Chromium-family browser found (chromium, google-chrome, microsoft-edge, brave): set ' +
          'TSM_BROWSER to one, or TSM_BROWSER_ENDPOINT to a running one, or paste a token: ' +
          'tsm profile edit NAME --auth token',
      );
    }
  });

  it('a TSM_BROWSER that is missing, not executable, or a name not on PATH: says which', () => {
    const dir = binDir({ plain: { executable: false }, folder: { dir: true } });
    expect(failure(() => chooseBrowser({ executable: join(dir, 'gone') })).message).toBe(
      `TSM_BROWSER names "${join(dir, 'gone')}", which does not exist: set it to a ` +
        'Chromium-family browser (chromium, google-chrome, microsoft-edge, brave)',
    );
    expect(failure(() => chooseBrowser({ executable: join(dir, 'plain') })).message).toMatch(
      /^TSM_BROWSER names ".*\/plain", which is not an executable file: /,
    );
    expect(failure(() => chooseBrowser({ executable: join(dir, 'folder') })).message).toMatch(
      /which is not an executable file/,
    );
    expect(
      failure(() => chooseBrowser({ executable: 'nonesuch', searchPath: dir })).message,
    ).toMatch(/^TSM_BROWSER names "nonesuch", which does not exist on PATH: /);
  });

  it('a TSM_BROWSER with control characters is shown without them', () => {
    const message = failure(() => chooseBrowser({ executable: '/nope/\u001b[31mred' })).message;
    expect(message).not.toContain('\u001b');
    expect(message).toContain('"/nope/[31mred"');
  });
});

describe('devToolsEndpoint', () => {
  it('takes the http:// address --remote-debugging-port opens, or the ws:// URL', () => {
    expect(devToolsEndpoint('http://127.0.0.1:9222')).toBe('http://127.0.0.1:9222');
    expect(devToolsEndpoint(' http://localhost:9222/ ')).toBe('http://localhost:9222/');
    const ws = 'ws://127.0.0.1:9222/devtools/browser/6b3a0f2c-1d2e-4f5a-8b9c-0d1e2f3a4b5c';
    expect(devToolsEndpoint(ws)).toBe(ws);
  });

  it('refuses what is not a DevTools address, naming it', () => {
    for (const bad of ['9222', 'localhost:9222', 'http://127.0.0.1', 'file:///tmp/x', 'nonsense']) {
      const error = failure(() => devToolsEndpoint(bad));
      expect(error.end).toBe('no-browser');
      expect(error.message).toBe(
        `The browser endpoint "${bad}" is not a DevTools address: give one like ` +
          'http://127.0.0.1:9222 (what --remote-debugging-port=9222 opens) or its ws:// URL',
      );
    }
  });
});
