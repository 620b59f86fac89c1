// electron/main.ts against the Electron double: how its requests to a cluster go through
// Chromium's network stack. The profile's own jar (in the keychain) decides which cookies are
// sent; Chromium's on-disk cookie store must never learn or add one.
import * as v from 'valibot';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { startEmulator, type RunningEmulator } from '../emulator/index.js';
import { launchMain, type LaunchedMain } from './support/launch-main.js';
import { signInBearer } from './support/sign-in.js';

vi.mock('electron', async () => (await import('../electron-double/install.js')).electronModule());

let main: LaunchedMain | undefined;
let emulator: RunningEmulator | undefined;
afterEach(async () => {
  main?.stop();
  await emulator?.close();
  emulator = undefined;
});

async function signInCookie(launched: LaunchedMain, url: string, name: string): Promise<string> {
  const { id } = await launched.call(
    'profiles:save',
    { input: { name, url, username: 'analyst' } },
    v.object({ id: v.string() }),
  );
  await launched.call(
    'session:login',
    { profileId: id, method: 'password', password: 'analyst', kind: 'cookie' },
    v.object({ state: v.literal('signed-in') }),
  );
  return id;
}

describe('cluster requests of the main process', () => {
  it('go out with credentials omitted, so Chromium stores no cluster cookie and adds none', async () => {
    emulator = await startEmulator({ port: 0 });
    main = await launchMain();
    const cookieProfile = await signInCookie(main, emulator.url, 'Cookie');
    await main.call('session:validate', { profileId: cookieProfile }, v.unknown());
    const bearerProfile = await signInBearer(main, emulator.url, 'Bearer');
    await main.call('session:info', { profileId: bearerProfile }, v.unknown());

    const sent = main.double.net.sent;
    expect(sent.length).toBeGreaterThan(3);
    for (const request of sent) {
      expect(request, request.url).toMatchObject({ credentials: 'omit', useSessionCookies: false });
    }
    expect(main.double.net.cookies.cookies).toEqual([]);
    // The cookie profile's session cookie went only where its own jar sent it.
    const withCookie = sent.filter((request) => request.cookie !== undefined);
    expect(withCookie.length).toBeGreaterThan(0);
  });
});
