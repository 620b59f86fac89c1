// Browser sign-in in the desktop app: main.ts hands its SessionManager the Electron port, so a
// sign-in asked for over IPC or from the tray opens the sign-in window. The test plays the person's
// browser: it walks the emulator's real SAML pages over HTTP (test-agent.ts) from the URL the window
// loaded, and puts the cookies the cluster set into the window's partition, as Chromium would.
import * as v from 'valibot';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { allItems, clickItem, type DoubleMenu } from '../electron-double/tray-menu.js';
import type { DoubleBrowserWindow } from '../electron-double/windows.js';
import { SSO_USERS, startEmulator, type RunningEmulator } from '../emulator/index.js';
import { TestAgent } from '../emulator/sso/test-agent.js';
import { launchMain, type LaunchedMain } from './support/launch-main.js';

vi.mock('electron', async () => (await import('../electron-double/install.js')).electronModule());

let main: LaunchedMain | undefined;
let emulator: RunningEmulator | undefined;
afterEach(async () => {
  main?.stop();
  main = undefined;
  await emulator?.close();
  emulator = undefined;
});

async function launchWithSamlProfile(): Promise<{
  main: LaunchedMain;
  emulator: RunningEmulator;
  profileId: string;
}> {
  const emu = await startEmulator({ port: 0 });
  emulator = emu;
  const launched = await launchMain();
  main = launched;
  const profile = await launched.call(
    'profiles:save',
    { input: { name: 'Corp', url: emu.url, username: '', auth: 'saml' } },
    v.object({ id: v.string() }),
  );
  return { main: launched, emulator: emu, profileId: profile.id };
}

/** The sign-in window, once main.ts opened it beside its own. */
async function signInWindow(launched: LaunchedMain): Promise<DoubleBrowserWindow> {
  await vi.waitFor(() => expect(launched.double.windows).toHaveLength(2), { timeout: 15_000 });
  const win = launched.double.windows[1];
  if (!win) throw new Error('no sign-in window');
  return win;
}

function partitionOf(launched: LaunchedMain, win: DoubleBrowserWindow) {
  const name = (win.options.webPreferences as { partition: string }).partition;
  const ses = launched.double.partitions.get(name);
  if (!ses) throw new Error(`no session for ${name}`);
  return ses;
}

/** The person at the IdP's form, in the window's browser: SAML through to the cluster's cookies. */
async function signInAtIdp(
  launched: LaunchedMain,
  emu: RunningEmulator,
  win: DoubleBrowserWindow,
): Promise<void> {
  const agent = new TestAgent();
  const [start] = win.loaded;
  if (start === undefined) throw new Error('the window loaded nothing');
  const form = await agent.follow(await agent.get(start));
  // The page was reached by navigation inside the window: main.ts's own hardening must not stop it.
  expect(win.webContents.navigate(form.url)).toBe(true);
  const { username, password } = SSO_USERS.ssoOnly;
  const postBack = await agent.submit(form, { username, password });
  const back = await agent.submit(postBack);
  expect(back.status).toBe(302);
  const ses = partitionOf(launched, win);
  for (const pair of agent.cookieHeader(emu.url).split('; ')) {
    const at = pair.indexOf('=');
    const [name, value] = [pair.slice(0, at), pair.slice(at + 1)];
    await ses.cookies.set({ url: emu.url, name, value, httpOnly: true });
  }
  win.webContents.landed(back.location ?? `${emu.url}/`, 200);
}

const result = v.object({
  status: v.object({ state: v.string() }),
  username: v.string(),
  via: v.string(),
});

function menu(launched: LaunchedMain): DoubleMenu {
  const built = launched.tray().contextMenu;
  if (!built) throw new Error('the tray has no menu');
  return built;
}
const labels = (m: DoubleMenu) => allItems(m.items).map((item) => item.label ?? item.type);

describe('browser sign-in in the desktop app', { timeout: 30_000 }, () => {
  it('session:signInWithBrowser opens the sign-in window, and ends signed in', async () => {
    const { main, emulator, profileId } = await launchWithSamlProfile();
    const call = main.call('session:signInWithBrowser', { profileId }, result);
    const win = await signInWindow(main);
    expect(win.options).toMatchObject({ title: 'Sign in to Corp', parent: main.window() });
    expect(win.loaded[0]).toBe(
      `${emulator.url}/callosum/v1/saml/login?targetURLPath=${encodeURIComponent('/')}`,
    );
    // Our own window still refuses to leave its page: only the sign-in window is let go.
    expect(main.window().webContents.navigate(`${emulator.idpUrl}/`)).toBe(false);

    await signInAtIdp(main, emulator, win);
    await expect(call).resolves.toMatchObject({ username: 'sso-user', via: 'SAML' });
    expect(win.isDestroyed()).toBe(true);
    const ses = partitionOf(main, win);
    expect(ses.cleared).toBe(1);
    expect(ses.cookies.all).toEqual([]);
    // Nothing of the sign-in reached Chromium's own (on-disk) cookie store.
    expect(main.double.net.cookies.cookies).toEqual([]);
  });

  it("the tray's Sign in with SSO… runs it, shows Cancel meanwhile, and notifies", async () => {
    const { main, emulator, profileId } = await launchWithSamlProfile();
    await vi.waitFor(() => expect(labels(menu(main))).toContain('Sign in with SSO…'), {
      timeout: 15_000,
    });
    clickItem(menu(main), `profile:${profileId}:browser-sign-in`);
    const win = await signInWindow(main);
    await vi.waitFor(() => expect(labels(menu(main))).toContain('Signing in… (Cancel)'), {
      timeout: 15_000,
    });

    await signInAtIdp(main, emulator, win);
    await vi.waitFor(
      () =>
        expect(main.double.notifications).toContainEqual({
          title: 'Corp: signed in',
          body: 'Signed in as sso-user through SAML.',
        }),
      { timeout: 15_000 },
    );
    expect(win.isDestroyed()).toBe(true);
    expect(labels(menu(main))).toContainEqual(expect.stringMatching(/^Corp — signed in/));
  });

  it("the tray's Cancel ends the sign-in and closes its window, saying nothing more", async () => {
    const { main, profileId } = await launchWithSamlProfile();
    clickItem(menu(main), `profile:${profileId}:browser-sign-in`);
    const win = await signInWindow(main);
    await vi.waitFor(() => expect(labels(menu(main))).toContain('Signing in… (Cancel)'), {
      timeout: 15_000,
    });
    clickItem(menu(main), `profile:${profileId}:cancel-sign-in`);
    await vi.waitFor(() => expect(win.isDestroyed()).toBe(true), { timeout: 15_000 });
    await vi.waitFor(() => expect(labels(menu(main))).toContain('Sign in with SSO…'), {
      timeout: 15_000,
    });
    expect(partitionOf(main, win).cleared).toBe(1);
    expect(main.double.notifications).toEqual([]);
  });

  it('says so in a notification when the person closes the sign-in window', async () => {
    const { main, profileId } = await launchWithSamlProfile();
    clickItem(menu(main), `profile:${profileId}:browser-sign-in`);
    const win = await signInWindow(main);
    win.close();
    await vi.waitFor(
      () =>
        expect(main.double.notifications).toContainEqual({
          title: 'ThoughtSpot Session Manager',
          body: 'The sign-in window was closed before you finished',
        }),
      { timeout: 15_000 },
    );
    expect(labels(menu(main))).toContainEqual(expect.stringMatching(/^Corp — signed out/));
  });
});
