// `npm run bench`: every speed and size target, measured side by side in one run.
// Prints a table (or --json) saying PASS or MISS per target. Timings depend on the machine, so it
// exits 0 either way unless run with --strict, which exits 1 when a target is missed.
import { met, type BenchResult } from './result.js';
import { benchClientOverhead } from './client-overhead.bench.js';
import { benchFirstForm } from './first-form.bench.js';
import { benchRendererSize } from './renderer-size.bench.js';
import { benchScale } from './scale.bench.js';
import { benchTsmToken } from './tsm-token.bench.js';

const json = process.argv.includes('--json');
const strict = process.argv.includes('--strict');
const runs = Number(process.env.BENCH_RUNS ?? 15);

const cycles = Number(process.env.BENCH_CYCLES ?? 200);

const benches: [string, () => Promise<BenchResult | BenchResult[]>][] = [
  ['client overhead (20 ms cluster)', () => benchClientOverhead(cycles, 20)],
  [
    'client overhead (loopback, informative)',
    () => benchClientOverhead(Math.min(cycles, 50), 0, false),
  ],
  ['tsm token', () => benchTsmToken(runs)],
  ['scale', () => Promise.resolve(benchScale(Math.max(runs, 21)))],
  ['renderer size', () => Promise.resolve(benchRendererSize())],
  ['first sign-in form', () => benchFirstForm(runs)],
];

// BENCH_ONLY=form (any part of a label) runs the matching benches alone, for quick iteration.
const only = process.env.BENCH_ONLY?.toLowerCase();
const results: BenchResult[] = [];
for (const [label, bench] of benches.filter(([l]) => !only || l.includes(only))) {
  if (!json) process.stderr.write(`running ${label}…\n`);
  results.push(...[await bench()].flat());
}

if (json) {
  process.stdout.write(
    `${JSON.stringify(
      results.map((r) => ({ ...r, met: met(r) })),
      undefined,
      2,
    )}\n`,
  );
} else {
  const rows = results.map((r) => [
    r.name,
    `${Number.isInteger(r.value) ? r.value : r.value.toFixed(2)}${r.unit}`,
    r.target === undefined ? '(context)' : `≤ ${r.target}${r.unit}`,
    r.target === undefined ? '' : met(r) ? 'PASS' : 'MISS',
    r.detail,
  ]);
  const header = ['benchmark', 'measured', 'target', '', 'detail'];
  const widths = header.map((h, i) =>
    Math.max(h.length, ...rows.map((row) => (row[i] ?? '').length)),
  );
  for (const row of [header, ...rows]) {
    process.stdout.write(
      `${row
        .map((cell, i) => cell.padEnd(widths[i] ?? 0))
        .join('  ')
        .trimEnd()}\n`,
    );
  }
}
process.exitCode = strict && !results.every(met) ? 1 : 0;
