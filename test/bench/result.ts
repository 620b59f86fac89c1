/** One line of the bench table: a measured figure, its target (at most), and whether it is met. */
export interface BenchResult {
  name: string;
  value: number;
  unit: string;
  /** At most this; absent for a figure shown for context only. */
  target?: number;
  detail: string;
}

export function met(result: BenchResult): boolean {
  return result.target === undefined || result.value <= result.target;
}
