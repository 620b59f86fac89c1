import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

/** Where `npm run build` puts the bundle of bridge/bridge.ts: beside this module, in dist/. */
const BUILT = new URL('./bridge.js', import.meta.url);
const SOURCE = new URL('./bridge/bridge.ts', import.meta.url);

/**
 * Bundles the bridge from its TypeScript source, with the flags `build:core` in package.json
 * uses; for runs from source (tests, tsx), where no built bundle sits beside this module.
 * esbuild is a build tool: it is loaded only here, and browser mode is never packaged.
 */
export async function bundleBridge(): Promise<string> {
  const { build } = await import('esbuild');
  const result = await build({
    entryPoints: [fileURLToPath(SOURCE)],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
    write: false,
    logLevel: 'silent',
  });
  const text = result.outputFiles[0]?.text;
  if (text === undefined) throw new Error('esbuild produced no bridge bundle');
  return text;
}

/** The script served as /bridge.js: the built bundle, or one made now when run from source. */
export async function loadBridgeScript(): Promise<string> {
  try {
    return await readFile(BUILT, 'utf8');
  } catch (error) {
    const missing = error instanceof Error && 'code' in error && error.code === 'ENOENT';
    if (!missing) throw error;
    return bundleBridge();
  }
}
