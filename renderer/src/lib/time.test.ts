import { describe, expect, it } from 'vitest';
import { describeTimeLeft, formatTimeLeft, formatValidity, isoDuration } from './time.js';

const s = 1000;
const min = 60 * s;
const h = 60 * min;

describe('formatTimeLeft', () => {
  it('counts down minutes and seconds under an hour, rounding seconds up', () => {
    expect(formatTimeLeft(4 * min + 59 * s)).toBe('04:59');
    expect(formatTimeLeft(4 * min + 58_001)).toBe('04:59');
    expect(formatTimeLeft(1)).toBe('00:01');
    expect(formatTimeLeft(59 * min + 59 * s)).toBe('59:59');
  });

  it('adds hours under a day and days beyond', () => {
    expect(formatTimeLeft(h)).toBe('1:00:00');
    expect(formatTimeLeft(h + 4 * min + 5 * s)).toBe('1:04:05');
    expect(formatTimeLeft(2 * 24 * h + 3 * h)).toBe('2 d 03 h');
  });

  it('reads 00:00 once the time is up', () => {
    expect(formatTimeLeft(0)).toBe('00:00');
    expect(formatTimeLeft(-5 * s)).toBe('00:00');
  });

  it('keeps its width while it ticks, so the layout does not jump', () => {
    const widths = new Set<number>();
    for (let ms = 59 * min; ms > 0; ms -= 7_777) widths.add(formatTimeLeft(ms).length);
    expect([...widths]).toEqual([5]);
    const hours = new Set<number>();
    for (let ms = 9 * h + 59 * min; ms > h; ms -= 77_777) hours.add(formatTimeLeft(ms).length);
    expect([...hours]).toEqual([7]);
  });
});

describe('describeTimeLeft', () => {
  it('says the span in words', () => {
    expect(describeTimeLeft(4 * min + 59 * s)).toBe('4 minutes 59 seconds');
    expect(describeTimeLeft(h + min + s)).toBe('1 hour 1 minute 1 second');
    expect(describeTimeLeft(25 * h)).toBe('1 day 1 hour');
    expect(describeTimeLeft(0)).toBe('no time');
  });
});

describe('isoDuration', () => {
  it('is a valid ISO 8601 duration', () => {
    expect(isoDuration(h + 4 * min + 59 * s)).toBe('PT1H4M59S');
    expect(isoDuration(5 * min)).toBe('PT5M');
    expect(isoDuration(0)).toBe('PT0S');
  });
});

describe('formatValidity', () => {
  it('picks the largest whole unit', () => {
    expect(formatValidity(3600)).toBe('1 hour');
    expect(formatValidity(1800)).toBe('30 minutes');
    expect(formatValidity(172800)).toBe('2 days');
    expect(formatValidity(90)).toBe('90 s');
  });
});
