/**
 * A screen the window loads only when someone opens it (a Vite dynamic import), so the first
 * screen does not wait for code it does not show. One per screen, shared by every place that
 * shows it: once loaded it renders at once; a failed load is kept until someone retries.
 */
import { untrack } from 'svelte';

export type LazyState<T> =
  { status: 'idle' } | { status: 'loading' } | { status: 'ready'; value: T } | { status: 'failed' };

export class LazyModule<T> {
  state = $state<LazyState<T>>({ status: 'idle' });
  readonly #importer: () => Promise<{ default: T }>;

  constructor(importer: () => Promise<{ default: T }>) {
    this.#importer = importer;
  }

  /**
   * Starts loading unless it is loaded or loading; after a failure it tries again (the browser
   * fetches a chunk whose fetch failed anew). Never rejects: a failure is the `failed` state.
   */
  load(): void {
    // Untracked: an effect that starts a load must not start another when the load fails.
    const { status } = untrack(() => this.state);
    if (status === 'ready' || status === 'loading') return;
    this.state = { status: 'loading' };
    this.#importer().then(
      (module) => (this.state = { status: 'ready', value: module.default }),
      () => (this.state = { status: 'failed' }),
    );
  }
}
