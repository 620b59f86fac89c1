// The web bridge's prerendered first screen: the real renderer's server build, the real built
// index.html, a real bridge over HTTP. A profile name that tries to break out of the data block
// stays text.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppServices } from '../../electron/core/app/app-services.js';
import type { ResponseOf } from '../../electron/ipc/contract.js';
import { createHandlers } from '../../electron/ipc/handlers.js';
import { firstScreen } from '../../electron/web/first-screen.js';
import { startWebBridge, type WebBridge } from '../../electron/web/server.js';
import { TsmSandbox } from '../cli/support/run-tsm.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SSR_MODULE = join(ROOT, 'dist/renderer-ssr/first-screen.server.js');
const RENDERER = join(ROOT, 'renderer/dist');
const HOSTILE = 'Prod </script><script>alert(1)</script>';

let sandbox: TsmSandbox;
let services: AppServices;
const bridges: WebBridge[] = [];

beforeAll(async () => {
  sandbox = new TsmSandbox();
  services = new AppServices({
    configDir: sandbox.configDir,
    env: sandbox.env(),
    clipboard: 'page',
  });
  await services.profiles.add({ name: HOSTILE, url: 'https://prod.example.com', username: 'ana' });
});
afterAll(async () => {
  for (const bridge of bridges) await bridge.close();
  services.dispose();
  sandbox.dispose();
});

/**
 * The page `/` as a browser with the key would get it (or, `withKey` false, any local user who
 * asks for it), from a bridge with this first screen.
 */
async function pageWith(
  first: Parameters<typeof startWebBridge>[0]['firstScreen'],
  withKey = true,
) {
  const bridge = await startWebBridge({
    services,
    handlers: createHandlers(services),
    rendererDir: RENDERER,
    ...(first ? { firstScreen: first } : {}),
  });
  bridges.push(bridge);
  const exchange = await fetch(bridge.url, { redirect: 'manual' });
  const cookie = (exchange.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const headers: Record<string, string> = withKey ? { cookie } : {};
  return (await fetch(`${bridge.origin}/`, { headers })).text();
}

const list = () => createHandlers(services)['profiles:list']({});

describe('the prerendered first screen', () => {
  it('sends the only profile’s sign-in form, ready before any script runs', async () => {
    const warnings: string[] = [];
    const html = await pageWith(firstScreen(SSR_MODULE, list, (w) => warnings.push(w)));
    expect(warnings).toEqual([]);
    const root = html.slice(
      html.indexOf('<div id="app">'),
      html.indexOf('<script type="application/json"'),
    );
    expect(root).toContain('Sign in to Prod &lt;/script>&lt;script>alert(1)&lt;/script>');
    expect(root).toMatch(/<label for="signin-password">Password<\/label>/);
    expect(root).toMatch(/<button class="btn primary" type="submit"[^>]*>Sign in<\/button>/);
    expect(root).not.toMatch(/<button[^>]*disabled[^>]*>Sign in</);
  });

  it('carries the list it was rendered from as data no name can break out of', async () => {
    const html = await pageWith(firstScreen(SSR_MODULE, list));
    const block = /<script type="application\/json" id="tsm-first">([^]*?)<\/script>/.exec(html);
    expect(block?.[1]).toBeDefined();
    expect(block?.[1]).not.toContain('<');
    const data = JSON.parse(block?.[1] ?? '') as ResponseOf<'profiles:list'>;
    expect(data.profiles.map((p) => p.name)).toEqual([HOSTILE]);
    expect(data).toEqual(JSON.parse(JSON.stringify(await list())));
    // Exactly one script element of each kind: the block added no executable script.
    expect(html.match(/<script\b/g)).toHaveLength(3);
  });

  it('sends the page as built, with no profile name, to a request without the key cookie', async () => {
    const html = await pageWith(firstScreen(SSR_MODULE, list), false);
    expect(html).toContain('<div id="app"></div>');
    expect(html).not.toContain('tsm-first');
    expect(html).not.toContain('Prod');
    expect(html).toContain('<script defer src="./bridge.js"></script>');
  });

  it('sends the page as built when the server build is missing, and says so once', async () => {
    const warnings: string[] = [];
    const first = firstScreen(join(sandbox.configDir, 'nope.js'), list, (w) => warnings.push(w));
    const html = await pageWith(first);
    await pageWith(first);
    expect(html).toContain('<div id="app"></div>');
    expect(html).not.toContain('tsm-first');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^Pages are rendered in the browser: .*nope\.js did not load/);
  });

  it('sends the page as built when the list cannot be read or rendering fails', async () => {
    const unreadable = await pageWith(firstScreen(SSR_MODULE, () => Promise.resolve(undefined)));
    expect(unreadable).toContain('<div id="app"></div>');
    const broken = join(sandbox.configDir, 'broken.js');
    writeFileSync(broken, 'export function prerender() { throw new Error("boom"); }');
    const warnings: string[] = [];
    const html = await pageWith(firstScreen(broken, list, (w) => warnings.push(w)));
    expect(html).toContain('<div id="app"></div>');
    expect(warnings).toEqual(['The first screen could not be prerendered (Error: boom)']);
  });
});
