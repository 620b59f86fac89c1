import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, posix, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import type { BenchResult } from './result.js';

const DIST = fileURLToPath(new URL('../../renderer/dist', import.meta.url));
const BUILD_FIRST = 'run `npm run build` first';

/** The part of Vite's build manifest (build.manifest) this reads. */
type Manifest = Record<string, { file: string; imports?: string[]; css?: string[] }>;

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

/** A built file's name as the manifest writes it: relative to dist, with forward slashes. */
function distName(dist: string, path: string): string {
  return relative(dist, path).split(sep).join('/');
}

/** The attributes of every `<tag …>` in the page, by name (values unquoted). */
function tags(html: string, tag: string): Record<string, string>[] {
  return [...html.matchAll(new RegExp(`<${tag}\\b([^>]*)>`, 'gi'))].map(([, attributes = '']) =>
    Object.fromEntries(
      [...attributes.matchAll(/([\w-]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?/g)].map(
        ([, name = '', ...values]) => [
          name.toLowerCase(),
          values.find((v) => v !== undefined) ?? '',
        ],
      ),
    ),
  );
}

/**
 * What the window fetches before its first screen can work: the scripts and stylesheets the built
 * index.html names (and any modulepreload), and everything those scripts import statically, with
 * their CSS, as Vite's manifest records it. Lazy chunks (dynamic imports) are not part of it.
 */
export function firstLoad(dist: string): string[] {
  const read = (name: string): string => {
    try {
      return readFileSync(join(dist, name), 'utf8');
    } catch {
      throw new Error(`renderer/dist has no ${name}: ${BUILD_FIRST}`);
    }
  };
  const html = read('index.html');
  const manifest = JSON.parse(read('.vite/manifest.json')) as Manifest;
  const byFile = new Map(Object.entries(manifest).map(([key, chunk]) => [chunk.file, key]));
  const local = (url: string): string | undefined =>
    /^[a-z][\w+.-]*:|^\/\//i.test(url) ? undefined : posix.normalize(url.replace(/^\//, ''));

  const loaded = new Set<string>();
  const visit = (key: string): void => {
    const chunk = manifest[key];
    if (!chunk) throw new Error(`the build manifest names ${key} but has no entry for it`);
    if (loaded.has(chunk.file)) return;
    loaded.add(chunk.file);
    for (const css of chunk.css ?? []) loaded.add(css);
    for (const imported of chunk.imports ?? []) visit(imported);
  };
  const scripts = tags(html, 'script').filter((t) => t.type === 'module' && t.src);
  if (scripts.length === 0) throw new Error(`renderer/dist/index.html loads no module script`);
  for (const script of scripts) {
    const file = local(script.src ?? '');
    const key = file && byFile.get(file);
    if (!key) throw new Error(`index.html loads ${script.src} but the build manifest lacks it`);
    visit(key);
  }
  for (const link of tags(html, 'link')) {
    const rel = link.rel?.toLowerCase().split(/\s+/) ?? [];
    const file = link.href && local(link.href);
    if (file && (rel.includes('stylesheet') || rel.includes('modulepreload'))) loaded.add(file);
  }
  return [...loaded].sort();
}

function gzipped(dist: string, names: string[]): number {
  return names.reduce(
    (sum, name) => sum + gzipSync(readFileSync(join(dist, name)), { level: 9 }).length,
    0,
  );
}

/**
 * The production renderer's JS and CSS, each file gzipped as a server would send it: first what
 * the first screen waits for (the target), then the whole renderer with what loads on demand.
 */
export function benchRendererSize(dist = DIST): BenchResult[] {
  const all = files(dist)
    .filter((path) => /\.(js|css)$/.test(path))
    .map((path) => distName(dist, path));
  if (all.length === 0) throw new Error(`renderer/dist has no JS or CSS: ${BUILD_FIRST}`);
  const first = firstLoad(dist);
  const missing = first.filter((name) => !all.includes(name));
  if (missing.length > 0)
    throw new Error(`the first load names missing files: ${missing.join(', ')}`);
  const later = all.filter((name) => !first.includes(name));
  return [
    {
      name: 'renderer first load, JS + CSS gzipped',
      value: gzipped(dist, first) / 1024,
      unit: ' KB',
      target: 40,
      detail: first.map((name) => posix.basename(name)).join(', '),
    },
    {
      name: 'renderer whole, JS + CSS gzipped',
      value: gzipped(dist, all) / 1024,
      unit: ' KB',
      detail: `${all.length} files, ${later.length} loaded on demand (${(gzipped(dist, later) / 1024).toFixed(2)} KB)`,
    },
  ];
}
