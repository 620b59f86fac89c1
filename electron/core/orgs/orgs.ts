import type { AuditLog } from '../audit/audit-log.js';
import { isAppError } from '../errors/index.js';
import { effectiveDialect, type Profile, type ProfileStore } from '../profiles/index.js';
import type { ProfileVault, StoredToken } from '../secrets/index.js';
import type { SessionManager } from '../session/index.js';
import { sessionLog, type SessionLog } from '../session/session-log.js';
import type { SessionStatus } from '../session/session-state.js';
import type { OrgEntry, OrgList, ThoughtSpotClient } from '../thoughtspot/index.js';
import { hasSession, KnownOrgs } from './known-orgs.js';
import { chooseOrg } from './org-choice.js';
import { moveSession, setProfileOrg, storedFor, type HeldSession } from './org-switch.js';

export interface OrgsOptions {
  profiles: ProfileStore;
  vault: ProfileVault;
  /** Its cluster access, sign-in (for the new org) and the session status it announces. */
  manager: SessionManager;
  audit: AuditLog;
  now?: () => number;
}

export interface OrgSwitchResult {
  /** The org the session is in now. */
  org: OrgEntry;
  /** False when the session was in that org already (nothing was asked of the cluster). */
  switched: boolean;
  status: SessionStatus;
}

/** A token counts as the session only with this much time left. */
const MIN_LEFT_MS = 5_000;

/**
 * The orgs a profile's user may enter, and moving the profile's session between them. The
 * profile remembers its org by id; its token carries the org it was issued for, by id and name.
 */
export class Orgs {
  /** The last list per signed-in profile (filled by list and switch, dropped at sign-out). */
  readonly known = new KnownOrgs();
  readonly #o: OrgsOptions;
  readonly #log: SessionLog;
  readonly #now: () => number;
  /** Profiles being asked about now, and whether they were asked about again meanwhile. */
  readonly #learning = new Map<string, boolean>();

  constructor(options: OrgsOptions) {
    this.#o = options;
    this.#log = sessionLog(options.audit);
    this.#now = options.now ?? Date.now;
    // A session that ended takes its list with it: the next one may be another user's.
    options.manager.subscribe(({ profileId, status }) => {
      if (status.state === 'signed-out' || status.state === 'revoked') this.known.drop(profileId);
    });
  }

  /** What the cluster says: the user's orgs and the one the session is in (C and REST API v1). */
  async list(profileId: string): Promise<OrgList> {
    const profile = this.#o.profiles.get(profileId);
    const held = await this.#held(profile);
    const { list } = await this.#listWith(profile, held);
    this.#remember(profile.id, list);
    return list;
  }

  /**
   * Asks the cluster once, in the background, for the list of a signed-in profile not known yet
   * (after a sign-in), or `again` though it is known. A failure (a cluster without orgs, a
   * dialect that cannot list) is no news.
   */
  learn(profileId: string, again = false): void {
    if (!again && this.known.get(profileId)) return;
    if (this.#learning.has(profileId)) {
      // The look under way may have read the session from before what asks again: once more after.
      if (again) this.#learning.set(profileId, true);
      return;
    }
    this.#learning.set(profileId, false);
    void this.#peek(profileId)
      .catch(() => undefined)
      .finally(() => {
        const askedAgain = this.#learning.get(profileId) === true;
        this.#learning.delete(profileId);
        if (askedAgain) this.learn(profileId, true);
      });
  }

