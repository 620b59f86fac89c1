import { readFileSync } from 'node:fs';

/** The product's name: the window title, the keychain service, the config directory's name. */
export const PRODUCT_NAME = 'ThoughtSpot Session Manager';

/**
 * The version, read from package.json, the one place it is written. Found by walking up from
 * this module, so it works from the source (electron/core) and from the build (dist/electron/core)
 * alike, and inside a packaged app, whose root holds package.json too. Marked pure so that a
 * bundle that never shows the version (`tsm token`'s fast path) drops the read.
 */
export const PRODUCT_VERSION: string = /* @__PURE__ */ readVersion();

function readVersion(): string {
  for (const up of ['../../package.json', '../../../package.json']) {
    try {
      const pkg = JSON.parse(readFileSync(new URL(up, import.meta.url), 'utf8')) as {
        name?: unknown;
        version?: unknown;
      };
      if (pkg.name === 'thoughtspot-session-manager' && typeof pkg.version === 'string')
        return pkg.version;
    } catch {
      // not at this level; try the next one up
    }
  }
  return '0.0.0';
}
