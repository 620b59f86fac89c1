// A clock that tests can move: tokens and sessions expire by it, so expiry is testable without
// waiting. It runs with the source (real time by default) and adds an offset on advance/set.
import type { EmulatorClock } from './types.js';

export function createClock(source: () => number = Date.now): EmulatorClock {
  let offset = 0;
  return {
    now: () => source() + offset,
    advance(ms) {
      offset += ms;
    },
    set(ms) {
      offset = ms - source();
    },
  };
}
