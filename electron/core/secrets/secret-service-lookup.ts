import { createConnection, type Socket } from 'node:net';
import { isUtf8 } from 'node:buffer';
import {
  decodeMessage,
  encodeCall,
  ERROR,
  messageLength,
  METHOD_RETURN,
  type Incoming,
  type MethodCall,
} from './dbus-message.js';
import type { DbusValue } from './dbus-wire.js';

/**
 * One keychain entry read straight from the Secret Service over the session bus, for `tsm token`
 * answered from the cache: loading keytar (libsecret, GLib, GIO) and libsecret's connection set-up
 * cost more than the rest of that command. Three round trips: Hello and OpenSession sent together
 * (while the caller reads its settings), SearchItems, then the item's GetSecret.
 *
 * It only ever reads, never unlocks, and never starts the keychain: anything but exactly one
 * unlocked entry is `absent`, and anything it cannot do (no session bus, another transport, a
 * keychain without "plain" transfer, a slow answer) is `unavailable`; callers then use keytar.
 *
 * "plain" transfer: the secret crosses the user's own bus socket unencrypted. Any process that
 * could watch that bus (the same user) could as well ask the keychain for the secret directly,
 * so the Diffie-Hellman transfer libsecret negotiates would add no protection, and in Node it
 * costs 40-100 ms on these machines (the prime is checked at every key exchange).
 */
export type SecretLookup = { found: string } | 'absent' | 'unavailable';

const SECRETS = 'org.freedesktop.secrets';
const SERVICE_PATH = '/org/freedesktop/secrets';
const BUS = 'org.freedesktop.DBus';

/** The attributes keytar's libsecret schema ("org.freedesktop.Secret.Generic") stores. */
export function keytarAttributes(service: string, account: string): Record<string, string> {
  return { service, account, 'xdg:schema': 'org.freedesktop.Secret.Generic' };
}

/** Opens a session, looks one entry up, closes. */
export async function lookupSecret(
  attributes: Record<string, string>,
  env: NodeJS.ProcessEnv,
  timeoutMs?: number,
): Promise<SecretLookup> {
  const session = openSecretService(env, timeoutMs);
  try {
    return await session.lookup(attributes);
  } finally {
    session.close();
  }
}

/**
 * Connects, says Hello and opens a "plain" session at once, without waiting: a caller can read
 * its settings meanwhile and look up the entry they name. close() when done, found or not.
 */
export function openSecretService(env: NodeJS.ProcessEnv, timeoutMs = 2000): SecretServiceSession {
  const path = sessionBusSocket(env.DBUS_SESSION_BUS_ADDRESS);
  // process.getuid, not os.userInfo(), which reads the password database (~1 ms).
  const uid = process.getuid?.();
  return new SecretServiceSession(
    path === undefined || uid === undefined ? undefined : new BusConnection(path, uid, timeoutMs),
  );
}

export class SecretServiceSession {
  /** The session's object path, or why there is none (kept settled: nobody may be waiting yet). */
  readonly #opened: Promise<string | Error>;

  constructor(private readonly bus: BusConnection | undefined) {
    this.#opened = bus
      ? bus
          .call([
            { destination: BUS, path: '/org/freedesktop/DBus', interface: BUS, member: 'Hello' },
            secretsCall(SERVICE_PATH, 'Service', 'OpenSession', 'sv', [
              'plain',
              { signature: 's', value: '' },
            ]),
          ])
          .then(([, opened]) => {
            const session = reply(opened)[1];
            return typeof session === 'string' ? session : new Error('no session path');
          })
          .catch((error: unknown) => (error instanceof Error ? error : new Error(String(error))))
      : Promise.resolve(new Error('no session bus'));
  }

  async lookup(attributes: Record<string, string>): Promise<SecretLookup> {
    const session = await this.#opened;
    if (!this.bus || session instanceof Error) return 'unavailable';
    try {
      const [search] = await this.bus.call([
        secretsCall(SERVICE_PATH, 'Service', 'SearchItems', 'a{ss}', [Object.entries(attributes)]),
      ]);
      const [unlocked, locked] = reply(search) as [DbusValue[], DbusValue[]];
      const item = unlocked[0];
      if (unlocked.length !== 1 || locked.length > 0 || typeof item !== 'string') return 'absent';
      const [secret] = await this.bus.call([
        secretsCall(item, 'Item', 'GetSecret', 'o', [session]),
      ]);
      const value = (reply(secret)[0] as DbusValue[] | undefined)?.[2];
      if (!(value instanceof Uint8Array) || !isUtf8(value)) return 'unavailable';
      return { found: Buffer.from(value).toString('utf8') };
    } catch (error) {
      return error instanceof Refused && error.errorName.startsWith('org.freedesktop.Secret.Error.')
        ? 'absent'
        : 'unavailable';
    }
  }

  close(): void {
    this.bus?.close();
  }
}

