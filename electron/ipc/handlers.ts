import type { AppServices } from '../core/app/app-services.js';
import { fingerprint } from '../core/audit/audit-log.js';
import { compact } from '../core/compact.js';
import { formatToken } from '../core/clipboard/token-formats.js';
import { InputError } from '../core/errors/index.js';
import {
  effectiveDialect,
  normalizeClusterUrl,
  profileInputOf,
  type Profile,
  type ProfileInput,
} from '../core/profiles/index.js';
import type { StoredToken } from '../core/secrets/index.js';
import type { SignInRequest } from '../core/session/index.js';
import type { ProfileView, TokenSummary } from './contract.js';
import type { Handlers } from './dispatch.js';

function summary(token: StoredToken): TokenSummary {
  return {
    createdAt: token.createdAt,
    expiresAt: token.expiresAt,
    username: token.username,
    dialect: token.dialect,
    fingerprint: fingerprint(token.token),
  };
}

/** The handler table behind every channel of the contract; plain Node, shared by IPC and the bridge. */
export function createHandlers(services: AppServices): Handlers {
  const { profiles, manager } = services;
  const view = (profile: Profile): ProfileView => ({
    ...profile,
    isDefault: profiles.defaultProfile()?.id === profile.id,
    status: manager.status(profile.id),
  });
  const changed = <T>(value: T): T => {
    services.emit({ type: 'profiles' });
    return value;
  };

  return {
    'profiles:list': async () => {
      const secrets = await services.secrets.status();
      const notice = profiles.notice?.message;
      return { profiles: profiles.list().map(view), secrets, ...(notice ? { notice } : {}) };
    },
    'profiles:save': async ({ profileId, input }) => {
      const clean = input as ProfileInput;
      const saved = profileId ? await profiles.update(profileId, clean) : await profiles.add(clean);
      return changed(view(saved));
    },
    'profiles:duplicate': async ({ profileId }) => {
      const original = profiles.get(profileId);
      const taken = new Set(profiles.list().map((p) => p.name.toLowerCase()));
      let name = `${original.name} (copy)`;
      for (let n = 2; taken.has(name.toLowerCase()); n++) name = `${original.name} (copy ${n})`;
      return changed(
        view(await profiles.add({ ...profileInputOf(original), name: name.slice(0, 64) })),
      );
    },
    'profiles:remove': async ({ profileId }) => {
      const removed = await manager.removeProfile(profileId);
      return changed({ removed: removed.name });
    },
    'profiles:setDefault': async ({ profileId }) => {
      await profiles.setDefault(profiles.get(profileId).id);
      return changed({ defaultProfileId: profileId });
    },
    'profiles:detect': async ({ profileId }) => {
      const dialect = await manager.access.detect(profiles.get(profileId));
      return changed({ dialect });
    },
    'profiles:checkUrl': ({ url, assumeHttps }) =>
      Promise.resolve({ url: normalizeClusterUrl(url, assumeHttps ? { assumeHttps } : {}) }),
    'session:login': async ({ profileId, ...request }) =>
      manager.signIn(profileId, request as SignInRequest),
    'session:getToken': async ({ profileId, minTtlSeconds }) =>
      summary(
        await manager.getToken(profileId, minTtlSeconds !== undefined ? { minTtlSeconds } : {}),
      ),
    'session:renew': async ({ profileId }) => summary(await manager.renew(profileId)),
    'session:info': ({ profileId }) => manager.info(profileId),
    'session:validate': ({ profileId }) => manager.validate(profileId),
    'session:revoke': async ({ profileId }) => {
      await manager.revoke(profileId);
      return manager.status(profileId);
    },
    'session:logout': ({ profileId }) => manager.signOut(profileId),
    'session:revealToken': async ({ profileId }) => {
      const token = await manager.getToken(profileId, { minTtlSeconds: 0 });
      manager.recordCopy(profileId, token.token);
      return { token: token.token };
    },
    'session:copyToken': async ({ profileId, format }) => {
      const profile = profiles.get(profileId);
      const token = await manager.getToken(profileId, { minTtlSeconds: 0 });
      const dialect = effectiveDialect(profile) ?? token.dialect;
      const seconds = services.preferences.read().clipboardClearSeconds;
      await services.clipboard.copy(
        formatToken(format, token.token, profile.url, dialect),
        seconds * 1000,
      );
      manager.recordCopy(profileId, token.token);
      return { clearsAfterSeconds: seconds };
    },
    'audit:list': (request) => Promise.resolve(services.audit.read(compact(request ?? {}))),
    'settings:get': () => Promise.resolve(services.preferences.read()),
    'settings:set': (changes) => Promise.resolve(services.preferences.update(compact(changes))),
    'secrets:useEncryptedFile': async ({ passphrase }) => {
      if (services.secrets.kind === 'keychain' && !(await services.secrets.status()).problem) {
        throw new InputError('The keychain works; secrets stay there');
      }
      const secrets = await services.secrets.useEncryptedFile(passphrase);
      await services.restoreSessions();
      services.emit({ type: 'secrets', secrets });
      return secrets;
    },
  };
}
