import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppServices } from '../../electron/core/app/app-services.js';
import { MemoryClipboard } from '../../electron/core/clipboard/token-clipboard.js';
import { dispatch } from '../../electron/ipc/dispatch.js';
import { createHandlers } from '../../electron/ipc/handlers.js';
import { startEmulator } from '../emulator/index.js';
import { median } from './measure.js';
import type { BenchResult } from './result.js';

const BASE = '/api/rest/2.0/auth';

/**
 * 200 full cycles (gettoken → info → revoke; login → info → logout) through the IPC handler
 * layer — validation, session manager, keychain, audit log — against the same six requests made
 * with bare fetch, alternating, against an emulator answering with `latencyMs` like a real cluster.
 */
export async function benchClientOverhead(
  cycles: number,
  latencyMs: number,
  hasTarget = true,
): Promise<BenchResult> {
  const emulator = await startEmulator({ port: 0, dialects: ['C'], latencyMs });
  const dir = mkdtempSync(join(tmpdir(), 'tsm-overhead-'));
  const services = new AppServices({
    configDir: dir,
    env: { ...process.env, TSM_KEYCHAIN_SERVICE: `tsm-bench-overhead-${process.pid}` },
    clipboard: new MemoryClipboard(),
  });
  try {
    const handlers = createHandlers(services);
    const profile = await services.profiles.add({
      name: 'Bench',
      url: emulator.url,
      username: 'tsadmin',
      dialect: 'C',
    });
    const call = async (channel: string, request: unknown): Promise<void> => {
      const envelope = await dispatch(handlers, channel, request);
      if (!envelope.ok) throw new Error(`${channel}: ${envelope.error.message}`);
    };
    const viaHandlers = async (): Promise<void> => {
      const profileId = profile.id;
      await call('session:login', {
        profileId,
        method: 'password',
        password: 'admin',
        kind: 'bearer',
      });
      await call('session:info', { profileId });
      await call('session:revoke', { profileId });
      await call('session:login', {
        profileId,
        method: 'password',
        password: 'admin',
        kind: 'cookie',
      });
      await call('session:info', { profileId });
      await call('session:logout', { profileId });
    };
    const json = { accept: 'application/json', 'content-type': 'application/json' };
    const viaFetch = async (): Promise<void> => {
      const issued = await fetch(`${emulator.url}${BASE}/token/full`, {
        method: 'POST',
        headers: json,
        body: JSON.stringify({
          username: 'tsadmin',
          password: 'admin',
          validity_time_in_sec: 3600,
        }),
      });
      const { token } = (await issued.json()) as { token: string };
      const bearer = { ...json, authorization: `Bearer ${token}` };
      await (await fetch(`${emulator.url}${BASE}/session/user`, { headers: bearer })).json();
      await (
        await fetch(`${emulator.url}${BASE}/token/revoke`, {
          method: 'POST',
          headers: bearer,
          body: '{}',
        })
      ).text();
      const login = await fetch(`${emulator.url}${BASE}/session/login`, {
        method: 'POST',
        headers: json,
        body: JSON.stringify({ username: 'tsadmin', password: 'admin' }),
      });
      await login.text();
      const cookie = (login.headers.getSetCookie()[0] ?? '').split(';')[0] ?? '';
      await (
        await fetch(`${emulator.url}${BASE}/session/user`, { headers: { ...json, cookie } })
      ).json();
      await (
        await fetch(`${emulator.url}${BASE}/session/logout`, {
          method: 'POST',
          headers: { ...json, cookie },
        })
      ).text();
    };
    const time = async (work: () => Promise<void>): Promise<number> => {
      const started = process.hrtime.bigint();
      await work();
      return Number(process.hrtime.bigint() - started) / 1e6;
    };
    await viaHandlers();
    await viaFetch();
    const a: number[] = [];
    const b: number[] = [];
    for (let i = 0; i < cycles; i++) {
      a.push(await time(viaHandlers));
      b.push(await time(viaFetch));
    }
    return {
      name: `client overhead: IPC handler layer vs bare fetch (${latencyMs} ms cluster)`,
      value: median(a) / median(b),
      unit: '×',
      ...(hasTarget ? { target: 1.1 } : {}),
      detail: `medians per cycle ${median(a).toFixed(1)} ms vs ${median(b).toFixed(1)} ms over ${cycles} cycles`,
    };
  } finally {
    services.dispose();
    rmSync(dir, { recursive: true, force: true });
    await emulator.close();
  }
}
