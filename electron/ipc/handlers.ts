import type { AppServices } from '../core/app/app-services.js';
import { tokenSummary } from '../core/app/views.js';
import { compact } from '../core/compact.js';
import { normalizeClusterUrl } from '../core/profiles/index.js';
import type { Handlers } from './dispatch.js';

/**
 * The handler table behind every channel of the contract; plain Node, shared by IPC and the
 * bridge. Each entry only maps a request onto a core service: the decisions live in core.
 */
export function createHandlers(services: AppServices): Handlers {
  const { profiles, manager } = services;
  /** A change to the profile list: the window is told, whoever asked for it. */
  const changed = async <T>(work: Promise<T>): Promise<T> => {
    const value = await work;
    services.emit({ type: 'profiles' });
    return value;
  };

  return {
    'profiles:list': () => services.listProfiles(),
    'profiles:save': ({ profileId, input }) => changed(services.saveProfile(profileId, input)),
    'profiles:duplicate': ({ profileId }) => changed(services.duplicateProfile(profileId)),
    'profiles:remove': ({ profileId }) =>
      changed(manager.removeProfile(profileId).then((removed) => ({ removed: removed.name }))),
    'profiles:setDefault': ({ profileId }) =>
      changed(
        profiles
          .setDefault(profiles.get(profileId).id)
          .then(() => ({ defaultProfileId: profileId })),
      ),
    'profiles:detect': ({ profileId }) =>
      changed(manager.access.detect(profiles.get(profileId)).then((dialect) => ({ dialect }))),
    'profiles:checkUrl': ({ url, assumeHttps }) =>
      Promise.resolve({ url: normalizeClusterUrl(url, assumeHttps ? { assumeHttps } : {}) }),
    // A sign-in may save the username or method it was made with (and notes its last use).
    'session:login': ({ profileId, ...request }) => changed(manager.signIn(profileId, request)),
    // The cluster names the user, which the profile then keeps.
    'session:signInWithBrowser': ({ profileId }) =>
      changed(manager.signInThroughBrowser(profileId)),
    'session:cancelBrowserSignIn': ({ profileId }) =>
      Promise.resolve({ cancelled: manager.cancelBrowserSignIn(profileId) }),
    'session:getToken': ({ profileId, minTtlSeconds }) =>
      manager.getToken(profileId, compact({ minTtlSeconds })).then(tokenSummary),
    'session:renew': ({ profileId }) => manager.renew(profileId).then(tokenSummary),
    'session:info': ({ profileId }) => manager.info(profileId),
    'session:validate': ({ profileId }) => manager.validate(profileId),
    'session:revoke': ({ profileId }) =>
      manager.revoke(profileId).then(() => manager.status(profileId)),
    'session:logout': ({ profileId }) => manager.signOut(profileId),
    'session:revealToken': ({ profileId }) => services.revealToken(profileId),
    'session:copyToken': ({ profileId, format }) => services.copyToken(profileId, format),
    'orgs:list': ({ profileId }) => services.orgs.list(profileId),
    'orgs:switch': ({ profileId, org }) =>
      changed(
        services.orgs
          .switch(profileId, org)
          .then(() => services.profileView(profiles.get(profileId))),
      ),
    'session:confirmCopy': ({ profileId }) => Promise.resolve(services.confirmPageCopy(profileId)),
    'audit:list': (request) => Promise.resolve(services.audit.read(compact(request ?? {}))),
    'settings:get': () => Promise.resolve(services.preferences.read()),
    'settings:set': (changes) => Promise.resolve(services.preferences.update(compact(changes))),
    'tokens:mint': ({ profileId, ...form }) => services.mintedTokens.mint(profileId, form),
    'tokens:revealMinted': ({ mintId }) => Promise.resolve(services.mintedTokens.reveal(mintId)),
    'tokens:copyMinted': ({ mintId, format }) => services.mintedTokens.copy(mintId, format),
    'tokens:confirmCopy': ({ mintId }) =>
      Promise.resolve(services.mintedTokens.confirmCopy(mintId)),
    'tokens:mintedList': ({ profileId }) => Promise.resolve(services.mintedTokens.list(profileId)),
    'tokens:revokeForUser': ({ profileId, user }) =>
      services.mintedTokens.revokeForUser(profileId, user),
    'secrets:useEncryptedFile': ({ passphrase }) => services.useEncryptedFile(passphrase),
  };
}
