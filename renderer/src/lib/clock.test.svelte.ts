import { flushSync } from 'svelte';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Clock } from './clock.svelte.js';

describe('Clock', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(Date.UTC(2030, 0, 1, 12, 0, 0, 400));
  });
  afterEach(() => vi.useRealTimers());

  it('ticks on whole seconds while an effect reads it, and stops after', async () => {
    const clock = new Clock();
    const seen: number[] = [];
    const stop = $effect.root(() => {
      $effect(() => {
        seen.push(clock.now);
      });
    });
    flushSync();
    expect(seen).toEqual([Date.UTC(2030, 0, 1, 12, 0, 0, 400)]);
    vi.advanceTimersByTime(600);
    flushSync();
    expect(seen.at(-1)).toBe(Date.UTC(2030, 0, 1, 12, 0, 1));
    for (const _ of [1, 2]) {
      vi.advanceTimersByTime(1000);
      flushSync();
    }
    expect(seen.slice(1)).toEqual([1, 2, 3].map((n) => Date.UTC(2030, 0, 1, 12, 0, n)));
    stop();
    // The subscriber lets go in a microtask, once nothing reads the clock any more.
    await Promise.resolve();
    expect(vi.getTimerCount()).toBe(0);
  });

  it('reads the time outside effects without starting a timer', () => {
    const clock = new Clock();
    expect(clock.now).toBe(Date.now());
    expect(vi.getTimerCount()).toBe(0);
  });
});
