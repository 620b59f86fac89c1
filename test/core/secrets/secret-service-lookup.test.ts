// The fast path's Secret Service read against the private gnome-keyring: it finds exactly what
// keytar stored (keytar's libsecret schema), tells "none" apart, and gives up cleanly on a bus it
// cannot use. The environments where no keychain runs, or it is locked, are in
// keychain-unavailable.test.ts (they need a bus of their own).
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import keytar from 'keytar';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  keytarAttributes,
  lookupSecret,
  sessionBusSocket,
} from '../../../electron/core/secrets/secret-service-lookup.js';
import { clearService, requireKeyring, uniqueService } from './support/keyring.js';

const service = uniqueService('lookup');
const dir = mkdtempSync(join(tmpdir(), 'tsm-lookup-'));
const lookup = (account: string, env: NodeJS.ProcessEnv = process.env, timeoutMs?: number) =>
  lookupSecret(keytarAttributes(service, account), env, timeoutMs);

beforeAll(() => requireKeyring());
afterAll(async () => {
  await clearService(service);
  rmSync(dir, { recursive: true, force: true });
});

describe('lookupSecret over the session bus', () => {
  it('finds what keytar stored, byte for byte, whatever its size or script', async () => {
    const values = {
      plain: 'tsm-bound:1:{"secret":"abc"}',
      unicode: 'pässwörd ✓ 東京 🔑',
      large: 'x'.repeat(64 * 1024),
    };
    for (const [account, value] of Object.entries(values)) {
      await keytar.setPassword(service, account, value);
      expect(await lookup(account), account).toEqual({ found: value });
      expect(await keytar.getPassword(service, account)).toBe(value);
    }
  });

  it('is absent for an account or a service with no entry, and after keytar deletes it', async () => {
    await keytar.setPassword(service, 'gone', 'v');
    expect(await lookup('gone')).toEqual({ found: 'v' });
    await keytar.deletePassword(service, 'gone');
    expect(await lookup('gone')).toBe('absent');
    expect(await lookup('never')).toBe('absent');
    const other = await lookupSecret(keytarAttributes(`${service}-other`, 'plain'), process.env);
    expect(other).toBe('absent');
  });

  it('is unavailable without a unix bus: unset, another transport, a socket that is gone', async () => {
    await keytar.setPassword(service, 'plain', 'v');
    for (const address of [undefined, 'tcp:host=127.0.0.1,port=1', `unix:path=${dir}/gone`]) {
      expect(await lookup('plain', { DBUS_SESSION_BUS_ADDRESS: address }), address).toBe(
        'unavailable',
      );
    }
  });

  it('is unavailable, in its time limit, when the bus refuses us, talks nonsense or says nothing', async () => {
    const behaviours: Record<string, (socket: import('node:net').Socket) => void> = {
      refuses: (socket) => socket.on('data', () => socket.write('REJECTED EXTERNAL\r\n')),
      nonsense: (socket) =>
        socket.once('data', () => {
          socket.write('OK 0123456789abcdef0123456789abcdef\r\n');
          socket.on('data', () => socket.write(Buffer.alloc(64, 0x42)));
        }),
      silent: (socket) => socket.resume(), // reads, never answers
      hangsUp: (socket) => socket.once('data', () => socket.destroy()),
    };
    for (const [name, behave] of Object.entries(behaviours)) {
      const path = join(dir, `${name}.sock`);
      const server: Server = createServer(behave);
      await new Promise<void>((resolve) => server.listen(path, resolve));
      try {
        const started = Date.now();
        const env = { DBUS_SESSION_BUS_ADDRESS: `unix:path=${path},guid=00` };
        expect(await lookup('plain', env, 300), name).toBe('unavailable');
        expect(Date.now() - started, name).toBeLessThan(5_000);
      } finally {
        await new Promise((resolve) => server.close(resolve));
      }
    }
  });
});

describe('sessionBusSocket', () => {
  it('takes the first unix transport, path or abstract, unescaping its value', () => {
    expect(sessionBusSocket('unix:path=/run/user/1000/bus')).toBe('/run/user/1000/bus');
    expect(sessionBusSocket('unix:path=/tmp/dbus-x%2cy,guid=ab')).toBe('/tmp/dbus-x,y');
    expect(sessionBusSocket('unix:abstract=/tmp/dbus-Q,guid=ab')).toBe('\0/tmp/dbus-Q');
    expect(sessionBusSocket('tcp:host=a,port=1;unix:path=/b')).toBe('/b');
    for (const none of [undefined, '', 'tcp:host=a,port=1', 'unix:tmpdir=/tmp', 'launchd:env=X']) {
      expect(sessionBusSocket(none), String(none)).toBeUndefined();
    }
  });
});
