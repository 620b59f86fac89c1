import type { SessionStatus } from '../session/session-state.js';
import type { OrgList } from '../thoughtspot/index.js';

/** Whether a status has a session the cluster would list orgs for. */
export function hasSession(status: SessionStatus): boolean {
  return ['signed-in', 'expiring-soon', 'renewing'].includes(status.state);
}

/**
 * The last org list the cluster gave per profile, kept in memory so the tray can offer "Switch
 * org" without asking the cluster each time its menu opens. Listeners hear only real changes.
 */
export class KnownOrgs {
  readonly #lists = new Map<string, OrgList>();
  readonly #listeners = new Set<(profileId: string) => void>();

  get(profileId: string): OrgList | undefined {
    return this.#lists.get(profileId);
  }

  set(profileId: string, list: OrgList): void {
    const before = this.#lists.get(profileId);
    if (before && JSON.stringify(before) === JSON.stringify(list)) return;
    this.#lists.set(profileId, {
      current: { ...list.current },
      orgs: list.orgs.map((o) => ({ ...o })),
    });
    this.#tell(profileId);
  }

  drop(profileId: string): void {
    if (this.#lists.delete(profileId)) this.#tell(profileId);
  }

  subscribe(listener: (profileId: string) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  #tell(profileId: string): void {
    for (const listener of this.#listeners) listener(profileId);
  }
}
