import { spawnSync } from 'node:child_process';

/** Median of numbers (the middle one, or the mean of the two middle ones). */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

/** Wall time of one whole process, in ms; throws if it fails (a failed run is not a fast run). */
export function timeProcess(command: string, args: string[], env: NodeJS.ProcessEnv): number {
  const started = process.hrtime.bigint();
  const result = spawnSync(command, args, { env, encoding: 'utf8' });
  const elapsed = Number(process.hrtime.bigint() - started) / 1e6;
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed: ${result.stderr}`);
  return elapsed;
}

/**
 * Runs each measurement in turn, round after round (so machine noise hits them all alike), and
 * returns the median of each, in the order given.
 */
export async function interleaved(
  runs: number,
  measurements: readonly (() => number | Promise<number>)[],
): Promise<number[]> {
  const times = measurements.map((): number[] => []);
  for (let i = 0; i < runs; i++) {
    for (const [j, measure] of measurements.entries()) times[j]?.push(await measure());
  }
  return times.map(median);
}
