// "Switch org ▸" in the tray, built by main.ts against the Electron double: the list learned
// after sign-in, a click moving the session, the notification, and the cluster's word on the token.
import * as v from 'valibot';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { allItems, clickItem, type DoubleMenu } from '../electron-double/tray-menu.js';
import { startEmulator, type RunningEmulator } from '../emulator/index.js';
import { tokenOrgAtCluster } from '../core/orgs/support.js';
import { launchMain, type LaunchedMain } from './support/launch-main.js';

vi.mock('electron', async () => (await import('../electron-double/install.js')).electronModule());

let main: LaunchedMain | undefined;
let emulator: RunningEmulator | undefined;
afterEach(async () => {
  main?.stop();
  await emulator?.close();
  emulator = undefined;
});

function menu(launched: LaunchedMain): DoubleMenu {
  const built = launched.tray().contextMenu;
  if (!built) throw new Error('the tray has no menu');
  return built;
}

const item = (launched: LaunchedMain, id: string) =>
  allItems(menu(launched).items).find((candidate) => candidate.id === id);

/** tsadmin, in Primary (0) and Sales (1), signed in with a bearer token. */
async function signedIn(remember: boolean): Promise<{ main: LaunchedMain; profileId: string }> {
  emulator = await startEmulator({ port: 0 });
  const launched = await launchMain();
  main = launched;
  const { id } = await launched.call(
    'profiles:save',
    { input: { name: 'Prod', url: emulator.url, username: 'tsadmin', dialect: 'C' } },
    v.object({ id: v.string() }),
  );
  await launched.call(
    'session:login',
    { profileId: id, method: 'password', password: 'admin', kind: 'bearer', remember },
    v.object({ state: v.literal('signed-in') }),
  );
  return { main: launched, profileId: id };
}

describe('the tray: Switch org', () => {
  it('appears after sign-in with the current org checked, and a click moves the session', async () => {
    const { main, profileId } = await signedIn(true);
    await vi.waitFor(() => expect(item(main, `profile:${profileId}:org:1`)).toBeDefined(), {
      timeout: 15_000,
    });
    expect(item(main, `profile:${profileId}:org:0`)).toMatchObject({
      type: 'radio',
      checked: true,
    });
    expect(item(main, `profile:${profileId}:org:1`)).toMatchObject({
      label: 'Sales (1)',
      checked: false,
    });

    clickItem(menu(main), `profile:${profileId}:org:1`);
    await vi.waitFor(
      () =>
        expect(main.double.notifications).toContainEqual({
          title: 'Prod: now in Sales',
          body: 'A new token was issued for Sales.',
        }),
      { timeout: 15_000 },
    );
    await vi.waitFor(
      () => expect(item(main, `profile:${profileId}:org:1`)).toMatchObject({ checked: true }),
      { timeout: 15_000 },
    );
    const { token } = await main.call(
      'session:revealToken',
      { profileId },
      v.object({ token: v.string() }),
    );
    if (!emulator) throw new Error('no emulator');
    expect(await tokenOrgAtCluster(emulator, token)).toBe(1);
  });

  it('says in a notification that a sign-in is needed when nothing is remembered', async () => {
    const { main, profileId } = await signedIn(false);
    await vi.waitFor(() => expect(item(main, `profile:${profileId}:org:1`)).toBeDefined(), {
      timeout: 15_000,
    });
    clickItem(menu(main), `profile:${profileId}:org:1`);
    const bodies = () => main.double.notifications.map((n) => n.body ?? '');
    await vi.waitFor(
      () =>
        expect(
          bodies().some((body) =>
            /^"Prod" now signs in to org Sales \(1\), but .*sign in again$/.test(body),
          ),
          bodies().join('\n'),
        ).toBe(true),
      { timeout: 15_000 },
    );
  });
});
