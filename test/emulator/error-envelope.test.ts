// The emulator's two error envelopes (issue 13, item 1): `live` (the default) as 10.x clusters
// answer, `documented` as the OpenAPI examples show, chosen by option or by --error-envelope.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCliArgs } from './cli-args.js';
import { FAILURES, startEmulator, type Dialect, type RunningEmulator } from './index.js';
import { call, liveDebugOf, type Answer, type ErrorAB, type ErrorData } from './test-http.js';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const WRONG = FAILURES.badCredentials;

// V1's envelope is tested in emulator-v1.test.ts.
const TOKEN_CALL: Record<'A' | 'B' | 'C', { path: string; body: Record<string, string> }> = {
  A: { path: '/api/rest/v2/session/gettoken', body: { userName: 'tsadmin', password: 'no' } },
  B: { path: '/tspublic/rest/v2/session/gettoken', body: { userName: 'tsadmin', password: 'no' } },
  C: { path: '/api/rest/2.0/auth/token/full', body: { username: 'tsadmin', password: 'no' } },
};

/** The data object as sent, checking the envelope around it for this dialect. */
function rawData(dialect: Dialect, answer: Answer, envelope: 'live' | 'documented'): ErrorData {
  if (dialect !== 'C') {
    expect(answer.status).toBe(500);
    const upstream = (answer.json as ErrorAB).error.errors.extension.exception.upstreamResponse;
    expect(upstream.status).toBe(WRONG.status);
    return upstream.data;
  }
  expect(answer.status).toBe(WRONG.status);
  const message = (answer.json as { error: { message: Record<string, unknown> } }).error.message;
  if (envelope === 'documented') return message as unknown as ErrorData;
  expect(Object.keys(message)).toEqual(['debug']);
  return message.debug as ErrorData;
}

describe('error envelope switch', () => {
  it('is live by default and takes live or documented, by option and by flag', async () => {
    expect(parseCliArgs(['--error-envelope', 'documented'])).toEqual({
      errorEnvelope: 'documented',
    });
    expect(parseCliArgs(['--error-envelope', 'live'])).toEqual({ errorEnvelope: 'live' });
    expect(() => parseCliArgs(['--error-envelope', 'openapi'])).toThrow(
      '--error-envelope takes live or documented, got "openapi"',
    );
    await expect(startEmulator({ errorEnvelope: 'openapi' as unknown as 'live' })).rejects.toThrow(
      'errorEnvelope must be live or documented',
    );
  });
});

describe.each([
  ['live (the default)', undefined],
  ['live', 'live'],
  ['documented', 'documented'],
] as const)('the %s envelope over HTTP', (_label, errorEnvelope) => {
  const envelope = errorEnvelope ?? 'live';
  let emulator: RunningEmulator;
  beforeAll(async () => {
    // Through the CLI's parser, as `--error-envelope` reaches startEmulator in main.ts.
    const flags = errorEnvelope === undefined ? [] : ['--error-envelope', errorEnvelope];
    const options = parseCliArgs(flags);
    if (options === 'help') throw new Error('unexpected help');
    emulator = await startEmulator(options);
  });
  afterAll(() => emulator.close());

  it.each(['A', 'B', 'C'] as const)('dialect %s: a wrong password', async (dialect) => {
    const { path, body } = TOKEN_CALL[dialect];
    const data = rawData(dialect, await call(emulator.url, 'POST', path, { body }), envelope);
    expect(Object.keys(data)).toEqual(['code', 'incident_id_guid', 'trace_id_guid', 'debug']);
    expect(data.code).toBe(WRONG.code);
    expect(data.incident_id_guid).toMatch(GUID);
    expect(data.trace_id_guid).toMatch(GUID);
    if (envelope === 'documented') {
      expect(data.debug).toBe(WRONG.debug);
      return;
    }
    expect(JSON.parse(data.debug)).toEqual([
      `Error Code: AUTHENTICATION_FAILED Incident Id: ${data.incident_id_guid}\nError Message: ${WRONG.debug}`,
    ]);
    expect(liveDebugOf(data)).toEqual({
      name: WRONG.name,
      incident: data.incident_id_guid,
      text: WRONG.debug,
    });
  });
});
