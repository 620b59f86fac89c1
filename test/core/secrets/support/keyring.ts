import { randomBytes } from 'node:crypto';
import { loadKeytar } from '../../../../electron/core/secrets/index.js';

const HOW = 'run them as `test/keyring/with-keyring.sh npx vitest run test/core/secrets`';

/** Tests that use the real Secret Service fail loudly, rather than skip, outside the private keyring. */
export function requireKeyring(): void {
  if (!process.env.DBUS_SESSION_BUS_ADDRESS) {
    throw new Error(`These tests need the private gnome-keyring (no D-Bus session here); ${HOW}`);
  }
  if (!process.env.TSM_PRIVATE_KEYRING) {
    throw new Error(`These tests must not touch your own keyring; ${HOW}`);
  }
}

/** A service name of its own per test file, so files running in parallel never meet. */
export function uniqueService(label: string): string {
  return `tsm-test-${label}-${process.pid}-${randomBytes(4).toString('hex')}`;
}

/** Removes whatever a test file left under its service (the check entry included). */
export async function clearService(service: string): Promise<void> {
  if (!process.env.TSM_PRIVATE_KEYRING) return; // requireKeyring has already said why
  const keytar = await loadKeytar();
  for (const { account } of await keytar.findCredentials(service)) {
    await keytar.deletePassword(service, account);
  }
}
