/**
 * The orgs a signed-in profile's user may enter, as the cluster says (`orgs:list`), for the
 * header's org menu, the editor's org choice and the Tokens for users form. Nothing is asked
 * while the profile has no session; a failure (a cluster without orgs) leaves the list unknown.
 */
import { Action } from './action.svelte.js';
import type { ProfileView, ResponseOf, SessionApi } from './api.js';
import { isLive } from './status.js';

export type OrgList = ResponseOf<'orgs:list'>;
export type OrgEntry = OrgList['orgs'][number];

export class ProfileOrgs {
  list = $state<OrgList | undefined>(undefined);
  readonly reading = new Action({ latestWins: true });
  readonly #api: SessionApi;
  #for = '';
  /** The profile whose live session the list is for; '' while there is none. */
  #profileId = '';

  constructor(api: SessionApi) {
    this.#api = api;
  }

  /** Asks again when the profile's session starts or moves; forgets when it ends. */
  follow(profile: ProfileView): void {
    const key = isLive(profile.status) ? `${profile.id}:${profile.status.state}` : '';
    if (key === this.#for) return;
    this.#for = key;
    this.#profileId = key ? profile.id : '';
    if (!key) {
      this.list = undefined;
      return;
    }
    void this.load(profile.id);
  }

  /**
   * Asks again when the app says the profile's org list changed: a switch from the tray, or by
   * `tsm org switch` in a terminal, moves the session while its state stays signed in.
   * Returns the unsubscribe, for an `$effect`.
   */
  listen(): () => void {
    return this.#api.onEvent((event) => {
      if (event.type === 'orgs' && event.profileId === this.#profileId)
        void this.load(event.profileId);
    });
  }

  async load(profileId: string): Promise<void> {
    const data = await this.reading.run(() => this.#api.invoke('orgs:list', { profileId }));
    if (data) this.list = data;
  }

  /** The cluster moved the session: the list says so before its next answer. */
  moved(org: OrgEntry): void {
    if (this.list) this.list = { ...this.list, current: org };
  }
}
