import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

/** A file under `root` for a URL path, or undefined; `..` and absolute tricks never leave root. */
export async function readStatic(
  root: string,
  urlPath: string,
): Promise<{ body: Buffer; type: string } | undefined> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return undefined;
  }
  const relative = normalize(decoded === '/' ? '/index.html' : decoded).replace(/^([/\\])+/, '');
  const path = join(root, relative);
  if (!path.startsWith(root.endsWith(sep) ? root : root + sep) || relative.includes('\0'))
    return undefined;
  try {
    return { body: await readFile(path), type: TYPES[extname(path)] ?? 'application/octet-stream' };
  } catch {
    return undefined;
  }
}

/**
 * Puts the bridge before the app's own scripts. Deferred, so the page (with its prerendered form)
 * is parsed without waiting for it; deferred and module scripts run in document order, so it
 * still runs before the app.
 */
export function injectBridge(html: string): string {
  const tag = '<script defer src="./bridge.js"></script>';
  const firstScript = html.indexOf('<script');
  if (firstScript >= 0) return `${html.slice(0, firstScript)}${tag}\n${html.slice(firstScript)}`;
  return html.includes('</head>')
    ? html.replace('</head>', () => `${tag}\n</head>`)
    : `${tag}\n${html}`;
}
