/** A saved profile as the editor would send it back: for a change of one field, keeping the rest. */
import type { ProfileView, RequestOf } from './api.js';

export type ProfileInput = RequestOf<'profiles:save'>['input'];

export function profileInputOf(profile: ProfileView, change: Partial<ProfileInput>): ProfileInput {
  const tls = profile.tls.caFile === undefined ? { insecure: profile.tls.insecure } : profile.tls;
  return {
    name: profile.name,
    url: profile.url,
    username: profile.username,
    auth: profile.auth,
    dialect: profile.dialect,
    validitySeconds: profile.validitySeconds,
    autoRenew: profile.autoRenew,
    tls: { ...tls },
    ...(profile.org === undefined ? {} : { org: profile.org }),
    ...change,
  };
}