  /**
   * The list asked with the session as it is, and nothing else: no renewal, no keychain write
   * (a sign-in or renewal may be storing a newer token meanwhile; this must not undo it).
   */
  async #peek(profileId: string): Promise<void> {
    const profile = this.#o.profiles.get(profileId);
    const held = await this.#held(profile);
    const live = held.token && held.token.expiresAt - this.#now() > MIN_LEFT_MS;
    const client =
      held.token && live
        ? await this.#bearer(profile, held.token)
        : held.cookies
          ? await this.#o.manager.access.client(profile, { cookies: held.cookies })
          : undefined;
    if (client) this.#remember(profile.id, await client.listOrgs());
  }

  /**
   * Another process may have moved a session (`tsm org switch`, `tsm login --org`) while its
   * state stayed signed in: a profile whose settings name another org than its known list's
   * current one is asked again, and its listeners hear the change.
   */
  recheck(): void {
    for (const profile of this.#o.profiles.list()) {
      const current = this.known.get(profile.id)?.current.id;
      if (current !== undefined && profile.org !== undefined && profile.org !== current)
        this.learn(profile.id, true);
    }
  }

  /** Moves the session to the org named by `org` (a name or an id) the user is in. */
  async switch(profileId: string, org: string): Promise<OrgSwitchResult> {
    const profile = this.#o.profiles.get(profileId);
    try {
      const held = await this.#held(profile);
      const { list, held: now } = await this.#listWith(profile, held);
      const target = chooseOrg(list, org, profile.username);
      if (target.id === list.current.id) {
        this.#remember(profile.id, list);
        await setProfileOrg(this.#o.profiles, profile, target.id);
        return { org: target, switched: false, status: this.#o.manager.status(profile.id) };
      }
      const { profiles, vault, manager } = this.#o;
      await moveSession({ profiles, vault, manager, log: this.#log }, profile, target, now);
      await this.#label(profile.id, target);
      this.#remember(profile.id, { current: target, orgs: list.orgs });
      this.#log(profile, 'switched-org', { message: `switched to org ${target.name}` });
      return { org: target, switched: true, status: manager.status(profile.id) };
    } catch (error) {
      if (isAppError(error))
        this.#log(profile, 'error', {
          code: error.code,
          message: `switching org: ${error.message}`,
        });
      throw error;
    }
  }

  /** Kept only while the session lasts: an answer that arrives after a sign-out is dropped. */
  #remember(profileId: string, list: OrgList): void {
    if (hasSession(this.#o.manager.status(profileId))) this.known.set(profileId, list);
  }

  /** The cluster's list, asked with the session the profile holds (a token renewed if it must). */
  async #listWith(
    profile: Profile,
    held: HeldSession,
  ): Promise<{ list: OrgList; held: HeldSession }> {
    const { token, client } = await this.#sessionClient(profile, held);
    const list = await client.listOrgs();
    const now = { ...held, token };
    if (token && !token.orgName && (token.orgId ?? list.current.id) === list.current.id) {
      // The cluster just named the token's org: the token carries the name from now on.
      now.token = (await this.#label(profile.id, list.current, token)) ?? token;
    }
    return { list, held: now };
  }

  async #sessionClient(
    profile: Profile,
    held: HeldSession,
  ): Promise<{ token: StoredToken | undefined; client: ThoughtSpotClient }> {
    const { manager } = this.#o;
    const live = held.token && held.token.expiresAt - this.#now() > MIN_LEFT_MS;
    if (held.token && live)
      return { token: held.token, client: await this.#bearer(profile, held.token) };
    if (held.cookies)
      return {
        token: held.token,
        client: await manager.access.client(profile, { cookies: held.cookies }),
      };
    const token = await manager.getToken(profile.id, { minTtlSeconds: 5 });
    return { token, client: await this.#bearer(profile, token) };
  }

  #bearer(profile: Profile, token: StoredToken): Promise<ThoughtSpotClient> {
    const bearer = { token: token.token, expiresAt: token.expiresAt };
    return this.#o.manager.access.client(profile, { bearer });
  }

  async #held(profile: Profile): Promise<HeldSession> {
    const { vault } = this.#o;
    const dialect = effectiveDialect(profile);
    const owner = dialect ? { dialect, username: profile.username } : undefined;
    return {
      token: await vault.getToken(profile, owner),
      cookies: await vault.getCookies(profile),
    };
  }

  /**
   * The token the keychain holds now gets the org's name beside its id; with `asked`, only if it
   * is still that token. The answer may come after a sign-out, a renewal or another process's
   * sign-in: writing the token asked with would bring a revoked or replaced token back.
   */
  async #label(
    profileId: string,
    org: OrgEntry,
    asked?: StoredToken,
  ): Promise<StoredToken | undefined> {
    const profile = this.#o.profiles.get(profileId);
    const { token } = await this.#held(profile);
    if (!token || token.orgName || (token.orgId ?? org.id) !== org.id) return undefined;
    if (asked && token.token !== asked.token) return undefined;
    const labelled = storedFor(token, org);
    await this.#o.vault.setToken(profile, labelled);
    return labelled;
  }
}
