/**
 * The profile list with each profile's session status, kept current by the app's events: a
 * session event updates one status in place; a profile event reloads the list.
 */
import {
  attempt,
  type AppEvent,
  type ProfileView,
  type ResponseOf,
  type SecretsState,
  type SessionApi,
  type SessionStatus,
  type UiError,
} from './api.js';

export class ProfilesStore {
  profiles = $state<ProfileView[]>([]);
  secrets = $state<SecretsState>({});
  notice = $state<string | undefined>(undefined);
  loaded = $state(false);
  error = $state<UiError | undefined>(undefined);
  readonly #api: SessionApi;
  #loading: Promise<void> | undefined;
  #again = false;
  /** Counts status updates, so a list answer never undoes one that came while it was asked. */
  #updates = 0;
  // Plain bookkeeping, read only by take(): nothing draws from it, so it need not be reactive.
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  readonly #latest = new Map<string, { update: number; status: SessionStatus }>();

  constructor(api: SessionApi) {
    this.#api = api;
  }

  byId(id: string): ProfileView | undefined {
    return this.profiles.find((p) => p.id === id);
  }

  /** Loads the list; a load asked for while one runs is done once more after it. */
  load(): Promise<void> {
    if (this.#loading) {
      this.#again = true;
      return this.#loading;
    }
    this.#loading = this.#loadLoop().finally(() => (this.#loading = undefined));
    return this.#loading;
  }

  async #loadLoop(): Promise<void> {
    do {
      this.#again = false;
      const askedAt = this.#updates;
      const result = await attempt(this.#api, 'profiles:list', {});
      if (result.ok) this.take(result.data, askedAt);
      else this.error = result.error;
      this.loaded = true;
    } while (this.#again);
  }

  /**
   * A profile list answer (or the one a prerendered page came with). Statuses that changed after
   * `askedAt` (a count of updates) are newer than the answer, so they stay.
   */
  take(data: ResponseOf<'profiles:list'>, askedAt = this.#updates): void {
    this.profiles = data.profiles.map((profile) => {
      const latest = this.#latest.get(profile.id);
      return latest && latest.update > askedAt ? { ...profile, status: latest.status } : profile;
    });
    this.secrets = data.secrets;
    this.notice = data.notice;
    this.error = undefined;
    this.loaded = true;
  }

  /** A status learned from an answer, ahead of its event. */
  setStatus(profileId: string, status: SessionStatus): void {
    this.#latest.set(profileId, { update: ++this.#updates, status });
    const profile = this.byId(profileId);
    if (profile) profile.status = status;
  }

  apply(event: AppEvent): void {
    switch (event.type) {
      case 'session':
        this.setStatus(event.profileId, event.status);
        if (!this.byId(event.profileId)) void this.load();
        return;
      case 'profiles':
        void this.load();
        return;
      case 'secrets':
        this.secrets = event.secrets;
        void this.load();
        return;
    }
  }

  /** Loads and follows events until the returned function is called. */
  connect(): () => void {
    const off = this.#api.onEvent((event) => this.apply(event));
    void this.load();
    return off;
  }
}
