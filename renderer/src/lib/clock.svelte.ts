/**
 * One shared, ticking "now" for every countdown on screen. It ticks on whole seconds, so all
 * countdowns change together, and only while something on screen reads it.
 */
import { createSubscriber } from 'svelte/reactivity';

export class Clock {
  #now: number;
  readonly #read: () => number;
  readonly #subscribe: () => void;

  constructor(read: () => number = Date.now) {
    this.#read = read;
    this.#now = read();
    this.#subscribe = createSubscriber((update) => {
      let timer: ReturnType<typeof setTimeout> | undefined;
      const schedule = (): void => {
        timer = setTimeout(
          () => {
            this.#now = this.#read();
            update();
            schedule();
          },
          1000 - (this.#read() % 1000),
        );
      };
      this.#now = this.#read();
      schedule();
      return () => clearTimeout(timer);
    });
  }

  /** Epoch ms; reading it inside an effect or template keeps it ticking there. */
  get now(): number {
    this.#subscribe();
    // Outside an effect nothing keeps #now current: read the time itself.
    return $effect.tracking() ? this.#now : this.#read();
  }
}
