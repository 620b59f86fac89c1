import { mkdirSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppServices } from '../../electron/core/app/app-services.js';
import { MemoryClipboard } from '../../electron/core/clipboard/token-clipboard.js';
import { createHandlers } from '../../electron/ipc/handlers.js';
import { startWebBridge, type WebBridge } from '../../electron/web/server.js';
import { TsmSandbox } from '../cli/support/run-tsm.js';

let sandbox: TsmSandbox;
let services: AppServices;
let bridge: WebBridge;
let cookie: string;

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
    headers: { 'content-type': 'application/json', cookie, ...headers },
    body: JSON.stringify(body),
  });

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
    clipboard: new MemoryClipboard(),
  });
  bridge = await startWebBridge({
    services,
    handlers: createHandlers(services),
    clipboard: new MemoryClipboard(),
    rendererDir,
  });
  const exchange = await send(bridge.url.slice(bridge.origin.length));
  cookie = String(exchange.headers['set-cookie']).split(';')[0] ?? '';
});
afterAll(async () => {
  await bridge.close();
  services.dispose();
  sandbox.dispose();
});

describe('the browser-mode bridge', () => {
  it('listens on loopback and trades the one-time key for an HttpOnly, SameSite cookie', async () => {
    expect(bridge.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const exchange = await send(bridge.url.slice(bridge.origin.length));
    expect(exchange.status).toBe(303);
    expect(exchange.headers.location).toBe('/');
    expect(String(exchange.headers['set-cookie'])).toMatch(/HttpOnly; SameSite=Strict/);
    expect((await send('/?key=wrong')).status).toBe(403);
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
  ])('refuses a call with %s', async (_label, headers, reason) => {
    const reply = await invoke('profiles:list', null, headers);
    expect(reply.status).toBe(403);
    expect(JSON.parse(reply.body)).toEqual({ refused: reason });
  });

  it('refuses another Host name (DNS rebinding), even with the key', async () => {
    const reply = await invoke('profiles:list', null, { host: 'evil.example' });
    expect(reply.status).toBe(403);
  });

  it('refuses a body that is not JSON, and a huge one', async () => {
    const text = await send('/api/invoke/profiles:list', {
      method: 'POST',
      headers: { 'content-type': 'text/plain', cookie },
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
    const events: string[] = [];
    const url = new URL('/api/events', bridge.origin);
    const stream = httpRequest(
      { host: '127.0.0.1', port: url.port, path: url.pathname, headers: { cookie } },
      (res) => res.on('data', (chunk: Buffer) => events.push(chunk.toString())),
    );
    stream.end();
    await new Promise((resolve) => setTimeout(resolve, 100));
    await invoke('profiles:save', {
      input: { name: 'Streamed', url: 'https://s.example.com', username: 'u' },
    });
    await expect.poll(() => events.join('')).toContain('"type":"profiles"');
    stream.destroy();
  });
});
