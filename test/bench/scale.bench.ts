import { randomUUID } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ProfileStore, type Profile } from '../../electron/core/profiles/index.js';
import { buildTrayModel } from '../../electron/core/tray/tray-model.js';
import { median } from './measure.js';
import type { BenchResult } from './result.js';

function settingsWith(count: number): string {
  const profiles: Profile[] = Array.from({ length: count }, (_, i) => ({
    id: randomUUID(),
    name: `Cluster ${i}`,
    url: `https://cluster-${i}.example.com`,
    username: `user${i}`,
    auth: 'password',
    dialect: 'auto',
    tls: { insecure: false },
    validitySeconds: 3600,
    autoRenew: true,
    createdAt: 1_700_000_000_000 + i,
    lastUsedAt: 1_700_000_000_000 + ((i * 7919) % count),
  }));
  return JSON.stringify(
    { version: 1, profiles, defaultProfileId: profiles[0]?.id ?? null },
    undefined,
    '\t',
  );
}

function timeIt(work: () => unknown): number {
  const started = process.hrtime.bigint();
  work();
  return Number(process.hrtime.bigint() - started) / 1e6;
}

/** Interleaves the candidates and the floor so noise hits all alike; returns medians in ms. */
function medians(runs: number, works: Record<string, () => unknown>): Record<string, number> {
  const samples: Record<string, number[]> = Object.fromEntries(
    Object.keys(works).map((k) => [k, []]),
  );
  for (let i = 0; i < runs; i++)
    for (const [key, work] of Object.entries(works)) samples[key]?.push(timeIt(work));
  return Object.fromEntries(Object.entries(samples).map(([key, values]) => [key, median(values)]));
}

const PROBE = fileURLToPath(new URL('./fixtures/rss-probe.ts', import.meta.url));

/** Resident memory of a process that loaded `dir`'s profiles and built the tray (median, MB). */
function rssMb(dir: string, runs: number): number {
  const values = Array.from({ length: runs }, () => {
    const out = execFileSync(process.execPath, ['--expose-gc', '--import', 'tsx', PROBE, dir], {
      encoding: 'utf8',
    });
    return Number(out.split(' ')[0]) / 1024 / 1024;
  });
  return median(values);
}

/** 1,000 profiles: load-and-list and the tray model, against a bare JSON.parse of the same file. */
export function benchScale(runs: number): BenchResult[] {
  const dir = mkdtempSync(join(tmpdir(), 'tsm-scale-'));
  try {
    const path = join(dir, 'settings.json');
    writeFileSync(path, settingsWith(1000));
    const store = new ProfileStore({ configDir: dir });
    const profiles = store.list();
    const statuses = {};
    const m = medians(runs, {
      floor: () => JSON.parse(readFileSync(path, 'utf8')) as unknown,
      load: () => new ProfileStore({ configDir: dir }).list(),
      tray: () =>
        buildTrayModel({ profiles, defaultProfileId: profiles[0]?.id, statuses, now: Date.now() }),
    });
    const floor = m.floor ?? 1;
    const oneDir = join(dir, 'one');
    mkdirSync(oneDir);
    writeFileSync(join(oneDir, 'settings.json'), settingsWith(1));
    const probeRuns = Math.max(3, Math.min(7, Math.floor(runs / 4)));
    const growth = rssMb(dir, probeRuns) - rssMb(oneDir, probeRuns);
    return [
      {
        name: 'load + list 1,000 profiles vs JSON.parse(readFileSync)',
        value: (m.load ?? 0) / floor,
        unit: '×',
        target: 3,
        detail: `medians ${(m.load ?? 0).toFixed(2)} ms vs ${floor.toFixed(2)} ms`,
      },
      {
        name: 'tray model of 1,000 profiles vs the same floor',
        value: (m.tray ?? 0) / floor,
        unit: '×',
        target: 1,
        detail: `median ${(m.tray ?? 0).toFixed(2)} ms`,
      },
      {
        name: 'resident memory, 1,000 profiles over 1',
        value: growth,
        unit: ' MB',
        target: 10,
        detail: `median of ${probeRuns} processes each (loaded, listed, tray built)`,
      },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
