// The served /bridge.js, run as a page would run it (its own realm, only the page's globals),
// against the real bridge server over loopback HTTP.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createContext, runInContext } from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppServices, type AppEvent } from '../../electron/core/app/app-services.js';
import type { SessionApi } from '../../electron/ipc/contract.js';
import { createHandlers } from '../../electron/ipc/handlers.js';
import { startWebBridge, type WebBridge } from '../../electron/web/server.js';
import { TsmSandbox } from '../cli/support/run-tsm.js';

let sandbox: TsmSandbox;
let services: AppServices;
let bridge: WebBridge;
let script: string;
let cookie: string;
let closed = false;

/** What the page sent: each request's path and its page key header. */
type Sent = { path: string; pageKey: string | null }[];

/**
 * A page's fetch: relative URLs against the bridge, with what the browser adds itself to a
 * same-origin fetch: the key cookie (when the page has it) and Sec-Fetch-Site.
 */
function pageFetch(withKey: boolean, sent: Sent) {
  return (path: string, init: RequestInit = {}): Promise<Response> => {
    // Once the server is gone, the page's reconnect loop just waits.
    if (closed) return new Promise<Response>(() => undefined);
    const headers = new Headers(init.headers);
    sent.push({ path, pageKey: headers.get('x-tsm-bridge') });
    if (withKey) headers.set('cookie', cookie);
    headers.set('sec-fetch-site', 'same-origin');
    return fetch(new URL(path, bridge.origin), { ...init, headers });
  };
}

/** Runs the script in a fresh realm shaped like a page, and returns its window.sessionApi. */
function loadInPage(withKey = true, sent: Sent = []): { window: { sessionApi?: SessionApi } } {
  const window: { sessionApi?: SessionApi } = {};
  const context = createContext({
    window,
    fetch: pageFetch(withKey, sent),
    Headers,
    TextDecoder,
    setTimeout,
  });
  runInContext(script, context);
  return { window };
}

function apiOf(page: { window: { sessionApi?: SessionApi } }): SessionApi {
  const api = page.window.sessionApi;
  if (!api) throw new Error('the bridge script put no sessionApi on window');
  return api;
}

beforeAll(async () => {
  if (!process.env.DBUS_SESSION_BUS_ADDRESS)
    throw new Error('Run under test/keyring/with-keyring.sh (npm test does)');
  sandbox = new TsmSandbox();
  const rendererDir = join(sandbox.configDir, 'renderer');
  mkdirSync(rendererDir);
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><html><head></head></html>');
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
  const exchange = await fetch(bridge.url, { redirect: 'manual' });
  cookie = (exchange.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const served = await fetch(new URL('/bridge.js', bridge.origin));
  expect(served.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
  script = await served.text();
});
afterAll(async () => {
  closed = true;
  await bridge.close();
  services.dispose();
  sandbox.dispose();
});

describe('the bridge script in a page', () => {
  it('is one self-contained classic script: no import, no require', () => {
    expect(script).not.toMatch(/^\s*import\s/m);
    expect(script).not.toMatch(/\brequire\(/);
    expect(script).not.toMatch(/^\s*export\s/m);
  });

  it('puts a frozen sessionApi on window that cannot be replaced', () => {
    const page = loadInPage();
    const api = apiOf(page);
    expect(Object.isFrozen(api)).toBe(true);
    const descriptor = Object.getOwnPropertyDescriptor(page.window, 'sessionApi');
    expect(descriptor).toMatchObject({ writable: false, configurable: false });
    expect(() => Object.defineProperty(page.window, 'sessionApi', { value: {} })).toThrow();
  });

  it('invokes a channel over POST and returns its data', async () => {
    const api = apiOf(loadInPage());
    const listed = await api.invoke('profiles:list', undefined);
    expect(listed.profiles).toEqual([]);
    expect(listed.secrets.location).toMatch(/keychain/);
  });

  it('asks for the page key once and sends it on every call and on the event stream', async () => {
    const sent: Sent = [];
    const api = apiOf(loadInPage(true, sent));
    await api.invoke('profiles:list', undefined);
    await api.invoke('profiles:list', undefined);
    await expect.poll(() => sent.some((s) => s.path === '/api/events')).toBe(true);
    const asked = sent.filter((s) => s.path === '/api/session-key');
    expect(asked).toEqual([{ path: '/api/session-key', pageKey: null }]);
    const calls = sent.filter((s) => s.path !== '/api/session-key');
    expect(calls.length).toBeGreaterThanOrEqual(3);
    const keys = new Set(calls.map((s) => s.pageKey));
    expect(keys.size).toBe(1);
    expect([...keys][0]).toMatch(/^[\w-]{20,}$/);
  });

  it('rejects with a SessionApiError that carries the code, message and details', async () => {
    const api = apiOf(loadInPage());
    const failure = await api
      .invoke('profiles:save', { input: { name: '', url: 'https://x.example.com', username: 'u' } })
      .then(
        () => undefined,
        (error: unknown) => error,
      );
    expect(failure).toMatchObject({
      name: 'SessionApiError',
      code: 'INVALID_INPUT',
      message: 'The profile name is empty',
      details: {},
    });
  });

  it('says FORBIDDEN, and what to do, when the page has no key', async () => {
    const api = apiOf(loadInPage(false));
    await expect(api.invoke('profiles:list', undefined)).rejects.toMatchObject({
      name: 'SessionApiError',
      code: 'FORBIDDEN',
      message: 'This page is not authorized; open the URL printed by npm run web again',
    });
  });

  it('delivers server events to listeners until they unsubscribe', async () => {
    const api = apiOf(loadInPage());
    const seen: AppEvent[] = [];
    const stop = api.onEvent((event) => seen.push(event));
    // The page connects to /api/events on its own; wait until the server streams to it.
    await expect
      .poll(async () => {
        services.emit({ type: 'profiles' });
        await new Promise((resolve) => setTimeout(resolve, 20));
        return seen.length;
      })
      .toBeGreaterThan(0);
    expect(seen[0]).toEqual({ type: 'profiles' });
    stop();
    const count = seen.length;
    services.emit({ type: 'profiles' });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(seen).toHaveLength(count);
  });
});
