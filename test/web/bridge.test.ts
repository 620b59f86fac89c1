import { mkdirSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppServices } from '../../electron/core/app/app-services.js';
import { createHandlers } from '../../electron/ipc/handlers.js';
import { LINK_USED } from '../../electron/web/launch-link.js';
import { startWebBridge, type WebBridge } from '../../electron/web/server.js';
import { TsmSandbox } from '../cli/support/run-tsm.js';

let sandbox: TsmSandbox;
let services: AppServices;
let bridge: WebBridge;
let exchange: Reply;
let cookie: string;
let pageKey: string;

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** Raw HTTP, so tests can send the Host and Origin a hostile page would. */
function send(
  path: string,
  options: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<Reply> {
  const url = new URL(path, bridge.origin);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: '127.0.0.1',
        port: url.port,
        path: url.pathname + url.search,
        method: options.method ?? 'GET',
        headers: options.headers,
      },
      (res) => {
        let body = '';
        res.on('data', (chunk: Buffer) => (body += chunk.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

const invoke = (channel: string, body: unknown, headers: Record<string, string> = {}) =>
  send(`/api/invoke/${channel}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie, 'x-tsm-bridge': pageKey, ...headers },
    body: JSON.stringify(body),
  });

/** The page key as the bridge script asks for it: a same-origin fetch that carries the cookie. */
const askPageKey = (headers: Record<string, string> = {}) =>
  send('/api/session-key', { headers: { cookie, 'sec-fetch-site': 'same-origin', ...headers } });

/** Opens the event stream with these headers; resolves with its status, and what it sent. */
function openEvents(
  headers: Record<string, string>,
): Promise<{ status: number; text: () => string; close: () => void }> {
  const url = new URL('/api/events', bridge.origin);
  return new Promise((resolve, reject) => {
    let text = '';
    const stream = httpRequest(
      { host: '127.0.0.1', port: url.port, path: url.pathname, headers },
      (res) => {
        res.on('data', (chunk: Buffer) => (text += chunk.toString()));
        resolve({ status: res.statusCode ?? 0, text: () => text, close: () => stream.destroy() });
      },
    );
    stream.on('error', reject);
    stream.end();
  });
}

beforeAll(async () => {
  sandbox = new TsmSandbox();
  const rendererDir = join(sandbox.configDir, 'renderer');
  mkdirSync(rendererDir);
  writeFileSync(
    join(rendererDir, 'index.html'),
    '<!doctype html><html><head><title>t</title><script type="module" src="./app.js"></script></head><body></body></html>',
  );
  writeFileSync(join(sandbox.configDir, 'outside.txt'), 'private');
  services = new AppServices({
    configDir: sandbox.configDir,
    env: sandbox.env(),
    clipboard: 'page',
  });
  bridge = await startWebBridge({
    services,
    handlers: createHandlers(services),
    rendererDir,
  });
  exchange = await send(bridge.url.slice(bridge.origin.length));
  cookie = String(exchange.headers['set-cookie']).split(';')[0] ?? '';
  pageKey = (JSON.parse((await askPageKey()).body) as { key: string }).key;
});
afterAll(async () => {
  await bridge.close();
  services.dispose();
  sandbox.dispose();
});

describe('the browser-mode bridge', () => {
  it('listens on loopback and trades the one-time key for an HttpOnly, SameSite cookie', async () => {
    expect(bridge.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(exchange.status).toBe(303);
    expect(exchange.headers.location).toBe('/');
    expect(String(exchange.headers['set-cookie'])).toMatch(/HttpOnly; SameSite=Strict/);
    // The cookie is a secret of its own: the printed link does not become it.
    expect(cookie).toMatch(/^tsm_bridge=.{20,}$/);
    expect(bridge.url).not.toContain(cookie.slice('tsm_bridge='.length));
    const wrong = await send('/?key=wrong');
    expect([wrong.status, wrong.body]).toEqual([403, 'Wrong key']);
  });

  it('takes the printed link once: a second use is refused and sets no cookie', async () => {
    const again = await send(bridge.url.slice(bridge.origin.length));
    expect(again.status).toBe(403);
    expect(again.body).toBe(LINK_USED);
    expect(again.body).toMatch(/used already; .*restart npm run web for a new one/);
    expect(again.headers['set-cookie']).toBeUndefined();
    // The browser that used it keeps working across reloads: the page, then its page key.
    expect((await send('/', { headers: { cookie } })).status).toBe(200);
    expect(JSON.parse((await askPageKey()).body)).toEqual({ key: pageKey });
  });

  it('answers a call that carries the key, from our own origin', async () => {
    const reply = await invoke('profiles:list', null, { origin: bridge.origin });
    expect(reply.status).toBe(200);
    expect(JSON.parse(reply.body)).toMatchObject({ ok: true, data: { profiles: [] } });
  });

  it.each([
    ['no key', { cookie: '' }, 'missing or wrong key'],
    ['a wrong key', { cookie: 'tsm_bridge=guess' }, 'missing or wrong key'],
    ['a foreign Origin', { origin: 'https://evil.example' }, 'foreign Origin'],
    // What a local server on another port can do with the cookie the browser sent it.
    ['the cookie but no page key', { 'x-tsm-bridge': '' }, 'missing or wrong page key'],
    ['the cookie and a wrong page key', { 'x-tsm-bridge': 'guess' }, 'missing or wrong page key'],
  ])('refuses a call with %s', async (_label, headers, reason) => {
    const reply = await invoke('profiles:list', null, headers);
    expect(reply.status).toBe(403);
    expect(JSON.parse(reply.body)).toEqual({ refused: reason });
  });

  it('refuses a replayed cookie on every API path: reveal, copy, the event stream', async () => {
    const reveal = await send('/api/invoke/session:revealToken', {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie },
      body: JSON.stringify({ profileId: 'x' }),
    });
    expect([reveal.status, JSON.parse(reveal.body)]).toEqual([
      403,
      { refused: 'missing or wrong page key' },
    ]);
    const events = await openEvents({ cookie });
    events.close();
    expect(events.status).toBe(403);
    const copy = await send('/api/invoke/session:copyToken', {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie },
      body: JSON.stringify({ profileId: 'x', format: 'token' }),
    });
    expect(copy.status).toBe(403);
    // The server keeps no clipboard of its own to read: the page writes the browser's.
    const clipboard = await send('/api/clipboard', {
      headers: { cookie, 'x-tsm-bridge': pageKey },
    });
    expect(clipboard.status).toBe(404);
  });

  it.each([
    ['no cookie', { cookie: '' }, 'missing or wrong key'],
    [
      'a client that is not a browser (no Sec-Fetch-Site)',
      { 'sec-fetch-site': '' },
      'not asked by our own page',
    ],
    [
      'a page on another port (same-site)',
      { 'sec-fetch-site': 'same-site' },
      'not asked by our own page',
    ],
    ['a navigation (none)', { 'sec-fetch-site': 'none' }, 'not asked by our own page'],
    ['a foreign Origin', { origin: 'http://127.0.0.1:1' }, 'foreign Origin'],
  ])(
    'gives the page key only to our own page’s fetch: not with %s',
    async (_label, headers, reason) => {
      const reply = await askPageKey(headers);
      expect(reply.status).toBe(403);
      expect(JSON.parse(reply.body)).toEqual({ refused: reason });
      expect(reply.body).not.toContain(pageKey);
    },
  );

  it('refuses another Host name (DNS rebinding), even with the key', async () => {
    const reply = await invoke('profiles:list', null, { host: 'evil.example' });
    expect(reply.status).toBe(403);
  });

  it('refuses a body that is not JSON, and a huge one', async () => {
    const text = await send('/api/invoke/profiles:list', {
      method: 'POST',
      headers: { 'content-type': 'text/plain', cookie, 'x-tsm-bridge': pageKey },
      body: 'x',
    });
    expect(text.status).toBe(415);
    const huge = await invoke('profiles:checkUrl', { url: 'x'.repeat(300_000) });
    expect(JSON.parse(huge.body)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });

  it('serves the page with the bridge script injected and a strict CSP, and nothing outside the renderer', async () => {
    const page = await send('/');
    // Deferred (the page parses without waiting for it), yet before the app's module script.
    const bridgeAt = page.body.indexOf('<script defer src="./bridge.js"></script>');
    expect(bridgeAt).toBeGreaterThan(0);
    expect(bridgeAt).toBeLessThan(page.body.indexOf('<script type="module"'));
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    // Bundled from TypeScript, whose printer may pick either quote.
    expect((await send('/bridge.js')).body).toMatch(
      /Object\.defineProperty\(window, (['"])sessionApi\1/,
    );
    for (const path of ['/../outside.txt', '/%2e%2e/outside.txt', '/..%2foutside.txt']) {
      const reply = await send(path);
      expect(reply.body).not.toContain('private');
    }
  });

  it('streams state changes to the page', async () => {
    const events = await openEvents({ cookie, 'x-tsm-bridge': pageKey });
    expect(events.status).toBe(200);
    await invoke('profiles:save', {
      input: { name: 'Streamed', url: 'https://s.example.com', username: 'u' },
    });
    await expect.poll(() => events.text()).toContain('"type":"profiles"');
    events.close();
  });
});
