// Bad servers over real HTTP: every case ends in a typed AppError with a clear message and no
// secret in it, or (for fields the client never reads) is ignored without changing the result.
// No case may hang (each has its own deadline) or leave an unhandled rejection behind.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { isAppError, type AppError } from '../../electron/core/errors/index.js';
import { startEmulator, type RunningEmulator } from '../emulator/index.js';
import { expectAppError, expectNoSecrets } from '../support/expect-error.js';
import { startRawServer, type RawServer } from '../support/raw-server.js';
import { call, json, operationWords, SECRETS, type Op } from './support/bad-server-kit.js';
import { BASELINES, fieldCases } from './support/field-cases.js';
import { TRANSPORT_CASES, type Servers } from './support/transport-cases.js';

const CASE_TIMEOUT_MS = 8_000;
const CLIENT_TIMEOUT_MS = 3_000;

const rejections: unknown[] = [];
const collect = (reason: unknown): void => void rejections.push(reason);
beforeAll(() => process.on('unhandledRejection', collect));
afterAll(() => {
  process.off('unhandledRejection', collect);
  expect(rejections).toEqual([]);
});

const raws: RawServer[] = [];
const emulators: RunningEmulator[] = [];
const servers: Servers = {
  raw: async (handler) => {
    const server = await startRawServer(handler);
    raws.push(server);
    return server;
  },
  emulator: async (options) => {
    const emulator = await startEmulator({ port: 0, ...options });
    emulators.push(emulator);
    return emulator;
  },
};
afterEach(async () => {
  await Promise.all([
    ...raws.splice(0).map((server) => server.close()),
    ...emulators.splice(0).map((emulator) => emulator.close()),
  ]);
});

const tally = { refused: 0, tolerated: 0 };

/** A message a person can read: no leftovers of string building, no secret. */
function expectClear(error: AppError): void {
  expect(error.message).not.toMatch(/undefined|\[object Object\]|NaN|\(UNKNOWN\)|[<>]=\d/);
  expect(error.message.length).toBeLessThan(400);
  expectNoSecrets(error, SECRETS);
}

describe('transport, framing, TLS and protocol failures', () => {
  it.each(TRANSPORT_CASES.map((c) => [c.name, c] as const))(
    '%s',
    async (_name, c) => {
      const target = await c.start(servers);
      const started = Date.now();
      const error = await expectAppError(
        call(c.op, target, c.timeoutMs ?? CLIENT_TIMEOUT_MS),
        c.code,
      );
      expect(Date.now() - started).toBeLessThan((c.timeoutMs ?? CLIENT_TIMEOUT_MS) + 1_500);
      expect(error.message).toContain(c.fragment);
      expectClear(error);
      target.after?.();
      tally.refused++;
    },
    CASE_TIMEOUT_MS,
  );
});

describe('wrong types in every field of every dialect', () => {
  const baselines = new Map<Op, unknown>();

  /** What the client makes of the well-formed answer: tolerated fields must not change it. */
  async function baselineOf(op: Op, shape: keyof typeof BASELINES): Promise<unknown> {
    if (!baselines.has(op)) {
      const server = await servers.raw(json(200, BASELINES[shape]));
      baselines.set(op, await call(op, server, CLIENT_TIMEOUT_MS));
    }
    return baselines.get(op);
  }

  it.each(fieldCases().map((c) => [c.name, c] as const))(
    '%s',
    async (_name, c) => {
      const expected = 'tolerated' in c.outcome ? await baselineOf(c.op, c.shape) : undefined;
      const server = await servers.raw(json(200, c.body));
      const pending = call(c.op, server, CLIENT_TIMEOUT_MS);
      if ('refused' in c.outcome) {
        const error = await expectAppError(pending, 'UNEXPECTED_RESPONSE');
        expect(error.message).toContain(c.outcome.refused);
        expect(error.message).toContain(`${server.url} answered`);
        if (!c.outcome.refused.includes('not a valid number'))
          expect(error.message).toContain(`answered ${operationWords(c.op)} with`);
        expectClear(error);
        tally.refused++;
        return;
      }
      const result = await pending.catch((error: unknown) => {
        throw new Error(
          `expected the client to ignore this, got ${isAppError(error) ? error.message : String(error)}`,
        );
      });
      if (c.outcome.tolerated === 'same result') expect(result).toEqual(expected);
      else expect(result).toBeDefined();
      tally.tolerated++;
    },
    CASE_TIMEOUT_MS,
  );
});

const total = TRANSPORT_CASES.length + fieldCases().length;

it(`${total} bad inputs tried: each refused with a typed error or safely ignored, no unhandled rejection`, () => {
  expect(tally.refused + tally.tolerated).toBe(total);
  expect(rejections).toEqual([]);
  console.log(
    `${total} bad inputs tried: ${tally.refused} refused with a typed error, ${tally.tolerated} ignored without effect, 0 unhandled rejections`,
  );
});
