import type { CliIo } from './io.js';

/** Printing for people (text) and for scripts (--json, one document on stdout). */
export interface Output {
  json(value: unknown): void;
  line(text?: string): void;
  /** Notes for people go to stderr, so stdout stays clean for `$(tsm token)`. */
  note(text: string): void;
}

export function outputTo(io: Pick<CliIo, 'stdout' | 'stderr'>): Output {
  return {
    json: (value) => void io.stdout.write(`${JSON.stringify(value, undefined, 2)}\n`),
    line: (text = '') => void io.stdout.write(`${text}\n`),
    note: (text) => void io.stderr.write(`${text}\n`),
  };
}

/** "in 59 min", "in 2 h 5 min", "3 min ago". */
export function relativeTime(at: number, now: number): string {
  const seconds = Math.round((at - now) / 1000);
  const abs = Math.abs(seconds);
  const text =
    abs < 60
      ? `${abs} s`
      : abs < 3600
        ? `${Math.floor(abs / 60)} min`
        : abs < 86_400
          ? `${Math.floor(abs / 3600)} h${abs % 3600 >= 60 ? ` ${Math.floor((abs % 3600) / 60)} min` : ''}`
          : `${Math.floor(abs / 86_400)} d`;
  return seconds >= 0 ? `in ${text}` : `${text} ago`;
}

export function table(rows: string[][]): string {
  const widths =
    rows[0]?.map((_, col) => Math.max(...rows.map((row) => (row[col] ?? '').length))) ?? [];
  return rows
    .map((row) =>
      row
        .map((cell, col) => cell.padEnd(widths[col] ?? 0))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}
