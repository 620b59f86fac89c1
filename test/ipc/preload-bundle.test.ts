// The built preload as Electron's sandbox loads it: one CommonJS file whose only require is
// 'electron' (a sandboxed preload can require nothing else), with the shared error rebuild inside.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createContext, runInContext } from 'node:vm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { SessionApi } from '../../electron/ipc/contract.js';

const PRELOAD = fileURLToPath(new URL('../../dist/electron/preload.cjs', import.meta.url));
let source: string;

beforeAll(() => {
  if (!existsSync(PRELOAD))
    throw new Error('The preload is not built: run `npm run build` (npm test does)');
  source = readFileSync(PRELOAD, 'utf8');
});

/** Runs the bundle with a sandbox-like `require` that knows only a recorded 'electron'. */
function load(answer: (channel: string, request: unknown) => unknown) {
  const exposed = new Map<string, unknown>();
  const required: string[] = [];
  const electron = {
    contextBridge: { exposeInMainWorld: (key: string, api: unknown) => exposed.set(key, api) },
    ipcRenderer: {
      invoke: (channel: string, request: unknown) => Promise.resolve(answer(channel, request)),
      on: () => undefined,
      off: () => undefined,
    },
  };
  const require = (name: string): unknown => {
    required.push(name);
    if (name !== 'electron') throw new Error(`a sandboxed preload cannot require ${name}`);
    return electron;
  };
  const module = { exports: {} };
  runInContext(source, createContext({ require, module, exports: module.exports }));
  const api = exposed.get('sessionApi') as SessionApi | undefined;
  if (!api) throw new Error('the preload exposed no sessionApi');
  return { api, required };
}

describe('the bundled preload', () => {
  it('is CommonJS that requires only electron', () => {
    expect(source).not.toMatch(/^\s*(import|export)\s/m);
    expect([...source.matchAll(/\brequire\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1])).toEqual([
      'electron',
    ]);
    const { required } = load(() => ({ ok: true, data: null }));
    expect(required).toEqual(['electron']);
  });

  it('passes a call through and hands back its data', async () => {
    const calls: unknown[] = [];
    const { api } = load((channel, request) => {
      calls.push([channel, request]);
      return { ok: true, data: { url: 'https://x.example.com' } };
    });
    expect(await api.invoke('profiles:checkUrl', { url: 'x.example.com' })).toEqual({
      url: 'https://x.example.com',
    });
    expect(calls).toEqual([['profiles:checkUrl', { url: 'x.example.com' }]]);
  });

  it('rebuilds a failure as a SessionApiError with its code, message and details', async () => {
    const { api } = load(() => ({
      ok: false,
      error: { code: 'TIMEOUT', message: 'The cluster did not answer', details: { url: 'u' } },
    }));
    await expect(api.invoke('session:info', { profileId: 'p1' })).rejects.toMatchObject({
      name: 'SessionApiError',
      code: 'TIMEOUT',
      message: 'The cluster did not answer',
      details: { url: 'u' },
    });
  });
});
