import { stripControls } from '../core/thoughtspot/server-text.js';
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
    json: (value) => void io.stdout.write(`${jsonText(value)}\n`),
    // One line each, whatever is in it: a hand-edited profile name or a server's message may
    // carry ESC/CSI/OSC sequences that would drive the terminal, or a line break to fake a line.
    line: (text = '') => void io.stdout.write(`${stripControls(text)}\n`),
    note: (text) => void io.stderr.write(`${stripControls(text)}\n`),
  };
}

/**
 * JSON keeps every character (scripts get the data as it is), but DEL and C1 controls, which
 * JSON.stringify leaves raw, are written as \u escapes so that the document is safe to show.
 */
export function jsonText(value: unknown, indent: number = 2): string {
  return JSON.stringify(value, undefined, indent).replace(
    /[\u007f-\u009f]/g,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
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

/** Aligned columns, one string per row (each printed with `line`). */
export function table(cells: string[][]): string[] {
  // Cleaned before measuring, so a name with control characters cannot shift the columns.
  const rows = cells.map((row) => row.map(stripControls));
  const widths =
    rows[0]?.map((_, col) => Math.max(...rows.map((row) => (row[col] ?? '').length))) ?? [];
  return rows.map((row) =>
    row
      .map((cell, col) => cell.padEnd(widths[col] ?? 0))
      .join('  ')
      .trimEnd(),
  );
}
