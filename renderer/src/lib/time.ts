/** Time as the window shows it. Pure: tested beside this file. */

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const two = (n: number): string => String(n).padStart(2, '0');

/**
 * A countdown that keeps its width as it ticks (shown with tabular figures): "04:59" under an
 * hour, "1:04:59" under a day, "2 d 03 h" beyond. Seconds are rounded up, so a live session never
 * reads "00:00" until it has ended.
 */
export function formatTimeLeft(ms: number): string {
  if (ms <= 0) return '00:00';
  if (ms > DAY) {
    const hours = Math.ceil(ms / HOUR);
    return `${Math.floor(hours / 24)} d ${two(hours % 24)} h`;
  }
  const total = Math.ceil(ms / SECOND);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  return h > 0 ? `${h}:${two(m)}:${two(s)}` : `${two(m)}:${two(s)}`;
}

/** The same span in words, for assistive technology: "4 minutes 59 seconds". */
export function describeTimeLeft(ms: number): string {
  if (ms <= 0) return 'no time';
  if (ms > DAY) {
    const hours = Math.ceil(ms / HOUR);
    return `${plural(Math.floor(hours / 24), 'day')} ${plural(hours % 24, 'hour')}`;
  }
  const total = Math.ceil(ms / SECOND);
  const parts: string[] = [];
  if (total >= 3600) parts.push(plural(Math.floor(total / 3600), 'hour'));
  if (total >= 60) parts.push(plural(Math.floor((total % 3600) / 60), 'minute'));
  parts.push(plural(total % 60, 'second'));
  return parts.join(' ');
}

/** An ISO 8601 duration for `<time datetime>`: PT1H4M59S. */
export function isoDuration(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / SECOND));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  return `PT${h ? `${h}H` : ''}${m ? `${m}M` : ''}${s || total === 0 ? `${s}S` : ''}`;
}

/** A token lifetime in seconds, in words a person picks from: "1 hour", "30 minutes", "90 s". */
export function formatValidity(seconds: number): string {
  if (seconds % 86400 === 0) return plural(seconds / 86400, 'day');
  if (seconds % 3600 === 0) return plural(seconds / 3600, 'hour');
  if (seconds % 60 === 0) return plural(seconds / 60, 'minute');
  return `${seconds} s`;
}

function plural(n: number, unit: string): string {
  return `${n} ${unit}${n === 1 ? '' : 's'}`;
}

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });

/** A moment in the person's locale and zone. */
export function formatDateTime(ms: number): string {
  return dateTime.format(ms);
}
