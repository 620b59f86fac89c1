import { splitSignature, WireError, WireReader, WireWriter, type DbusValue } from './dbus-wire.js';

/**
 * D-Bus messages as this app sends and reads them: method calls out; replies, errors and
 * signals in. Little-endian only (a big-endian reply is refused, and the caller falls back).
 */

const METHOD_CALL = 1;
export const METHOD_RETURN = 2;
export const ERROR = 3;
/** The bus must not start the service for this call: a stopped keychain is the caller's to handle. */
const NO_AUTO_START = 0x2;

const FIELD = { path: 1, interface: 2, member: 3, errorName: 4, replySerial: 5, destination: 6 };
const SIGNATURE_FIELD = 8;
const FIXED_HEADER = 16;
/** The specification's limit on a whole message. */
const MAX_MESSAGE = 128 * 1024 * 1024;

export interface MethodCall {
  serial: number;
  destination: string;
  path: string;
  interface: string;
  member: string;
  signature?: string;
  body?: DbusValue[];
  noAutoStart?: boolean;
}

export interface Incoming {
  type: number;
  replySerial?: number;
  errorName?: string;
  body: DbusValue[];
}

export function encodeCall(call: MethodCall): Uint8Array {
  const body = new WireWriter();
  const types = splitSignature(call.signature ?? '');
  const values = call.body ?? [];
  if (types.length !== values.length)
    throw new WireError(`${call.member}: body does not match its signature`);
  // The body's alignment counts from the message start, and the body starts 8-aligned.
  types.forEach((type, i) => body.write(type, values[i] as DbusValue));
  const fields: DbusValue[] = [
    [FIELD.path, { signature: 'o', value: call.path }],
    [FIELD.interface, { signature: 's', value: call.interface }],
    [FIELD.member, { signature: 's', value: call.member }],
    [FIELD.destination, { signature: 's', value: call.destination }],
  ];
  if (call.signature) fields.push([SIGNATURE_FIELD, { signature: 'g', value: call.signature }]);
  const message = new WireWriter();
  message.u8('l'.charCodeAt(0));
  message.u8(METHOD_CALL);
  message.u8(call.noAutoStart ? NO_AUTO_START : 0);
  message.u8(1);
  message.u32(body.length);
  message.u32(call.serial);
  message.write('a(yv)', fields);
  message.align(8);
  const head = message.bytes();
  const whole = new Uint8Array(head.length + body.length);
  whole.set(head);
  whole.set(body.bytes(), head.length);
  return whole;
}

/** The length of the whole message at the start of `bytes`, or undefined until its header is in. */
export function messageLength(bytes: Uint8Array): number | undefined {
  if (bytes.length < FIXED_HEADER) return undefined;
  if (bytes[0] !== 'l'.charCodeAt(0)) throw new WireError('only little-endian messages are read');
  const reader = new WireReader(bytes, 4);
  const bodyLength = reader.u32();
  reader.u32(); // serial
  const fieldsLength = reader.u32();
  const length = Math.ceil((FIXED_HEADER + fieldsLength) / 8) * 8 + bodyLength;
  if (length > MAX_MESSAGE) throw new WireError('message too long');
  return length;
}

/** One whole message (as long as messageLength said). */
export function decodeMessage(bytes: Uint8Array): Incoming {
  const reader = new WireReader(bytes, 1);
  const type = reader.u8();
  reader.u8(); // flags
  if (reader.u8() !== 1) throw new WireError('unknown D-Bus protocol version');
  reader.u32(); // body length: messageLength has framed it
  reader.u32(); // serial
  const incoming: Incoming = { type, body: [] };
  let signature = '';
  for (const field of reader.read('a(yv)') as [number, { value: DbusValue }][]) {
    const [code, { value }] = field;
    if (code === FIELD.replySerial && typeof value === 'number') incoming.replySerial = value;
    if (code === FIELD.errorName && typeof value === 'string') incoming.errorName = value;
    if (code === SIGNATURE_FIELD && typeof value === 'string') signature = value;
  }
  reader.align(8);
  incoming.body = splitSignature(signature).map((fieldType) => reader.read(fieldType));
  return incoming;
}
