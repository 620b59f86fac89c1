// The app reads a profile's session from the keychain (restore, at every outside change) while
// another process edits the profile and signs it in anew: what that process stored stays.
import { describe, expect, it } from 'vitest';
import { AppServices } from '../../../electron/core/app/app-services.js';
import { MemoryClipboard } from '../../../electron/core/clipboard/token-clipboard.js';
import { ProfileStore } from '../../../electron/core/profiles/index.js';
import { ProfileVault } from '../../../electron/core/secrets/index.js';
import type { SecretStore } from '../../../electron/core/secrets/secret-store.js';
import { SessionManager } from '../../../electron/core/session/index.js';
import { requireKeyring, TsmSandbox } from '../../cli/support/run-tsm.js';
import { startEmulator, type EmulatorUser } from '../../emulator/index.js';
import { cookie, DANA, useSessionWorlds } from './support/world.js';

const worlds = useSessionWorlds('restore-races');

const BO: EmulatorUser = {
  username: 'bo',
  password: 'pw-bo-71d3aa-Wombat!',
  displayName: 'Bo Builder',
  email: 'bo@example.com',
};

/** The real keychain, with the next read of `account` held until the test lets it go. */
function heldReads(store: SecretStore) {
  let held: { account: string; reached: boolean; release: () => void; gate: Promise<void> };
  held = { account: '', reached: false, release: () => undefined, gate: Promise.resolve() };
  const gated: SecretStore = {
    kind: store.kind,
    describe: () => store.describe(),
    get: async (account) => {
      if (account === held.account) {
        held.account = '';
        held.reached = true;
        await held.gate;
      }
      return store.get(account);
    },
    set: (account, value) => store.set(account, value),
    delete: (account) => store.delete(account),
    accounts: () => store.accounts(),
  };
  const hold = (account: string) => {
    let release = (): void => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    held = { account, reached: false, release, gate };
    return { reached: () => held.reached, release };
  };
  return { store: gated, hold };
}

describe('a restore that overlaps an edit and a sign-in elsewhere', () => {
  it('leaves the new user’s session where the other process put it', async () => {
    const w = await worlds.create({ emulator: { users: [DANA, BO] } });
    // `tsm` beside the app, on the same files and keychain.
    const otherProfiles = new ProfileStore({ configDir: w.dir, now: w.now });
    const other = worlds.sibling(w, { profiles: otherProfiles });
    const reads = heldReads(w.vault.store);
    // The app's vault, wired as AppServices wires it: whom the secrets are for, from its settings.
    const app = new SessionManager({
      profiles: w.profiles,
      vault: new ProfileVault(reads.store, (id) => w.profiles.find(id)),
      audit: w.audit,
      configDir: w.dir,
      now: w.now,
    });
    try {
      const held = reads.hold(`${w.profile.id}/cookies`);
      const restoring = app.restore(w.profile.id).then(
        (status) => ({ status }),
        (error: unknown) => ({ error }),
      );
      await expect.poll(held.reached).toBe(true); // it read the profile as Dana's, and no token

      // `tsm profile edit --user bo` and `tsm login` in between.
      const { name, url, auth } = w.profile;
      await otherProfiles.update(w.profile.id, { name, url, username: BO.username, auth });
      const signedIn = await other.signIn(w.profile.id, {
        ...cookie(true),
        password: BO.password,
      });
      expect(signedIn.state).toBe('signed-in');
      expect(await w.vault.entries(w.profile.id)).toEqual(['password', 'cookies']);
      held.release();
      await restoring;

      // Before, the read for Dana found Bo's cookies "bound elsewhere" and forgot everything Bo
      // had just been given: the sign-in in the terminal was undone by the app.
      expect(await w.vault.entries(w.profile.id)).toEqual(['password', 'cookies']);
      expect((await app.restore(w.profile.id)).state).toBe('signed-in');
    } finally {
      app.dispose();
    }
  });
});

describe('the app’s reads with a profile from before an edit in a terminal', () => {
  it(
    'find nothing for the old user and forget nothing of the new one',
    { timeout: 30_000 },
    async () => {
      requireKeyring();
      const sandbox = new TsmSandbox();
      const emulator = await startEmulator({ users: [DANA, BO] });
      const services = new AppServices({
        configDir: sandbox.configDir,
        env: sandbox.env(),
        clipboard: new MemoryClipboard(),
      });
      try {
        const before = await services.profiles.add({
          name: 'Prod',
          url: emulator.url,
          username: DANA.username,
          autoRenew: true, // the password is kept for renewals
        });
        const edit = await sandbox.run(['profile', 'edit', 'Prod', '--user', BO.username]);
        expect(edit.code).toBe(0);
        const login = await sandbox.run(['login', '-p', 'Prod', '--password-stdin', '--bearer'], {
          stdin: `${BO.password}\n`,
        });
        expect(login.code, login.stderr).toBe(0);
        const kept = await services.vault.entries(before.id);
        expect(kept).toContain('token');

        // A look that read the profile before the edit reads the keychain after the sign-in.
        expect(await services.vault.getToken(before)).toBeUndefined();
        expect(await services.vault.getPassword(before)).toBeUndefined();
        expect(await services.vault.entries(before.id)).toEqual(kept);
        expect((await services.manager.restore(before.id)).state).toBe('signed-in');
      } finally {
        services.dispose();
        sandbox.dispose();
        await emulator.close();
      }
    },
  );
});
