import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import type { BenchResult } from './result.js';

const DIST = fileURLToPath(new URL('../../renderer/dist', import.meta.url));

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

/** The production renderer's JS and CSS, each file gzipped as a server would send it. */
export function benchRendererSize(): BenchResult {
  const assets = files(DIST).filter((path) => /\.(js|css)$/.test(path));
  if (assets.length === 0)
    throw new Error('renderer/dist has no JS or CSS: run `npm run build` first');
  const bytes = assets.reduce(
    (sum, path) => sum + gzipSync(readFileSync(path), { level: 9 }).length,
    0,
  );
  return {
    name: 'renderer JS + CSS, gzipped',
    value: bytes / 1024,
    unit: ' KB',
    target: 40,
    detail: `${assets.length} files`,
  };
}
