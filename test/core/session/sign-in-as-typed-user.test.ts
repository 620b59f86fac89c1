import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { EmulatorUser } from '../../emulator/index.js';
import { expectAppError } from '../../support/expect-error.js';
import { askCluster, cookie, DANA, sessionCookieOf, useSessionWorlds } from './support/world.js';

// Issue 15: a failed sign-in with another username left that username in settings.json. A
// sign-in asked to save a username (or method) is made as that user and saves it only once the
// cluster accepted it.
const { create } = useSessionWorlds('sign-in-as-typed-user');

const ERIN: EmulatorUser = {
  username: 'erin',
  password: 'pw-erin-0b7a21-Axolotl!',
  displayName: 'Erin Ops',
  email: 'erin@example.com',
};

describe('sign-in with saveOnSuccess', () => {
  it('fails: settings.json stays byte for byte, and the first user stays signed in', async () => {
    const w = await create({ emulator: { users: [DANA, ERIN] } });
    await w.manager.signIn(w.profile.id, cookie(true));
    const settings = readFileSync(w.profiles.path);

    await expectAppError(
      w.manager.signIn(w.profile.id, {
        method: 'password',
        password: 'not-erins-password',
        kind: 'cookie',
        saveOnSuccess: { username: 'erin', auth: 'password' },
      }),
      'AUTH_FAILED',
    );
    expect(readFileSync(w.profiles.path).equals(settings)).toBe(true);
    expect(w.profiles.get(w.profile.id).username).toBe('dana');
    expect(await w.vault.entries(w.profile.id)).toEqual(['password', 'cookies']);
    const jar = await w.vault.getCookies(w.profiles.get(w.profile.id));
    expect(await askCluster(w.emulator, { cookie: sessionCookieOf(jar) })).toMatchObject({
      username: 'dana',
    });
  });

  it('succeeds: signs in as the typed user, then saves it, keeping only that user’s secrets', async () => {
    const w = await create({ emulator: { users: [DANA, ERIN] } });
    await w.manager.signIn(w.profile.id, cookie(true));

    await w.manager.signIn(w.profile.id, {
      method: 'password',
      password: ERIN.password,
      kind: 'cookie',
      saveOnSuccess: { username: ' erin ' },
    });
    const profile = w.profiles.get(w.profile.id);
    expect(profile.username).toBe('erin');
    // Dana's kept password went with her; Erin's cookies are kept, bound to Erin.
    expect(await w.vault.entries(w.profile.id)).toEqual(['cookies']);
    const jar = await w.vault.getCookies(profile);
    expect(await askCluster(w.emulator, { cookie: sessionCookieOf(jar) })).toMatchObject({
      username: 'erin',
    });
    expect(w.manager.status(w.profile.id)).toMatchObject({ state: 'signed-in', kind: 'cookie' });
  });
});
