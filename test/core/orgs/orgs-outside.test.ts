// `tsm org switch` in a terminal moves the session while the app's status stays signed in: the
// app asks for the list again and says so (`orgs`), which the tray and the window's org menu follow.
// A session that ends takes its list along without an `orgs` event: the window would ask again.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { AppServices, type AppEvent } from '../../../electron/core/app/app-services.js';
import { MemoryClipboard } from '../../../electron/core/clipboard/token-clipboard.js';
import { setProfileOrg } from '../../../electron/core/orgs/org-switch.js';
import { dispatch } from '../../../electron/ipc/dispatch.js';
import { createHandlers } from '../../../electron/ipc/handlers.js';
import { TsmSandbox } from '../../cli/support/run-tsm.js';
import { startEmulator, type RunningEmulator } from '../../emulator/index.js';
import { DANA_ORGS, PRIMARY, SALES } from './support.js';

let sandbox: TsmSandbox;
let emulator: RunningEmulator;
let services: AppServices;
const events: AppEvent[] = [];

beforeAll(async () => {
  if (!process.env.DBUS_SESSION_BUS_ADDRESS)
    throw new Error('Run under test/keyring/with-keyring.sh (npm test does)');
  sandbox = new TsmSandbox();
  emulator = await startEmulator({ port: 0, users: [DANA_ORGS] });
  services = new AppServices({
    configDir: sandbox.configDir,
    env: sandbox.env(),
    clipboard: new MemoryClipboard(),
    outsidePollMs: 200,
  });
  services.onEvent((event) => events.push(event));
});
afterAll(async () => {
  services.dispose();
  sandbox.dispose();
  await emulator.close();
});

describe('the org list the app announces', () => {
  it('is asked about again and announced as an orgs event', { timeout: 30_000 }, async () => {
    const { id: profileId } = await services.profiles.add({
      name: 'Prod',
      url: emulator.url,
      username: DANA_ORGS.username,
    });
    await services.start();
    const signIn = await dispatch(createHandlers(services), 'session:login', {
      profileId,
      method: 'password',
      password: DANA_ORGS.password,
      kind: 'bearer',
      remember: true,
    });
    expect(signIn.ok).toBe(true);
    await expect
      .poll(() => services.orgs.known.get(profileId)?.current, { timeout: 15_000 })
      .toEqual(PRIMARY);

    events.length = 0;
    const switched = await sandbox.run(['org', 'switch', 'Sales', '-p', 'Prod']);
    expect(switched.code).toBe(0);
    await expect
      .poll(() => events.some((e) => e.type === 'orgs' && e.profileId === profileId), {
        timeout: 15_000,
      })
      .toBe(true);
    expect(services.orgs.known.get(profileId)).toEqual({ current: SALES, orgs: [PRIMARY, SALES] });
    expect(services.manager.status(profileId).state).toBe('signed-in');
  });

  it(
    'asks again when the token of a switch it saw half done comes',
    { timeout: 30_000 },
    async () => {
      // Another process, in the order a switch writes: the profile's org first, then its token.
      const other = new AppServices({
        configDir: sandbox.configDir,
        env: sandbox.env(),
        clipboard: new MemoryClipboard(),
      });
      try {
        const profileId = services.profiles.list()[0]!.id;
        await setProfileOrg(other.profiles, other.profiles.get(profileId), PRIMARY.id);
        await services.listProfiles(); // the look in between: the session is still in Sales
        expect(services.profiles.get(profileId).org).toBe(PRIMARY.id);
        events.length = 0;
        const settings = readFileSync(services.profiles.path, 'utf8');
        const signIn = await other.manager.signIn(profileId, {
          method: 'password',
          password: DANA_ORGS.password,
          kind: 'bearer',
        });
        expect(signIn.state).toBe('signed-in');
        // The token alone changed (what the old code overlooked: it asked only on settings).
        expect(readFileSync(services.profiles.path, 'utf8')).toBe(settings);
        await services.listProfiles();
        await expect
          .poll(() => services.orgs.known.get(profileId)?.current, { timeout: 15_000 })
          .toEqual(PRIMARY);
        expect(events).toContainEqual({ type: 'orgs', profileId });
      } finally {
        other.dispose();
      }
    },
  );

  it('ends with a sign-out that announces the status alone, so nothing asks again', async () => {
    const profileId = services.profiles.list()[0]!.id;
    expect(services.orgs.known.get(profileId)).toBeDefined();
    events.length = 0;
    const signedOut = await dispatch(createHandlers(services), 'session:logout', { profileId });
    expect(signedOut.ok).toBe(true);
    expect(services.orgs.known.get(profileId)).toBeUndefined();
    expect(events).toContainEqual(
      expect.objectContaining({ type: 'session', status: { state: 'signed-out' } }),
    );
    // Before, the dropped list was an `orgs` event that reached the window ahead of the status:
    // its org menu asked the cluster, found no session, and Activity said "Renew failed".
    expect(events.filter((e) => e.type === 'orgs')).toEqual([]);
    expect(services.audit.read({ profileId, limit: 1 })[0]?.action).toBe('signed-out');
  });
});
