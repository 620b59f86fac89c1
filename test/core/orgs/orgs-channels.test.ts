// The orgs:list and orgs:switch channels over AppServices (the window's and browser mode's path),
// against the emulator, with the keychain a private gnome-keyring.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppServices, type AppEvent } from '../../../electron/core/app/app-services.js';
import { MemoryClipboard } from '../../../electron/core/clipboard/token-clipboard.js';
import { dispatch } from '../../../electron/ipc/dispatch.js';
import { createHandlers } from '../../../electron/ipc/handlers.js';
import { TsmSandbox } from '../../cli/support/run-tsm.js';
import { startEmulator, type RunningEmulator } from '../../emulator/index.js';
import { DANA_ORGS, PRIMARY, SALES } from './support.js';

let sandbox: TsmSandbox;
let emulator: RunningEmulator;
let services: AppServices;
let profileId: string;
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
  });
  services.onEvent((event) => events.push(event));
  profileId = (
    await services.profiles.add({ name: 'Prod', url: emulator.url, username: DANA_ORGS.username })
  ).id;
});
afterAll(async () => {
  services.dispose();
  sandbox.dispose();
  await emulator.close();
});

describe('the orgs channels', () => {
  it('list the orgs, switch by name, and tell the window', async () => {
    const handlers = createHandlers(services);
    const signIn = await dispatch(handlers, 'session:login', {
      profileId,
      method: 'password',
      password: DANA_ORGS.password,
      kind: 'bearer',
      remember: true,
    });
    expect(signIn.ok).toBe(true);
    const list = await dispatch(handlers, 'orgs:list', { profileId });
    expect(list).toEqual({ ok: true, data: { current: PRIMARY, orgs: [PRIMARY, SALES] } });
    events.length = 0;
    const switched = await dispatch(handlers, 'orgs:switch', { profileId, org: 'Sales' });
    expect(switched).toMatchObject({
      ok: true,
      data: { id: profileId, org: 1, status: { state: 'signed-in' } },
    });
    expect(events.some((e) => e.type === 'profiles')).toBe(true);
    expect(events.some((e) => e.type === 'session' && e.profileId === profileId)).toBe(true);
    const token = await dispatch(handlers, 'session:getToken', { profileId });
    expect(token).toMatchObject({ ok: true, data: { orgId: 1, orgName: 'Sales' } });
    expect(JSON.stringify(token)).not.toContain('"token"');
  });

  it('refuses an org the user is not in with INVALID_INPUT naming the ones they are in', async () => {
    const envelope = await dispatch(createHandlers(services), 'orgs:switch', {
      profileId,
      org: 'HR',
    });
    expect(envelope).toMatchObject({
      ok: false,
      error: {
        code: 'INVALID_INPUT',
        message: 'dana is not in an org "HR"; they are in Primary (0), Sales (1)',
      },
    });
  });
});
