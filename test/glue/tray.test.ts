// electron/tray.ts, built by main.ts against the Electron double: the menu from the model,
// clicks dispatched to the real services and the real emulator.
import * as v from 'valibot';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { PRODUCT_NAME } from '../../electron/core/product.js';
import { confirmationFor } from '../../electron/core/shell/confirmations.js';
import { UNEXPECTED_TRAY_FAILURE } from '../../electron/core/shell/notifications.js';
import { allItems, clickItem, type DoubleMenu } from '../electron-double/tray-menu.js';
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

function menu(main: LaunchedMain): DoubleMenu {
  const built = main.tray().contextMenu;
  if (!built) throw new Error('the tray has no menu');
  return built;
}

const labels = (m: DoubleMenu) => allItems(m.items).map((item) => item.label ?? item.type);
const status = v.object({ state: v.string() });

async function signedIn(): Promise<{ main: LaunchedMain; profileId: string }> {
  emulator = await startEmulator({ port: 0 });
  const launched = await launchMain();
  main = launched;
  const profileId = await signInBearer(launched, emulator.url);
  await vi.waitFor(
    () => expect(labels(menu(launched))).toContainEqual(expect.stringMatching(/^Prod — signed in/)),
    { timeout: 15_000 },
  );
  return { main: launched, profileId };
}

describe('the tray', () => {
  it('shows the menu of the model: no profiles, then the profile with its actions', async () => {
    main = await launchMain();
    expect(main.tray().image.isEmpty(), 'the tray icon file exists').toBe(false);
    expect(main.tray().toolTip).toBe(PRODUCT_NAME);
    expect(labels(menu(main))).toEqual(['No profiles yet', 'separator', 'Open window', 'Quit']);
  });

  it('copies the real token to the clipboard from "Copy token"', async () => {
    const { main, profileId } = await signedIn();
    const before = emulator?.requests.filter((r) => r.path.includes('token')).length ?? 0;
    clickItem(menu(main), `profile:${profileId}:copy-token`);
    await vi.waitFor(() => expect(main.double.clipboard.text).not.toBe(''), { timeout: 15_000 });
    const revealed = await main.call(
      'session:revealToken',
      { profileId },
      v.object({ token: v.string() }),
    );
    expect(main.double.clipboard.text).toBe(revealed.token);
    // Activity says the tray copied it, and the window (its own call above) revealed it.
    const lines = await main.call('audit:list', { profileId, limit: 2 }, v.array(v.unknown()));
    expect(lines).toMatchObject([
      { action: 'revealed', source: 'window' },
      { action: 'copied', source: 'tray' },
    ]);
    // The bearer token kept at sign-in is what was copied: the copy asked the cluster nothing.
    expect(emulator?.requests.filter((r) => r.path.includes('token')).length).toBe(before);
  });

  it('copies a curl command with the token from "Copy as curl"', async () => {
    const { main, profileId } = await signedIn();
    clickItem(menu(main), `profile:${profileId}:copy-curl`);
    await vi.waitFor(() => expect(main.double.clipboard.text).toMatch(/^curl /), {
      timeout: 15_000,
    });
    expect(main.double.clipboard.text).toContain(emulator?.url);
  });

  it('signs out only after the confirmation is answered yes', async () => {
    const { main, profileId } = await signedIn();
    main.double.dialog.answers.push(1); // Cancel
    clickItem(menu(main), `profile:${profileId}:sign-out`);
    await vi.waitFor(() => expect(main.double.dialog.shown).toHaveLength(1), { timeout: 15_000 });
    const text = confirmationFor('sign-out', 'Prod', 'keychain');
    expect(main.double.dialog.shown[0]?.options).toMatchObject({
      message: text.message,
      detail: text.detail,
      buttons: [text.confirm, 'Cancel'],
      cancelId: 1,
      defaultId: 1,
    });
    expect(main.double.dialog.shown[0]?.window).toBe(main.window());
    await expect(main.call('session:validate', { profileId }, status)).resolves.toMatchObject({
      state: 'signed-in',
    });

    main.double.dialog.answers.push(0); // Sign out
    clickItem(menu(main), `profile:${profileId}:sign-out`);
    await vi.waitFor(
      () => expect(labels(menu(main))).toContainEqual(expect.stringMatching(/^Prod — signed out/)),
      { timeout: 15_000 },
    );
  });

  it('revokes at the cluster after "Revoke token" is confirmed, and notifies', async () => {
    const { main, profileId } = await signedIn();
    main.double.dialog.answers.push(0);
    clickItem(menu(main), `profile:${profileId}:revoke`);
    await vi.waitFor(
      () =>
        expect(emulator?.requests.some((r) => r.method === 'POST' && /revoke/i.test(r.path))).toBe(
          true,
        ),
      { timeout: 15_000 },
    );
    await vi.waitFor(
      () =>
        expect(main.double.notifications).toContainEqual({
          title: 'Prod: token revoked',
          body: 'The token no longer works anywhere. Sign in again to get a new one.',
        }),
      { timeout: 15_000 },
    );
  });

  it('says what failed in a notification titled with the product name', async () => {
    const { main, profileId } = await signedIn();
    // No answer scripted: the confirmation itself fails, as a broken dialog would.
    clickItem(menu(main), `profile:${profileId}:revoke`);
    await vi.waitFor(
      () =>
        expect(main.double.notifications).toContainEqual({
          title: PRODUCT_NAME,
          body: UNEXPECTED_TRAY_FAILURE,
        }),
      { timeout: 15_000 },
    );
  });

  it('opens the window from "Open window" and quits from "Quit"', async () => {
    main = await launchMain();
    const window = main.window();
    window.hide();
    clickItem(menu(main), 'open-window');
    expect(window.isVisible()).toBe(true);
    clickItem(menu(main), 'quit');
    expect(main.double.app.exited).toBe(true);
  });
});
