const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** Same width as a digit in proportional fonts: keeps "9 min" as wide as "42 min". */
const FIGURE_SPACE = '\u2007';

/**
 * How long each shown figure lasts: minutes up to a day, hours beyond. Counts are rounded up,
 * so "1 min" means "at most a minute" and nothing reads "0 min" while a session is alive.
 */
function unitFor(ms: number): number {
  return ms > DAY ? HOUR : MINUTE;
}

function twoDigits(n: number, pad: string): string {
  return n < 10 ? `${pad}${n}` : String(n);
}

/**
 * Time left as a menu shows it: "42 min", " 9 min" (padded with a figure space so the line keeps
 * its width), "1 h 05 min", "2 d 03 h". `padded: false` drops the leading pad (tooltips).
 */
export function formatTimeLeft(ms: number, options: { padded?: boolean } = {}): string {
  const pad = options.padded === false ? '' : FIGURE_SPACE;
  if (ms > DAY) {
    const hours = Math.ceil(ms / HOUR);
    return `${Math.floor(hours / 24)} d ${twoDigits(hours % 24, '0')} h`;
  }
  const minutes = Math.max(1, Math.ceil(ms / MINUTE));
  if (minutes < 60) return `${twoDigits(minutes, pad)} min`;
  return `${Math.floor(minutes / 60)} h ${twoDigits(minutes % 60, '0')} min`;
}

/** Milliseconds until `formatTimeLeft(ms)` shows a different figure (at most one unit). */
export function msUntilLabelChange(ms: number): number {
  if (ms <= 0) return 0;
  const unit = unitFor(ms);
  return ((ms - 1) % unit) + 1;
}
