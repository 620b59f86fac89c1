import * as v from 'valibot';
import type { LaunchedMain } from './launch-main.js';

/** Adds a profile for the emulator and signs it in with a bearer token, as the window would. */
export async function signInBearer(
  main: LaunchedMain,
  url: string,
  name = 'Prod',
): Promise<string> {
  const profile = await main.call(
    'profiles:save',
    { input: { name, url, username: 'tsadmin' } },
    v.object({ id: v.string() }),
  );
  await main.call(
    'session:login',
    { profileId: profile.id, method: 'password', password: 'admin', kind: 'bearer' },
    v.object({ state: v.literal('signed-in') }),
  );
  return profile.id;
}
