import { flushSync } from 'svelte';
import { describe, expect, it } from 'vitest';
import { ProfilesStore } from './profiles.svelte.js';
import { apiError, FakeApi, profileView } from './testing/fake-api.js';

function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

describe('ProfilesStore', () => {
  it('loads the profiles, the secrets state and the notice', async () => {
    const api = new FakeApi().on('profiles:list', () => ({
      profiles: [profileView()],
      secrets: { location: 'the OS keychain' },
      notice: 'settings repaired',
    }));
    const store = new ProfilesStore(api);
    await store.load();
    expect(store.loaded).toBe(true);
    expect(store.profiles.map((p) => p.name)).toEqual(['Demo cluster']);
    expect(store.secrets.location).toBe('the OS keychain');
    expect(store.notice).toBe('settings repaired');
  });

  it('updates one status in place on a session event, without asking again', async () => {
    const api = new FakeApi().on('profiles:list', () => ({
      profiles: [profileView()],
      secrets: {},
    }));
    const store = new ProfilesStore(api);
    const off = store.connect();
    await store.load();
    const before = api.requests('profiles:list').length;
    api.emit({
      type: 'session',
      profileId: 'p1',
      status: { state: 'signed-in', kind: 'bearer', expiresAt: 1 },
    });
    flushSync();
    expect(store.byId('p1')?.status).toEqual({ state: 'signed-in', kind: 'bearer', expiresAt: 1 });
    expect(api.requests('profiles:list')).toHaveLength(before);
    off();
    expect(api.listenerCount).toBe(0);
  });

  it('reloads on a profile event, once more at most while a load runs', async () => {
    const answers = [deferred<void>(), deferred<void>()];
    let n = 0;
    const api = new FakeApi().on('profiles:list', async () => {
      await answers[Math.min(n++, 1)]?.promise;
      return { profiles: [profileView({ name: `v${n}` })], secrets: {} };
    });
    const store = new ProfilesStore(api);
    const first = store.load();
    store.apply({ type: 'profiles' });
    store.apply({ type: 'profiles' });
    store.apply({ type: 'profiles' });
    answers[0]?.resolve();
    answers[1]?.resolve();
    await first;
    expect(api.requests('profiles:list')).toHaveLength(2);
    expect(store.profiles[0]?.name).toBe('v2');
  });

  it('keeps a status that changed while the list was being read', async () => {
    const answer = deferred<void>();
    let n = 0;
    const api = new FakeApi().on('profiles:list', async () => {
      if (n++ > 0) await answer.promise;
      // The snapshot was taken while the sign-in was still running.
      return { profiles: [profileView({ status: { state: 'signing-in' } })], secrets: {} };
    });
    const store = new ProfilesStore(api);
    await store.load();
    const loading = store.load();
    store.apply({
      type: 'session',
      profileId: 'p1',
      status: { state: 'error', code: 'ACCOUNT_LOCKED', message: 'locked' },
    });
    answer.resolve();
    await loading;
    expect(store.byId('p1')?.status).toMatchObject({ state: 'error', code: 'ACCOUNT_LOCKED' });
    // A later list is taken as it comes.
    await store.load();
    expect(store.byId('p1')?.status).toEqual({ state: 'signing-in' });
  });

  it('takes a new secrets state from its event', async () => {
    const api = new FakeApi().on('profiles:list', () => ({ profiles: [], secrets: {} }));
    const store = new ProfilesStore(api);
    store.apply({
      type: 'secrets',
      secrets: {
        problem: {
          code: 'KEYCHAIN_UNAVAILABLE',
          cause: 'NO_DBUS',
          message: 'no bus',
          canUseEncryptedFile: true,
        },
      },
    });
    expect(store.secrets.problem?.cause).toBe('NO_DBUS');
    await store.load();
  });

  it('keeps the error when the list cannot be read', async () => {
    const api = new FakeApi().on('profiles:list', () => {
      throw apiError('STORAGE_FAILED', 'settings unreadable');
    });
    const store = new ProfilesStore(api);
    await store.load();
    expect(store.error).toMatchObject({ code: 'STORAGE_FAILED', message: 'settings unreadable' });
    expect(store.loaded).toBe(true);
  });
});
