import { isUtf8 } from 'node:buffer';

/**
 * The D-Bus wire format (little-endian), only as much as reading one Secret Service entry needs:
 * the basic types y b u i s o g, arrays, structs, dict entries and variants, and a message's
 * header. See the D-Bus specification, "Message Protocol". A value's alignment counts from the
 * start of its message, which is how both classes here count.
 */

/** A variant's value, with the signature it was written with. */
export interface Variant {
  signature: string;
  value: DbusValue;
}

export type DbusValue = number | boolean | string | Uint8Array | Variant | DbusValue[];

export class WireError extends Error {}

const ALIGN: Record<string, number> = { y: 1, g: 1, v: 1, b: 4, u: 4, i: 4, s: 4, o: 4, a: 4 };

function alignOf(code: string): number {
  if (code === '(' || code === '{') return 8;
  const align = ALIGN[code];
  if (align === undefined) throw new WireError(`unsupported D-Bus type '${code}'`);
  return align;
}

/** The end (exclusive) of the single complete type starting at `at`. */
export function completeType(signature: string, at: number): number {
  const code = signature[at];
  if (code === undefined) throw new WireError('signature ends early');
  if (code === 'a') return completeType(signature, at + 1);
  if (code !== '(' && code !== '{') return at + 1;
  const close = code === '(' ? ')' : '}';
  let next = at + 1;
  while (signature[next] !== close) {
    if (next >= signature.length) throw new WireError(`unclosed '${code}' in signature`);
    next = completeType(signature, next);
  }
  return next + 1;
}

/** The complete types a signature is made of, e.g. "aoao" → ["ao", "ao"]. */
export function splitSignature(signature: string): string[] {
  const types: string[] = [];
  for (let at = 0; at < signature.length;) {
    const end = completeType(signature, at);
    types.push(signature.slice(at, end));
    at = end;
  }
  return types;
}

/** Inner types of a struct "(…)" or dict entry "{…}". */
function members(type: string): string[] {
  return splitSignature(type.slice(1, -1));
}

export class WireWriter {
  #bytes = new Uint8Array(256);
  #view = new DataView(this.#bytes.buffer);
  #length = 0;

  get length(): number {
    return this.#length;
  }

  bytes(): Uint8Array {
    return this.#bytes.slice(0, this.#length);
  }

