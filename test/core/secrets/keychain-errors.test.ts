// The mapping from library messages to problems, with the exact strings observed on this
// machine (Debian 12: libsecret 0.20.5, gnome-keyring 42.1, dbus 1.14). Each of these is also
// produced for real in keychain-unavailable.test.ts; this table pins the wording.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { KeychainError } from '../../../electron/core/errors/index.js';
import {
  KeytarStore,
  keychainErrorFrom,
  loadKeytar,
  openSecretStore,
} from '../../../electron/core/secrets/index.js';
import { expectAppError, expectNoSecrets } from '../../support/expect-error.js';

const observed: [string, boolean, string, RegExp][] = [
  ['Cannot autolaunch D-Bus without X11 $DISPLAY', false, 'NO_DBUS', /No D-Bus session/],
  [
    'Failed to execute child process “dbus-launch” (No such file or directory)',
    true,
    'NO_DBUS',
    /No D-Bus session/,
  ],
  ['Could not connect: No such file or directory', false, 'NO_DBUS', /does not answer/],
  [
    'The name org.freedesktop.secrets was not provided by any .service files',
    false,
    'NO_SECRET_SERVICE',
    /no keychain \(Secret Service/,
  ],
  [
    'GDBus.Error:org.freedesktop.DBus.Error.ServiceUnknown: The name org.freedesktop.secrets ' +
      'was not provided by any .service files',
    false,
    'NO_SECRET_SERVICE',
    /no keychain \(Secret Service/,
  ],
  [
    'Error calling StartServiceByName for org.freedesktop.secrets: Process ' +
      'org.freedesktop.secrets exited with status 1',
    false,
    'NO_SECRET_SERVICE',
    /failed to start/,
  ],
  ['Cannot create an item in a locked collection', false, 'LOCKED', /is locked.*no unlock prompt/],
  ['Cannot create an item in a locked collection', true, 'REFUSED', /unlock prompt was dismissed/],
  [
    'Object does not exist at path “/org/freedesktop/secrets/collection/login”',
    false,
    'LOCKED',
    /no default keyring.*none can be created/,
  ],
  [
    'Object does not exist at path “/org/freedesktop/secrets/collection/login”',
    true,
    'REFUSED',
    /no default keyring.*prompt to create one was dismissed/,
  ],
];

describe('keychain error mapping', () => {
  it.each(observed)('maps "%s" (display: %s) to %s', (raw, hasDisplay, problem, message) => {
    const error = keychainErrorFrom(new Error(raw), { hasDisplay });
    expect(error).toMatchObject({ code: 'KEYCHAIN_UNAVAILABLE', problem, details: { debug: raw } });
    expect(error.message).toMatch(message);
  });

  it('keeps an unknown failure as UNKNOWN with the library words in debug only', () => {
    const error = keychainErrorFrom(new Error('Something odd'), { hasDisplay: false });
    expect(error).toMatchObject({ problem: 'UNKNOWN', details: { debug: 'Something odd' } });
    expect(error.message).not.toContain('Something odd');
  });

  it('drops the library message entirely if it contains the value being written', () => {
    const secret = 'p@ss-in-message';
    const error = keychainErrorFrom(new Error(`failed to store ${secret}`), {
      hasDisplay: false,
      secret,
    });
    expect(error.details.debug).toBeUndefined();
    expectNoSecrets(error, [secret]);
  });
});

describe('a keytar module that cannot be loaded', () => {
  it('is NATIVE_MODULE when the module is not installed', async () => {
    const error = (await expectAppError(
      loadKeytar('keytar-not-installed-anywhere'),
      'KEYCHAIN_UNAVAILABLE',
    )) as KeychainError;
    expect(error.problem).toBe('NATIVE_MODULE');
    expect(error.message).toMatch(/keychain module \(keytar\) could not be loaded/);
    expect(error.details.debug).toMatch(/^Cannot find module 'keytar-not-installed-anywhere'/);
  });

  it('is NATIVE_MODULE when the binary is not loadable, on first use and at open', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'tsm-native-'));
    try {
      const broken = join(dir, 'keytar.node');
      await writeFile(broken, 'not a shared object');
      const store = new KeytarStore({ service: 'unused', load: () => loadKeytar(broken) });
      const error = (await expectAppError(
        store.get('a/password'),
        'KEYCHAIN_UNAVAILABLE',
      )) as KeychainError;
      expect(error.problem).toBe('NATIVE_MODULE');
      expect(error.details.debug).toMatch(/invalid ELF header|file too short/);

      const opening = openSecretStore({ configDir: dir, loadKeytar: () => loadKeytar(broken) });
      const atOpen = (await expectAppError(opening, 'KEYCHAIN_UNAVAILABLE')) as KeychainError;
      expect(atOpen.problem).toBe('NATIVE_MODULE');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
