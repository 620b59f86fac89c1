// The D-Bus wire format as the Secret Service read writes and reads it: exact bytes for the
// alignment rules, every type round-tripped, and malformed input refused rather than misread.
import { describe, expect, it } from 'vitest';
import {
  decodeMessage,
  encodeCall,
  messageLength,
} from '../../../electron/core/secrets/dbus-message.js';
import {
  splitSignature,
  WireError,
  WireReader,
  WireWriter,
  type DbusValue,
} from '../../../electron/core/secrets/dbus-wire.js';

const written = (type: string, value: DbusValue) => {
  const writer = new WireWriter();
  writer.write(type, value);
  return [...writer.bytes()];
};

describe('the wire format', () => {
  it('aligns a dict entry to 8 and its strings to 4, counting the array length without padding', () => {
    expect(written('a{ss}', [['a', 'b']])).toEqual([
      ...[14, 0, 0, 0, 0, 0, 0, 0], // length, then padding to the first entry
      ...[1, 0, 0, 0, 97, 0, 0, 0], // "a", NUL, padding
      ...[1, 0, 0, 0, 98, 0], // "b", NUL
    ]);
    expect(written('g', 'sv')).toEqual([2, 115, 118, 0]);
    expect(written('v', { signature: 'u', value: 7 })).toEqual([1, 117, 0, 0, 7, 0, 0, 0]);
  });

  it('reads back every type it writes', () => {
    const cases: [string, DbusValue][] = [
      ['y', 255],
      ['b', true],
      ['u', 4_000_000_000],
      ['i', -5],
      ['s', 'ünïcode ✓'],
      ['o', '/org/freedesktop/secrets/collection/login/7'],
      ['ao', ['/a', '/b/c']],
      ['ay', new Uint8Array([0, 1, 2, 255])],
      [
        'a{ss}',
        [
          ['service', 'x'],
          ['account', 'y'],
        ],
      ],
      ['(oayays)', ['/s', new Uint8Array(), new Uint8Array([104, 105]), 'text/plain']],
      ['v', { signature: 'ao', value: ['/x'] }],
    ];
    for (const [type, value] of cases) {
      const writer = new WireWriter();
      writer.u8(1); // off alignment, so padding is exercised
      writer.write(type, value);
      const reader = new WireReader(writer.bytes(), 1);
      expect(reader.read(type), type).toEqual(value);
      expect(reader.at, type).toBe(writer.length);
    }
  });

  it('refuses what it cannot read: short, not UTF-8, inconsistent or unknown', () => {
    const bad: [string, number[]][] = [
      ['s', [5, 0, 0, 0, 104, 105]], // shorter than it says
      ['s', [2, 0, 0, 0, 0xc3, 0x28, 0]], // not UTF-8
      ['ay', [200, 0, 0, 0, 1]], // array longer than the message
      ['au', [6, 0, 0, 0, 1, 0, 0, 0, 2, 0]], // length is not a whole number of elements
      ['v', [2, 117, 117, 0, 0, 0, 0, 0]], // a variant holding two types
      ['x', [0, 0, 0, 0, 0, 0, 0, 0]], // a type this reader does not know
    ];
    for (const [type, bytes] of bad) {
      expect(() => new WireReader(new Uint8Array(bytes)).read(type), type).toThrow(WireError);
    }
    expect(() => splitSignature('a{ss')).toThrow(WireError);
    expect(() => new WireWriter().write('(ss)', ['one'])).toThrow(WireError);
  });
});

describe('messages', () => {
  it('frames a method call whole and reads its header fields back', () => {
    const call = encodeCall({
      serial: 3,
      destination: 'org.freedesktop.secrets',
      path: '/org/freedesktop/secrets',
      interface: 'org.freedesktop.Secret.Service',
      member: 'SearchItems',
      signature: 'a{ss}',
      body: [[['service', 'tsm']]],
      noAutoStart: true,
    });
    expect(String.fromCharCode(call[0] ?? 0)).toBe('l');
    expect(call[1]).toBe(1); // a method call
    expect(call[2]).toBe(2); // NO_AUTO_START: a stopped keychain is not started
    expect(messageLength(call)).toBe(call.length);
    expect(messageLength(call.subarray(0, 15))).toBeUndefined();
    const read = decodeMessage(call);
    expect(read.type).toBe(1);
    expect(read.body).toEqual([[['service', 'tsm']]]);
  });

  it('refuses a big-endian message, a body that does not match its signature, and a huge length', () => {
    const call = encodeCall({
      serial: 1,
      destination: 'd',
      path: '/',
      interface: 'i',
      member: 'm',
    });
    const big = Uint8Array.from(call);
    big[0] = 'B'.charCodeAt(0);
    expect(() => messageLength(big)).toThrow(/little-endian/);
    expect(() =>
      encodeCall({
        serial: 1,
        destination: 'd',
        path: '/',
        interface: 'i',
        member: 'm',
        signature: 's',
      }),
    ).toThrow(WireError);
    const huge = Uint8Array.from(call);
    huge.set([0xff, 0xff, 0xff, 0x7f], 4);
    expect(() => messageLength(huge)).toThrow(/too long/);
  });
});
