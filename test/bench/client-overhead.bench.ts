import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppServices } from '../../electron/core/app/app-services.js';
import { MemoryClipboard } from '../../electron/core/clipboard/token-clipboard.js';
import { dispatch } from '../../electron/ipc/dispatch.js';
import { createHandlers } from '../../electron/ipc/handlers.js';
import { startEmulator } from '../emulator/index.js';
import { floorCycle, sdkCycle, WriteReplay } from './cycle-baselines.js';
import { describeTraffic, keytarModule, recordWrites } from './keychain-writes.js';
import { median } from './measure.js';
import type { BenchResult } from './result.js';

/**
 * Full cycles (gettoken → info → revoke; login → info → logout) through the IPC handler layer —
 * validation, session manager, keychain, audit log — against (1) the fair floor: the same six
 * requests with bare fetch plus the same keychain writes made directly with keytar, (2)
 * ThoughtSpot's SDK 2.x making the same six calls, which keeps nothing, and (3) the SDK followed by
 * the same keychain writes, like for like. All alternate, cycle by cycle, against one emulator
 * answering each request after `latencyMs`, like a real cluster.
 */
export async function benchClientOverhead(
  cycles: number,
  latencyMs: number,
  hasTarget = true,
): Promise<BenchResult[]> {
  const emulator = await startEmulator({ port: 0, dialects: ['C'], latencyMs });
  const dir = mkdtempSync(join(tmpdir(), 'tsm-overhead-'));
  const service = `tsm-bench-overhead-${process.pid}`;
  const keytar = keytarModule();
  const recorder = recordWrites(keytar);
  const services = new AppServices({
    configDir: dir,
    env: { ...process.env, TSM_KEYCHAIN_SERVICE: service },
    clipboard: new MemoryClipboard(),
  });
  try {
    const handlers = createHandlers(services);
    const { id: profileId } = await services.profiles.add({
      name: 'Bench',
      url: emulator.url,
      username: 'tsadmin',
      dialect: 'C',
    });
    const steps: [string, object][] = [
      ['session:login', { profileId, method: 'password', password: 'admin', kind: 'bearer' }],
      ['session:info', { profileId }],
      ['session:revoke', { profileId }],
      ['session:login', { profileId, method: 'password', password: 'admin', kind: 'cookie' }],
      ['session:info', { profileId }],
      ['session:logout', { profileId }],
    ];
    const product = async (): Promise<void> => {
      for (const [i, [channel, request]] of steps.entries()) {
        recorder.setStep(i);
        const envelope = await dispatch(handlers, channel, request);
        if (!envelope.ok) throw new Error(`${channel}: ${envelope.error.message}`);
      }
      recorder.setStep(undefined);
    };
    // A warm-up cycle records the writes the product makes once it is settled.
    await product();
    recorder.writes.length = 0;
    recorder.calls.length = 0;
    const readsBefore = recorder.reads;
    await product();
    const writes = [...recorder.writes];
    const reads = recorder.reads - readsBefore;
    const names = steps.map(([channel, request]) =>
      'kind' in request ? `${channel} (${String(request.kind)})` : channel,
    );
    // BENCH_TRAFFIC=1 lists every keychain call of the settled cycle, step by step.
    if (process.env.BENCH_TRAFFIC) {
      process.stderr.write(`${describeTraffic(recorder.calls, names).join('\n')}\n`);
    }
    const which = writes.map((w) => `${w.step} ${w.op} ${w.account.replace(/^[^/]+\//, '')}`);
    recorder.restore();
    const floorWrites = new WriteReplay(keytar, `${service}-floor`, writes);
    const floor = floorCycle(emulator.url, floorWrites);
    const sdk = sdkCycle(emulator.url);
    const sdkWithWrites = sdkCycle(emulator.url, new WriteReplay(keytar, `${service}-sdk`, writes));
    await floor();
    await sdk();
    await sdkWithWrites();
    const times: [number[], number[], number[], number[]] = [[], [], [], []];
    const writeMs: number[] = [];
    for (let i = 0; i < cycles; i++) {
      times[0].push(await time(product));
      floorWrites.spentMs = 0;
      times[1].push(await time(floor));
      writeMs.push(floorWrites.spentMs);
      times[2].push(await time(sdk));
      times[3].push(await time(sdkWithWrites));
    }
    const [ours, floorMs, sdkMs, sdkWritesMs] = times.map(median) as [
      number,
      number,
      number,
      number,
    ];
    const where = `${latencyMs} ms cluster`;
    const over = `over ${cycles} cycles, alternating`;
    const writing = `${writes.length} keychain writes a cycle (${median(writeMs).toFixed(1)} ms of the floor's)`;
    const listed = `; by step: ${which.join(', ')}`;
    return [
      {
        name: `client overhead: handler layer vs fetch + the same keychain writes (${where})`,
        value: ours / floorMs,
        unit: '×',
        ...(hasTarget ? { target: 1.05 } : {}),
        detail: `medians per cycle ${ours.toFixed(1)} vs ${floorMs.toFixed(1)} ms ${over}; ${writing}, ${reads} keychain reads (the floor makes none)${listed}`,
      },
      {
        name: `client: handler layer vs @thoughtspot/rest-api-sdk 2.x (${where})`,
        value: ours / sdkMs,
        unit: '×',
        ...(hasTarget ? { target: 1 } : {}),
        detail: `medians per cycle ${ours.toFixed(1)} vs ${sdkMs.toFixed(1)} ms ${over}; the SDK keeps nothing in a keychain, the difference is mostly our ${writing}`,
      },
      {
        name: `client: handler layer vs the SDK 2.x + the same keychain writes (${where})`,
        value: ours / sdkWritesMs,
        unit: '×',
        ...(hasTarget ? { target: 1 } : {}),
        detail: `medians per cycle ${ours.toFixed(1)} vs ${sdkWritesMs.toFixed(1)} ms ${over}: like for like, the SDK then keeping what we keep`,
      },
    ];
  } finally {
    recorder.restore();
    services.dispose();
    rmSync(dir, { recursive: true, force: true });
    await emulator.close();
  }
}

async function time(work: () => Promise<void>): Promise<number> {
  const started = process.hrtime.bigint();
  await work();
  return Number(process.hrtime.bigint() - started) / 1e6;
}
