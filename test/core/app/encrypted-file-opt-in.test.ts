// The window's opt-in to the encrypted file, on a machine with no keychain (a D-Bus address
// where nothing listens): the passphrase rules of core/secrets/passphrase.ts hold here too, and
// once secrets live in the file the app says so instead of "keychain".
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AppServices } from '../../../electron/core/app/app-services.js';
import { MemoryClipboard } from '../../../electron/core/clipboard/token-clipboard.js';
import { SECRETS_FILE_NAME } from '../../../electron/core/secrets/index.js';
import { MIN_NEW_PASSPHRASE_LENGTH } from '../../../electron/core/secrets/passphrase.js';
import { confirmationFor } from '../../../electron/core/shell/confirmations.js';
import { expectAppError } from '../../support/expect-error.js';

let configDir: string;
let services: AppServices;
const NO_KEYCHAIN = { DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/tsm-no-bus' };

function open(): AppServices {
  return new AppServices({ configDir, env: NO_KEYCHAIN, clipboard: new MemoryClipboard() });
}

// libsecret reads the process's own environment, so the address goes there too (this file only).
const savedBus = process.env.DBUS_SESSION_BUS_ADDRESS;
beforeAll(() => {
  process.env.DBUS_SESSION_BUS_ADDRESS = NO_KEYCHAIN.DBUS_SESSION_BUS_ADDRESS;
});
afterAll(() => {
  if (savedBus === undefined) delete process.env.DBUS_SESSION_BUS_ADDRESS;
  else process.env.DBUS_SESSION_BUS_ADDRESS = savedBus;
});

beforeEach(() => {
  configDir = mkdtempSync(join(tmpdir(), 'tsm-optin-'));
  services = open();
});
afterEach(() => {
  services.dispose();
  rmSync(configDir, { recursive: true, force: true });
});

const secretsFile = () => join(configDir, SECRETS_FILE_NAME);

describe('opting in to the encrypted file from the window', () => {
  it('is offered: the keychain cannot be reached at all', async () => {
    const status = await services.secrets.status();
    expect(status.problem).toMatchObject({ canUseEncryptedFile: true });
  });

  it('refuses an empty passphrase and a short one for a new file, and uses nothing', async () => {
    const empty = await expectAppError(services.useEncryptedFile(''), 'KEYCHAIN_UNAVAILABLE');
    expect(empty.message).toMatch(/must not be empty/);
    const short = 'a'.repeat(MIN_NEW_PASSPHRASE_LENGTH - 1);
    const tooShort = await expectAppError(services.useEncryptedFile(short), 'KEYCHAIN_UNAVAILABLE');
    expect(tooShort.message).toMatch(/at least 8 characters/);
    expect(services.secrets.kind).toBe('keychain');
    expect((await services.secrets.status()).problem).toBeDefined();
    expect(existsSync(secretsFile())).toBe(false);
  });

  it('takes 8 characters for a new file; an existing file opens with its own, even a short one', async () => {
    await services.useEncryptedFile('a'.repeat(MIN_NEW_PASSPHRASE_LENGTH));
    expect(services.secrets.kind).toBe('encrypted-file');
    await services.secrets.set('probe/password', 'value');
    expect(existsSync(secretsFile())).toBe(true);

    // Another start: the file exists, so only its own passphrase matters, and an empty one never.
    services.dispose();
    services = open();
    await expectAppError(services.useEncryptedFile(''), 'KEYCHAIN_UNAVAILABLE');
    await expectAppError(services.useEncryptedFile('wrong'), 'KEYCHAIN_UNAVAILABLE');
    await services.useEncryptedFile('a'.repeat(MIN_NEW_PASSPHRASE_LENGTH));
    expect(await services.secrets.get('probe/password')).toBe('value');
  });

  it('then says "encrypted secrets file" where it would say "keychain"', async () => {
    await services.useEncryptedFile('correct horse battery');
    const detail = confirmationFor('sign-out', 'Prod', services.secrets.kind).detail;
    expect(detail).toContain('removed from the encrypted secrets file');
    expect(detail).not.toContain('keychain');
  });
});
