/**
 * One timer per profile, always set for an absolute time and never further than `maxWaitMs`
 * ahead, so a sleep or a clock jump is noticed within that bound rather than trusted.
 */
export class ExpiryTimers {
  readonly #timers = new Map<string, ReturnType<typeof setTimeout>>();

  constructor(
    private readonly now: () => number,
    private readonly onDue: (profileId: string) => void,
    private readonly maxWaitMs = 60_000,
  ) {}

  schedule(profileId: string, at: number | undefined): void {
    this.cancel(profileId);
    if (at === undefined) return;
    const wait = Math.min(Math.max(at - this.now(), 0), this.maxWaitMs);
    const timer = setTimeout(() => {
      this.#timers.delete(profileId);
      this.onDue(profileId);
    }, wait);
    timer.unref();
    this.#timers.set(profileId, timer);
  }

  cancel(profileId: string): void {
    const timer = this.#timers.get(profileId);
    if (timer) clearTimeout(timer);
    this.#timers.delete(profileId);
  }

  dispose(): void {
    for (const profileId of [...this.#timers.keys()]) this.cancel(profileId);
  }
}
