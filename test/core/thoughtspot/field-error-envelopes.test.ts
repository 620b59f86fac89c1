// Issue 13, item 1: error bodies as live clusters send them, oddities included, from a real HTTP
// server that answers exactly what a case says. Every case is refused with the code its reason
// calls for; no control character, raw JSON or secret reaches the message or the details.
import { afterEach, describe, expect, it } from 'vitest';
import type { AppError } from '../../../electron/core/errors/index.js';
import { call, json, SECRETS } from '../../reliability/support/bad-server-kit.js';
import { errorEnvelopeCases } from '../../reliability/support/error-envelope-cases.js';
import { expectAppError, expectNoSecrets } from '../../support/expect-error.js';
import { startRawServer, type RawServer } from '../../support/raw-server.js';

const servers: RawServer[] = [];
afterEach(() => Promise.all(servers.splice(0).map((server) => server.close())));

function expectNothingRaw(error: AppError): void {
  for (const text of [error.message, ...Object.values(error.details).map(String)]) {
    // eslint-disable-next-line no-control-regex -- control characters are what must not be there
    expect(text).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
    expect(text).not.toMatch(/\["|"\]|\[null\]|\\n|[{}]|Error Code:|Incident Id:|Error Message:/);
  }
}

describe('error envelopes from the field', () => {
  it.each(errorEnvelopeCases().map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const server = await startRawServer(json(c.status, c.body));
    servers.push(server);
    const error = await expectAppError(call(c.op, server, 3_000), c.code);
    expect(error.details).toMatchObject(c.details);
    for (const key of c.absent ?? []) expect(error.details).not.toHaveProperty(key);
    if (c.says !== undefined) expect(error.message).toContain(c.says);
    expectNothingRaw(error);
    expectNoSecrets(error, SECRETS);
  });
});
