/**
 * One API call on a screen: whether it is running (and which control started it), the error it
 * ended in, and `run`, which turns a rejection into that error instead of a throw.
 */
import { untrack } from 'svelte';
import { toUiError, type UiError } from './api.js';

export interface ActionOptions {
  /**
   * For reads: a run while one is running starts anyway, and only the latest run's answer or
   * error counts. Without it (for what a person presses) a run while busy is ignored.
   */
  latestWins?: boolean;
}

export class Action<Kind extends string = never> {
  /** What is running: its kind, `true` for a run without one, or undefined when idle. */
  running = $state<Kind | true | undefined>(undefined);
  error = $state<UiError | undefined>(undefined);
  readonly #latestWins: boolean;
  /** Counts runs, so an answer to a run that was overtaken is dropped. */
  #runs = 0;

  constructor(options: ActionOptions = {}) {
    this.#latestWins = options.latestWins ?? false;
  }

  get busy(): boolean {
    return this.running !== undefined;
  }

  /** Whether a run of this kind is what is running (for a button's aria-busy). */
  is(kind: Kind): boolean {
    return this.running === kind;
  }

  /**
   * Runs `work`, clearing the last error first: its answer, or undefined when it failed (the
   * error is then in `error`), was ignored because another run was busy, or was overtaken.
   */
  async run<T>(work: () => Promise<T>, kind?: Kind): Promise<T | undefined> {
    // Untracked: an effect that starts a run must not re-run because the run made it busy.
    if (untrack(() => this.busy) && !this.#latestWins) return undefined;
    const run = ++this.#runs;
    this.running = kind ?? true;
    this.error = undefined;
    try {
      const result = await work();
      return run === this.#runs ? result : undefined;
    } catch (error) {
      if (run === this.#runs) this.error = toUiError(error);
      return undefined;
    } finally {
      if (run === this.#runs) this.running = undefined;
    }
  }
}
