import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  KeytarStore,
  keychainService,
  loadKeytar,
  DEFAULT_SERVICE,
} from '../../../electron/core/secrets/index.js';
import { expectAppError } from '../../support/expect-error.js';
import { clearService, requireKeyring, uniqueService } from './support/keyring.js';

const service = uniqueService('keytar-store');
const store = new KeytarStore({ service });

beforeAll(requireKeyring);
afterAll(() => clearService(service));

describe('the keytar store on the real Secret Service', () => {
  it('sets, gets, lists and deletes entries', async () => {
    await store.set('p1/password', 'hunter2 ✓ with spaces');
    await store.set('p1/token', '{"v":2}');
    expect(await store.get('p1/password')).toBe('hunter2 ✓ with spaces');
    expect(await store.accounts()).toEqual(['p1/password', 'p1/token']);

    await store.set('p1/password', 'changed');
    expect(await store.get('p1/password')).toBe('changed');

    expect(await store.delete('p1/password')).toBe(true);
    expect(await store.get('p1/password')).toBeUndefined();
    expect(await store.delete('p1/password')).toBe(false);
    expect(await store.delete('p1/token')).toBe(true);
    // The unlock-check entry written while confirming a miss is never listed.
    expect(await store.accounts()).toEqual([]);
  });

  it('runs calls for one entry in the order made, even all at once', async () => {
    // keytar runs calls on worker threads: unordered, the last write did not always win, and
    // two deletes of one entry failed inside libsecret.
    for (let round = 0; round < 5; round++) {
      await store.set('p9/token', 'first');
      const deletes = await Promise.all([
        store.delete('p9/token'),
        store.delete('p9/token'),
        store.delete('p9/token'),
      ]);
      expect(deletes).toEqual([true, false, false]);
      await Promise.all([
        store.set('p9/token', 'a'),
        store.set('p9/token', 'b'),
        store.delete('p9/token'),
        store.set('p9/token', 'last'),
      ]);
      expect(await store.get('p9/token')).toBe('last');
    }
    await store.delete('p9/token');
  });

  it('answers undefined for a secret that was never stored', async () => {
    expect(await store.get('nobody/password')).toBeUndefined();
  });

  it('keeps services apart', async () => {
    const other = new KeytarStore({ service: uniqueService('keytar-other') });
    await store.set('shared/password', 'mine');
    expect(await other.get('shared/password')).toBeUndefined();
    expect(await other.accounts()).toEqual([]);
    await store.delete('shared/password');
    await clearService(other.service);
  });

  it('refuses an empty value, a bad account name and the reserved check entry', async () => {
    await expectAppError(store.set('p1/password', ''), 'INVALID_INPUT');
    await expectAppError(store.get(''), 'INVALID_INPUT');
    await expectAppError(store.get('a\nb'), 'INVALID_INPUT');
    await expectAppError(store.set('.unlock-check', 'x'), 'INVALID_INPUT');
  });

  it('says where secrets live for each platform', () => {
    expect(store.kind).toBe('keychain');
    expect(store.describe()).toBe('the OS keychain (Secret Service)');
    expect(new KeytarStore({ service, platform: 'darwin' }).describe()).toBe('the macOS Keychain');
    expect(new KeytarStore({ service, platform: 'win32' }).describe()).toBe(
      'the Windows Credential Manager',
    );
  });

  it('takes its service name from TSM_KEYCHAIN_SERVICE, else the default', () => {
    expect(keychainService({ TSM_KEYCHAIN_SERVICE: 'side-by-side' })).toBe('side-by-side');
    expect(keychainService({})).toBe(DEFAULT_SERVICE);
    expect(DEFAULT_SERVICE).toBe('ThoughtSpot Session Manager');
  });

  it('loads the real keytar module', async () => {
    const keytar = await loadKeytar();
    expect(typeof keytar.findCredentials).toBe('function');
  });
});
