import type { ProfileStore } from '../profiles/index.js';

export const DEMO_PROFILE_NAME = 'Demo cluster';
/** The same cluster through its identity provider: SAML single sign-on, the user named there. */
export const DEMO_SSO_PROFILE_NAME = 'Demo cluster (SSO)';

/** Set by the dev launcher (bin/start-app.js) on a first run: the emulator's URL, for a demo profile. */
export const DEMO_CLUSTER_ENV = 'TSM_DEMO_CLUSTER_URL';

/**
 * The first-run experience: with no profile yet, a "Demo cluster" profile pointing at the built-in
 * emulator, so there is something to sign in to. An existing setup is never touched, except to
 * point the demo profiles, and the profiles on the same (now dead) emulator URL, at this run's port.
 */
export async function ensureDemoProfile(
  profiles: ProfileStore,
  emulatorUrl: string,
): Promise<void> {
  const demos = [DEMO_PROFILE_NAME, DEMO_SSO_PROFILE_NAME].flatMap((name) => {
    const profile = profiles.find(name);
    return profile ? [profile] : [];
  });
  if (demos.length > 0) {
    // The last run's emulator port is dead: every profile pointing there (the demo profiles and
    // their duplicates, whatever they are named now) follows the demo to this run's port.
    const deadUrls = new Set(demos.map((p) => p.url).filter((url) => url !== emulatorUrl));
    for (const existing of profiles.list().filter((p) => deadUrls.has(p.url))) {
      await profiles.update(existing.id, {
        name: existing.name,
        url: emulatorUrl,
        username: existing.username,
      });
    }
    return;
  }
  if (profiles.list().length > 0) return;
  await profiles.add({ name: DEMO_PROFILE_NAME, url: emulatorUrl, username: 'tsadmin' });
  await profiles.add({ name: DEMO_SSO_PROFILE_NAME, url: emulatorUrl, username: '', auth: 'saml' });
}
