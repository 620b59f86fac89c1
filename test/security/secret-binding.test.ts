import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { writeFileAtomic } from '../../electron/core/storage/atomic-write.js';
import { startEmulator, type RunningEmulator } from '../emulator/index.js';
import { expectAppError } from '../support/expect-error.js';
import {
  cookie,
  DANA,
  password,
  SECRET_KEY,
  useSessionWorlds,
  type World,
} from '../core/session/support/world.js';

// Saved secrets are bound to the cluster URL and username they were given for: a profile pointed
// elsewhere (edited in the window, the CLI, settings.json or an import) never sends them there.
const { create } = useSessionWorlds('secret-binding');

/** A second cluster that knows Dana too, so a leaked password would even work there. */
async function otherCluster(): Promise<RunningEmulator> {
  return startEmulator({ users: [DANA], secretKey: SECRET_KEY });
}

/** Edits the settings file by hand, as a person (or another program) could. */
function editSettings(w: World, change: Record<string, unknown>): void {
  const path = w.profiles.path;
  const data = JSON.parse(readFileSync(path, 'utf8')) as {
    profiles: Record<string, unknown>[];
  };
  data.profiles = data.profiles.map((p) => (p.id === w.profile.id ? { ...p, ...change } : p));
  writeFileAtomic(path, JSON.stringify(data));
}

/** What reached the other cluster that could have carried a secret. */
function carried(emulator: RunningEmulator): unknown[] {
  return emulator.requests.filter(
    (r) =>
      r.hasAuthorization ||
      r.hasCookie ||
      r.bodyKeys.some((key) => ['password', 'secret_key', 'token'].includes(key)),
  );
}

describe('secrets bound to the cluster and user they were given for', () => {
  it('a URL edited in settings.json: validate, renew and getToken send nothing to the new cluster', async () => {
    const w = await create({ profile: { autoRenew: true } });
    const other = await otherCluster();
    try {
      await w.manager.signIn(w.profile.id, password(true));
      expect(await w.vault.entries(w.profile.id)).toEqual(['password', 'token']);
      editSettings(w, { url: other.url });

      const error = await expectAppError(w.manager.validate(w.profile.id), 'NOT_SIGNED_IN');
      expect(error.message).toBe('"Prod" now points to another cluster (or user); sign in again');
      expect(await w.vault.entries(w.profile.id)).toEqual([]);
      await expectAppError(w.manager.renew(w.profile.id), 'NOT_SIGNED_IN');
      await expectAppError(w.manager.getToken(w.profile.id), 'NOT_SIGNED_IN');
      expect(carried(other)).toEqual([]);
    } finally {
      await other.close();
    }
  });

  it('renewal with a remembered password never posts it to the new cluster', async () => {
    const w = await create({ profile: { autoRenew: true } });
    const other = await otherCluster();
    try {
      await w.manager.signIn(w.profile.id, password(true));
      await w.vault.deleteToken(w.profile.id); // only the password is left to renew from
      editSettings(w, { url: other.url });

      await expectAppError(w.manager.getToken(w.profile.id), 'NOT_SIGNED_IN');
      await expectAppError(w.manager.renew(w.profile.id), 'NOT_SIGNED_IN');
      expect(other.tokenRequests()).toBe(0);
      expect(carried(other)).toEqual([]);
      expect(await w.vault.entries(w.profile.id)).toEqual([]);
    } finally {
      await other.close();
    }
  });

  it('a cookie session does not follow a changed username either', async () => {
    const w = await create();
    await w.manager.signIn(w.profile.id, cookie(true));
    const before = w.emulator.requests.length;
    editSettings(w, { username: 'someone-else' });

    await expectAppError(w.manager.validate(w.profile.id), 'NOT_SIGNED_IN');
    await expectAppError(w.manager.info(w.profile.id), 'NOT_SIGNED_IN');
    expect(carried({ ...w.emulator, requests: w.emulator.requests.slice(before) })).toEqual([]);
    expect(await w.vault.entries(w.profile.id)).toEqual([]);
  });

  it('ProfileStore.update to another URL forgets token, cookies and credential at once', async () => {
    const w = await create({ profile: { autoRenew: true } });
    const other = await otherCluster();
    try {
      await w.manager.signIn(w.profile.id, cookie(true));
      await w.manager.signIn(w.profile.id, password(true));
      expect(await w.vault.entries(w.profile.id)).toEqual(['password', 'token', 'cookies']);

      await w.profiles.update(w.profile.id, { ...w.profile, url: other.url });
      expect(await w.vault.entries(w.profile.id)).toEqual([]);
      expect(w.manager.status(w.profile.id)).toEqual({ state: 'signed-out' });
      await expectAppError(w.manager.validate(w.profile.id), 'NOT_SIGNED_IN');
      await expectAppError(w.manager.getToken(w.profile.id), 'NOT_SIGNED_IN');
      expect(carried(other)).toEqual([]);
    } finally {
      await other.close();
    }
  });

  it('an update that keeps URL and username keeps the secrets', async () => {
    const w = await create();
    await w.manager.signIn(w.profile.id, password(true));
    await w.profiles.update(w.profile.id, { ...w.profile, name: 'Renamed' });
    expect(await w.vault.entries(w.profile.id)).toEqual(['password', 'token']);
    expect((await w.manager.validate(w.profile.id)).state).toBe('signed-in');
  });

  it('an entry stored before bindings existed is adopted by the profile as it is, once', async () => {
    const w = await create();
    await w.vault.setPassword(w.profile.id, DANA.password); // unbound, as older versions wrote
    const account = `${w.profile.id}/password`;
    expect(await w.vault.store.get(account)).toBe(DANA.password);

    expect(await w.vault.getPassword(w.profile)).toBe(DANA.password);
    const raw = await w.vault.store.get(account);
    expect(raw).toMatch(/^tsm-bound:1:/);
    expect(raw).toContain(w.profile.url);
    const moved = { ...w.profile, url: 'https://elsewhere.example.com' };
    await expectAppError(w.vault.getPassword(moved), 'NOT_SIGNED_IN');
    expect(await w.vault.store.get(account)).toBeUndefined();
  });
});
