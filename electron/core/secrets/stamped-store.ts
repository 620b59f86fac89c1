import type { ChangeStamp } from './change-stamp.js';
import type { SecretStore } from './secret-store.js';

/**
 * A store whose every write bumps the ChangeStamp, for processes that keep nothing in memory
 * (`tsm`): the app, which does, then notices the change on its next look at the stamp.
 */
export class StampedSecretStore implements SecretStore {
  constructor(
    readonly inner: SecretStore,
    private readonly stamp: ChangeStamp,
  ) {}

  get kind(): SecretStore['kind'] {
    return this.inner.kind;
  }

  describe(): string {
    return this.inner.describe();
  }

  get(account: string): Promise<string | undefined> {
    return this.inner.get(account);
  }

  accounts(): Promise<string[]> {
    return this.inner.accounts();
  }

  async set(account: string, value: string): Promise<void> {
    try {
      await this.inner.set(account, value);
    } finally {
      this.#bump();
    }
  }

  async delete(account: string): Promise<boolean> {
    try {
      return await this.inner.delete(account);
    } finally {
      this.#bump();
    }
  }

  // Bumped after a failure too: what a failed write left behind is not known for sure.
  #bump(): void {
    try {
      this.stamp.bump();
    } catch {
      // The secret was written (or its own error is on its way): not worth failing for. Without the
      // stamp, an app still sees the change once what it keeps ages out (CachingSecretStore).
    }
  }
}
