// The app keeps its secrets in memory; `tsm`, another process, changes them underneath. The
// app must see each change at once (the stamp), on the real keychain and the real CLI.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppServices } from '../../../electron/core/app/app-services.js';
import { MemoryClipboard } from '../../../electron/core/clipboard/token-clipboard.js';
import { startEmulator, type RunningEmulator } from '../../emulator/index.js';
import { requireBuiltCli, TsmSandbox } from '../../cli/support/run-tsm.js';
import { clearService } from '../secrets/support/keyring.js';

let emulator: RunningEmulator;
let sandbox: TsmSandbox;
let services: AppServices;

beforeAll(async () => {
  requireBuiltCli();
  emulator = await startEmulator({ port: 0 });
  sandbox = new TsmSandbox();
  const added = await sandbox.run([
    'profile',
    'add',
    'Prod',
    '--url',
    emulator.url,
    '--user',
    'tsadmin',
  ]);
  expect(added.code, added.stderr).toBe(0);
  services = new AppServices({
    configDir: sandbox.configDir,
    env: sandbox.env(),
    clipboard: new MemoryClipboard(),
  });
});
afterAll(async () => {
  services.dispose();
  await clearService(sandbox.service);
  sandbox.dispose();
  await emulator.close();
});

async function tsm(args: string[], stdin?: string, env: NodeJS.ProcessEnv = {}): Promise<void> {
  // Spawned: the point is a change made by another process.
  const result = await sandbox.spawn(args, stdin === undefined ? { env } : { stdin, env });
  expect(result.code, result.stderr).toBe(0);
}

describe('the app beside tsm', () => {
  it('sees a sign-in, a renewal and a sign-out done by tsm', async () => {
    const id = services.profiles.get('Prod').id;
    expect(await services.manager.restore(id)).toEqual({ state: 'signed-out' });

    await tsm(['login', '--bearer', '--password-stdin'], 'admin\n');
    expect(await services.manager.restore(id)).toMatchObject({ kind: 'bearer' });
    const first = await services.manager.getToken(id, { minTtlSeconds: 0 });

    // Ten minutes on (the cluster's clock and tsm's), the token has 3000 s left: asking for
    // 3300 s renews it, and the profile's hour-long tokens keep that promise.
    emulator.clock.advance(600_000);
    await tsm(['token', '--min-ttl', '3300'], undefined, { TSM_CLOCK_OFFSET_MS: '600000' });
    const renewed = await services.manager.getToken(id, { minTtlSeconds: 0 });
    expect(renewed.token).not.toBe(first.token);

    await tsm(['logout']);
    expect(await services.manager.restore(id)).toEqual({ state: 'signed-out' });
    expect(await services.vault.entries(id)).toEqual([]);
  });
});
