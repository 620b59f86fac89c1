// The demo cluster for the dev launchers: the ThoughtSpot emulator (test code, built by
// `npm run build` to dist/test/emulator), started here so nothing under electron/ imports test/.
import { configDir } from '../dist/electron/core/config-dir.js';
import { ProfileStore } from '../dist/electron/core/profiles/index.js';

// The variable that hands the demo cluster's URL to the desktop app (read only when not packaged).
export { DEMO_CLUSTER_ENV } from '../dist/electron/core/app/demo-profile.js';

export async function startDemoCluster() {
  const { startEmulator } = await import('../dist/test/emulator/index.js');
  return startEmulator({ port: 0 });
}

/** First run from a checkout: no profile yet. A settings file that cannot be read is the app's to report. */
export function hasNoProfiles() {
  try {
    return new ProfileStore({ configDir: configDir() }).list().length === 0;
  } catch {
    return false;
  }
}