function secretsCall(
  path: string,
  on: 'Service' | 'Item',
  member: string,
  signature: string,
  body: DbusValue[],
): Omit<MethodCall, 'serial'> {
  const iface = `org.freedesktop.Secret.${on}`;
  return {
    destination: SECRETS,
    path,
    interface: iface,
    member,
    signature,
    body,
    noAutoStart: true,
  };
}

/** A method's answer: its body, or the error it was refused with, thrown. */
function reply(message: Incoming | undefined): DbusValue[] {
  if (message?.type === METHOD_RETURN) return message.body;
  throw new Refused(message?.errorName ?? 'no reply');
}

class Refused extends Error {
  constructor(readonly errorName: string) {
    super(errorName);
  }
}

/**
 * The socket of the first unix transport in a D-Bus address ("unix:path=…" or, on Linux,
 * "unix:abstract=…"); undefined for an unset address or only other transports.
 */
export function sessionBusSocket(address: string | undefined): string | undefined {
  for (const entry of (address ?? '').split(';')) {
    const [transport, rest = ''] = entry.split(/:(.*)/s);
    if (transport !== 'unix') continue;
    const keys = new Map(rest.split(',').map((pair) => pair.split(/=(.*)/s) as [string, string]));
    const unescape = (value: string | undefined) =>
      value === undefined ? undefined : decodeURIComponent(value);
    const path = unescape(keys.get('path'));
    if (path) return path;
    const abstract = unescape(keys.get('abstract'));
    if (abstract) return `\0${abstract}`;
  }
  return undefined;
}

/** The session bus, authenticated as this user, with replies matched to calls by serial. */
class BusConnection {
  readonly #socket: Socket;
  readonly #ready: Promise<void>;
  readonly #waiting = new Map<number, (message: Incoming) => void>();
  #serial = 0;
  #buffer: Uint8Array = new Uint8Array(0);
  #failed: ((error: Error) => void)[] = [];
  #timer: NodeJS.Timeout;

  constructor(path: string, uid: number, timeoutMs: number) {
    this.#socket = createConnection({ path });
    this.#timer = setTimeout(
      () => this.#fail(new Error('the session bus did not answer')),
      timeoutMs,
    );
    this.#socket.on('error', (error) => this.#fail(error));
    this.#socket.on('close', () => this.#fail(new Error('the session bus closed the connection')));
    this.#ready = this.#authenticate(uid);
  }

  /** SASL EXTERNAL: the bus checks the socket's peer credentials against the uid we name. */
  #authenticate(uid: number): Promise<void> {
    const hexUid = Buffer.from(String(uid)).toString('hex');
    this.#socket.write(`\0AUTH EXTERNAL ${hexUid}\r\n`);
    return new Promise((resolve, reject) => {
      this.#failed.push(reject);
      let line = '';
      const onData = (chunk: Buffer) => {
        line += chunk.toString('latin1');
        if (!line.includes('\r\n')) return;
        this.#socket.off('data', onData);
        if (!line.startsWith('OK ')) return reject(new Error('the session bus refused us'));
        this.#socket.write('BEGIN\r\n');
        this.#socket.on('data', (data: Buffer) => this.#receive(data));
        resolve();
      };
      this.#socket.on('data', onData);
    });
  }

  /** Sends the calls together and waits for every reply (or error reply), in order. */
  async call(calls: Omit<MethodCall, 'serial'>[]): Promise<Incoming[]> {
    await this.#ready;
    const replies = calls.map((call) => {
      const serial = ++this.#serial;
      this.#socket.write(encodeCall({ ...call, serial }));
      return new Promise<Incoming>((resolve, reject) => {
        this.#failed.push(reject);
        this.#waiting.set(serial, resolve);
      });
    });
    return Promise.all(replies);
  }

  #receive(data: Buffer): void {
    const joined = new Uint8Array(this.#buffer.length + data.length);
    joined.set(this.#buffer);
    joined.set(data, this.#buffer.length);
    this.#buffer = joined;
    try {
      for (
        let length = messageLength(this.#buffer);
        length !== undefined && length <= this.#buffer.length;
        length = messageLength(this.#buffer)
      ) {
        const message = decodeMessage(this.#buffer.subarray(0, length));
        this.#buffer = this.#buffer.slice(length);
        // Signals (NameAcquired after Hello) have no reply serial and are not ours to wait for.
        const isAnswer = message.type === METHOD_RETURN || message.type === ERROR;
        if (isAnswer && message.replySerial !== undefined)
          this.#waiting.get(message.replySerial)?.(message);
      }
    } catch (error) {
      this.#fail(error instanceof Error ? error : new Error(String(error)));
    }
  }

  #fail(error: Error): void {
    for (const reject of this.#failed.splice(0)) reject(error);
    this.close();
  }

  close(): void {
    clearTimeout(this.#timer);
    this.#socket.destroy();
  }
}
