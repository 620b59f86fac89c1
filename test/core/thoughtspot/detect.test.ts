import { afterAll, describe, expect, it } from 'vitest';
import { detectDialect, type Dialect } from '../../../electron/core/thoughtspot/index.js';
import { startEmulator, type RunningEmulator } from '../../emulator/index.js';
import { expectAppError } from '../../support/expect-error.js';
import { closedPortUrl, startRawServer } from '../../support/raw-server.js';

const running: RunningEmulator[] = [];
afterAll(() => Promise.all(running.map((emulator) => emulator.close())));

async function emulatorSpeaking(dialects: Dialect[]): Promise<RunningEmulator> {
  const emulator = await startEmulator({ port: 0, dialects });
  running.push(emulator);
  return emulator;
}

describe('dialect detection from a bare cluster URL', () => {
  it.each([[['A']], [['B']], [['C']], [['A', 'B']]] as [Dialect[]][])(
    'finds the newest dialect of a cluster speaking %j',
    async (dialects) => {
      const emulator = await emulatorSpeaking(dialects);
      const expected = dialects.includes('C') ? 'C' : dialects.includes('B') ? 'B' : 'A';
      expect(await detectDialect({ baseUrl: emulator.url })).toBe(expected);
    },
  );

  it('prefers C on a cluster that speaks all three, and also accepts a path like /#/home', async () => {
    const emulator = await emulatorSpeaking(['A', 'B', 'C']);
    expect(await detectDialect({ baseUrl: `${emulator.url}/` })).toBe('C');
  });

  it('sends no credential, cookie or body while probing', async () => {
    const emulator = await emulatorSpeaking(['A']);
    await detectDialect({ baseUrl: emulator.url });
    expect(emulator.requests.length).toBe(3);
    for (const request of emulator.requests) {
      expect(request).toMatchObject({
        method: 'GET',
        hasAuthorization: false,
        hasCookie: false,
        bodyKeys: [],
      });
    }
  });

  it('reports a server that speaks none of them as not ThoughtSpot', async () => {
    const server = await startRawServer((_request, response) => {
      response.writeHead(404, { 'content-type': 'application/json' });
      response.end('{"message":"no such route"}');
    });
    try {
      const error = await expectAppError(detectDialect({ baseUrl: server.url }), 'NOT_THOUGHTSPOT');
      expect(error.message).toBe(
        `${server.url} does not answer like a ThoughtSpot cluster (none of the session APIs /api/rest/2.0, /tspublic/rest/v2, /api/rest/v2 or /callosum/v1/tspublic/v1 is there)`,
      );
    } finally {
      await server.close();
    }
  });

  it('reports an SSO page in front of the cluster', async () => {
    const emulator = await startEmulator({ port: 0, ssoHtml: true });
    running.push(emulator);
    const error = await expectAppError(detectDialect({ baseUrl: emulator.url }), 'NOT_THOUGHTSPOT');
    expect(error.message).toContain('answered with a web page');
  });

  it('reports an unreachable cluster as a network problem, not as "not ThoughtSpot"', async () => {
    const url = await closedPortUrl();
    await expectAppError(detectDialect({ baseUrl: url }), 'NETWORK');
  });
});
