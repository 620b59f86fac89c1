// The size bench's reading of a build: what the first load is, from index.html and Vite's
// manifest alone (no file name known in advance), and the whole renderer beside it.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { benchRendererSize, firstLoad } from './renderer-size.bench.js';

const made: string[] = [];
afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function dist(tree: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'tsm-size-'));
  made.push(root);
  for (const [name, text] of Object.entries(tree)) {
    mkdirSync(dirname(join(root, name)), { recursive: true });
    writeFileSync(join(root, name), text);
  }
  return root;
}

const manifest = {
  'index.html': {
    file: 'assets/main-1.js',
    isEntry: true,
    imports: ['_shared-2.js'],
    dynamicImports: ['src/Lazy.svelte'],
    css: ['assets/main-1.css'],
  },
  '_shared-2.js': { file: 'assets/shared-2.js', css: ['assets/shared-2.css'] },
  'src/Lazy.svelte': {
    file: 'assets/Lazy-3.js',
    isDynamicEntry: true,
    imports: ['_shared-2.js', 'index.html'],
    css: ['assets/Lazy-3.css'],
  },
};

const page = (head: string) => `<!doctype html><html><head>${head}</head><body></body></html>`;

function build(head: string, extra: Record<string, string> = {}): string {
  return dist({
    'index.html': page(head),
    '.vite/manifest.json': JSON.stringify(manifest),
    'assets/main-1.js': 'import "./shared-2.js"; import("./Lazy-3.js");'.repeat(40),
    'assets/main-1.css': 'body{margin:0}',
    'assets/shared-2.js': 'export const a = 1;',
    'assets/shared-2.css': '.a{color:red}',
    'assets/Lazy-3.js': 'export default 1;'.repeat(200),
    'assets/Lazy-3.css': '.lazy{color:blue}',
    ...extra,
  });
}

describe('renderer size bench', () => {
  it('counts the entry, its static imports and their CSS as the first load, not lazy chunks', () => {
    const root = build(
      `<script type="module" crossorigin src="./assets/main-1.js"></script>
       <link crossorigin href="./assets/main-1.css" rel="stylesheet">`,
    );
    expect(firstLoad(root)).toEqual([
      'assets/main-1.css',
      'assets/main-1.js',
      'assets/shared-2.css',
      'assets/shared-2.js',
    ]);
    const [first, whole] = benchRendererSize(root);
    expect(first).toMatchObject({ target: 40, unit: ' KB' });
    expect(first?.detail).toBe('main-1.css, main-1.js, shared-2.css, shared-2.js');
    expect(whole?.target).toBeUndefined();
    expect(whole?.detail).toMatch(/^6 files, 2 loaded on demand \([\d.]+ KB\)$/);
    expect(whole?.value).toBeGreaterThan(first?.value ?? Infinity);
  });

  it('adds what index.html preloads, and ignores other links and other origins', () => {
    const root = build(
      `<script src="./assets/main-1.js" type="module"></script>
       <link rel="modulepreload" href="/assets/Lazy-3.js">
       <link rel="icon" href="./favicon.svg">
       <link rel="stylesheet" href="https://cdn.example.com/x.css">`,
    );
    expect(firstLoad(root)).toContain('assets/Lazy-3.js');
    expect(firstLoad(root)).not.toContain('assets/Lazy-3.css');
    expect(firstLoad(root)).not.toContain('favicon.svg');
  });

  it('says what is wrong with a build it cannot read', () => {
    expect(() =>
      firstLoad(build('<script type="module" src="./assets/other.js"></script>')),
    ).toThrow('index.html loads ./assets/other.js but the build manifest lacks it');
    expect(() => firstLoad(build('<title>no script</title>'))).toThrow(
      'renderer/dist/index.html loads no module script',
    );
    expect(() => firstLoad(dist({ 'index.html': page('') }))).toThrow(
      'renderer/dist has no .vite/manifest.json: run `npm run build` first',
    );
  });
});