  #room(extra: number): void {
    if (this.#length + extra <= this.#bytes.length) return;
    const grown = new Uint8Array(Math.max(this.#bytes.length * 2, this.#length + extra));
    grown.set(this.#bytes);
    this.#bytes = grown;
    this.#view = new DataView(grown.buffer);
  }

  align(to: number): void {
    const pad = (to - (this.#length % to)) % to;
    this.#room(pad);
    this.#bytes.fill(0, this.#length, this.#length + pad);
    this.#length += pad;
  }

  u8(value: number): void {
    this.#room(1);
    this.#bytes[this.#length++] = value;
  }

  u32(value: number, at?: number): void {
    if (at !== undefined) return this.#view.setUint32(at, value, true);
    this.align(4);
    this.#room(4);
    this.#view.setUint32(this.#length, value, true);
    this.#length += 4;
  }

  #raw(bytes: Uint8Array): void {
    this.#room(bytes.length + 1);
    this.#bytes.set(bytes, this.#length);
    this.#length += bytes.length;
    this.#bytes[this.#length++] = 0;
  }

  /** Writes one value of one complete type. */
  write(type: string, value: DbusValue): void {
    const code = type[0] ?? '';
    switch (code) {
      case 'y':
        return this.u8(expect(value, 'number'));
      case 'b':
        return this.u32(expect(value, 'boolean') ? 1 : 0);
      case 'u':
      case 'i':
        return this.u32(expect(value, 'number') >>> 0);
      case 's':
      case 'o': {
        const bytes = Buffer.from(expect(value, 'string'), 'utf8');
        this.u32(bytes.length);
        return this.#raw(bytes);
      }
      case 'g': {
        const bytes = Buffer.from(expect(value, 'string'), 'utf8');
        if (bytes.length > 255) throw new WireError('signature too long');
        this.u8(bytes.length);
        return this.#raw(bytes);
      }
      case 'v': {
        const variant = value as Variant;
        this.write('g', variant.signature);
        return this.write(variant.signature, variant.value);
      }
      case 'a':
        return this.#array(type.slice(1), value);
      case '(':
      case '{': {
        this.align(8);
        const fields = asArray(value);
        const types = members(type);
        if (fields.length !== types.length)
          throw new WireError(`${type} needs ${types.length} fields`);
        types.forEach((fieldType, i) => this.write(fieldType, fields[i] as DbusValue));
        return;
      }
      default:
        throw new WireError(`unsupported D-Bus type '${code}'`);
    }
  }

  #array(element: string, value: DbusValue): void {
    this.u32(0);
    const lengthAt = this.#length - 4;
    this.align(alignOf(element[0] ?? ''));
    const start = this.#length;
    if (element === 'y' && value instanceof Uint8Array) {
      this.#room(value.length);
      this.#bytes.set(value, this.#length);
      this.#length += value.length;
    } else {
      for (const item of asArray(value)) this.write(element, item);
    }
    this.u32(this.#length - start, lengthAt);
  }
}

export class WireReader {
  #view: DataView;
  #at: number;

  constructor(
    private readonly bytes: Uint8Array,
    at = 0,
  ) {
    this.#view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.#at = at;
  }

  get at(): number {
    return this.#at;
  }

  align(to: number): void {
    this.#at += (to - (this.#at % to)) % to;
    this.#need(0);
  }

  #need(count: number): void {
    if (this.#at + count > this.bytes.length) throw new WireError('message ends early');
  }

  u8(): number {
    this.#need(1);
    return this.bytes[this.#at++] ?? 0;
  }

  u32(): number {
    this.align(4);
    this.#need(4);
    const value = this.#view.getUint32(this.#at, true);
    this.#at += 4;
    return value;
  }

  #text(length: number): string {
    this.#need(length + 1);
    const text = Buffer.from(this.bytes.buffer, this.bytes.byteOffset + this.#at, length);
    // isUtf8 rather than a fatal TextDecoder, which costs a few ms to set up on Node 20.
    if (!isUtf8(text)) throw new WireError('a string is not UTF-8');
    this.#at += length + 1;
    return text.toString('utf8');
  }

  /** Reads one value of one complete type. */
  read(type: string): DbusValue {
    const code = type[0] ?? '';
    switch (code) {
      case 'y':
        return this.u8();
      case 'b':
        return this.u32() !== 0;
      case 'u':
        return this.u32();
      case 'i':
        return this.u32() | 0;
      case 's':
      case 'o':
        return this.#text(this.u32());
      case 'g':
        return this.#text(this.u8());
      case 'v': {
        const signature = this.#text(this.u8());
        if (completeType(signature, 0) !== signature.length)
          throw new WireError('a variant holds one complete type');
        return { signature, value: this.read(signature) };
      }
      case 'a':
        return this.#array(type.slice(1));
      case '(':
      case '{':
        this.align(8);
        return members(type).map((fieldType) => this.read(fieldType));
      default:
        throw new WireError(`unsupported D-Bus type '${code}'`);
    }
  }

  #array(element: string): DbusValue {
    const length = this.u32();
    this.align(alignOf(element[0] ?? ''));
    const end = this.#at + length;
    this.#need(length);
    if (element === 'y') {
      const bytes = this.bytes.slice(this.#at, end);
      this.#at = end;
      return bytes;
    }
    const items: DbusValue[] = [];
    while (this.#at < end) items.push(this.read(element));
    if (this.#at !== end) throw new WireError('array length does not match its elements');
    return items;
  }
}

function expect<T extends 'number' | 'boolean' | 'string'>(
  value: DbusValue,
  kind: T,
): T extends 'number' ? number : T extends 'boolean' ? boolean : string {
  if (typeof value !== kind) throw new WireError(`expected a ${kind}`);
  return value as never;
}

function asArray(value: DbusValue): DbusValue[] {
  if (!Array.isArray(value)) throw new WireError('expected an array');
  return value;
}
