import { afterEach, describe, expect, it } from 'vitest';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ThoughtSpotClient, type Dialect } from '../../../electron/core/thoughtspot/index.js';
import { startEmulator } from '../../emulator/index.js';
import { expectAppError, expectNoSecrets } from '../../support/expect-error.js';
import { closedPortUrl, startRawServer, type RawServer } from '../../support/raw-server.js';

const servers: RawServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function serve(
  handle: (request: IncomingMessage, response: ServerResponse) => void,
): Promise<RawServer> {
  const server = await startRawServer(handle);
  servers.push(server);
  return server;
}

const tokenFor = (
  baseUrl: string,
  dialect: Dialect = 'C',
  extra: { timeoutMs?: number; signal?: AbortSignal } = {},
) =>
  new ThoughtSpotClient({
    baseUrl,
    dialect,
    retries: 0,
    ...(extra.timeoutMs ? { timeoutMs: extra.timeoutMs } : {}),
  }).getToken(
    { username: 'tsadmin', credential: { kind: 'password', password: 's3cret-pw' } },
    extra.signal ? { signal: extra.signal } : {},
  );

const json = (status: number, body: string) => (_: IncomingMessage, response: ServerResponse) => {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(body);
};

describe('could not talk to the cluster', () => {
  it('connection refused', async () => {
    const url = await closedPortUrl();
    const error = await expectAppError(tokenFor(url), 'NETWORK');
    expect(error.message).toBe(
      `Could not connect to ${url}: connection refused (is the cluster running, and is the port right?)`,
    );
    expect(error.details.cause).toBe('ECONNREFUSED');
  });

  it('DNS failure', async () => {
    const error = await expectAppError(tokenFor('https://tsm-test-cluster.invalid'), 'NETWORK');
    expect(error.message).toBe(
      'Could not find the host tsm-test-cluster.invalid (DNS lookup failed); check the cluster URL and your network',
    );
  });

  it('connection reset before an answer', async () => {
    const server = await serve((request) => request.socket.destroy());
    const error = await expectAppError(tokenFor(server.url), 'NETWORK');
    expect(error.message).toBe(`The connection to ${server.url} was closed unexpectedly`);
  });

  it('connection reset in the middle of the body', async () => {
    const server = await serve((request, response) => {
      response.writeHead(200, { 'content-type': 'application/json', 'content-length': '1000' });
      response.write('{"token": "abc', () => request.socket.destroy());
    });
    const error = await expectAppError(tokenFor(server.url), 'NETWORK');
    expect(error.message).toBe(`The connection to ${server.url} was closed unexpectedly`);
  });

  it('a cluster that never answers times out', async () => {
    const server = await serve(() => undefined);
    const error = await expectAppError(tokenFor(server.url, 'C', { timeoutMs: 300 }), 'TIMEOUT');
    expect(error.message).toBe(
      `${server.url} did not answer within 0.3 s; check the network or try again`,
    );
  });

  it('a body that never ends times out too', async () => {
    const server = await serve((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.write('{"token":');
    });
    await expectAppError(tokenFor(server.url, 'C', { timeoutMs: 300 }), 'TIMEOUT');
  });

  it('the caller can cancel', async () => {
    const server = await serve(() => undefined);
    const controller = new AbortController();
    const pending = tokenFor(server.url, 'C', { signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    const error = await expectAppError(pending, 'CANCELLED');
    expect(error.message).toBe(`The request to ${server.url} was cancelled`);
  });
});

describe('TLS', () => {
  it('refuses a self-signed certificate, and accepts it with its CA or the insecure switch', async () => {
    const emulator = await startEmulator({ port: 0, tls: true });
    try {
      expect(emulator.url).toMatch(/^https:/);
      const refused = await expectAppError(tokenFor(emulator.url), 'TLS');
      expect(refused.message).toBe(
        `The certificate of ${emulator.url} is self-signed; add its CA in the profile's TLS settings`,
      );
      expectNoSecrets(refused, ['s3cret-pw']);

      const request = {
        username: 'tsadmin',
        credential: { kind: 'password' as const, password: 'admin' },
      };
      const trusted = new ThoughtSpotClient({
        baseUrl: emulator.url,
        dialect: 'C',
        tls: { caPem: emulator.caPem ?? '' },
      });
      expect((await trusted.getToken(request)).username).toBe('tsadmin');

      const insecure = new ThoughtSpotClient({
        baseUrl: emulator.url,
        dialect: 'A',
        tls: { dangerouslyAcceptAnyCertificate: true },
      });
      expect((await insecure.getToken(request)).username).toBe('tsadmin');
    } finally {
      await emulator.close();
    }
  });

  it('names a certificate issued for another host', async () => {
    const emulator = await startEmulator({
      port: 0,
      tls: { altNames: ['DNS:cluster.example.com'] },
    });
    try {
      const client = new ThoughtSpotClient({
        baseUrl: emulator.url,
        dialect: 'C',
        retries: 0,
        tls: { caPem: emulator.caPem ?? '' },
      });
      const error = await expectAppError(
        client.getToken({
          username: 'tsadmin',
          credential: { kind: 'password', password: 'admin' },
        }),
        'TLS',
      );
      expect(error.message).toBe(
        `The certificate of ${emulator.url} was issued for a different host name; check the cluster URL`,
      );
    } finally {
      await emulator.close();
    }
  });

  it('says so when https:// points at a plain HTTP port', async () => {
    const server = await serve(json(200, '{}'));
    const url = server.url.replace('http:', 'https:');
    const error = await expectAppError(tokenFor(url), 'TLS');
    expect(error.message).toMatch(
      /^A secure connection to https:\/\/127\.0\.0\.1:\d+ could not be made \(.+\); is it really HTTPS on that port\?$/,
    );
  });
});

describe('answers that are not ThoughtSpot JSON', () => {
  it('an SSO page (HTML) in front of the cluster', async () => {
    const emulator = await startEmulator({ port: 0, ssoHtml: true });
    try {
      const error = await expectAppError(tokenFor(emulator.url), 'NOT_THOUGHTSPOT');
      expect(error.message).toBe(
        `${emulator.url} answered with a web page instead of ThoughtSpot's API — an SSO or proxy sign-in page may be in front of the cluster`,
      );
    } finally {
      await emulator.close();
    }
  });

  it('a redirect to another origin is not followed, and no credential goes there', async () => {
    const elsewhere = await serve(json(200, '{}'));
    const server = await serve((_request, response) => {
      response.writeHead(302, { location: `${elsewhere.url}/idp/login?SAMLRequest=xyz` });
      response.end();
    });
    const error = await expectAppError(tokenFor(server.url), 'NOT_THOUGHTSPOT');
    expect(error.message).toBe(
      `${server.url} redirected the request to get a token to ${elsewhere.url}/idp/login — an SSO or proxy sign-in may be in front of the cluster; credentials were not sent there`,
    );
    expect(elsewhere.seen).toHaveLength(0);
  });

  it('a same-origin redirect of a GET is followed, with the bearer token kept', async () => {
    const server = await serve((request, response) => {
      if (request.url === '/api/rest/2.0/auth/session/user') {
        response.writeHead(301, { location: '/moved/user' });
        response.end();
        return;
      }
      json(
        200,
        JSON.stringify({
          id: 'u1',
          name: 'tsadmin',
          display_name: 'Admin',
          visibility: 'SHARABLE',
        }),
      )(request, response);
    });
    const client = new ThoughtSpotClient({
      baseUrl: server.url,
      dialect: 'C',
      bearer: { token: 'tok-123' },
    });
    expect((await client.info()).username).toBe('tsadmin');
    expect(server.seen.map((seen) => [seen.url, seen.authorization])).toEqual([
      ['/api/rest/2.0/auth/session/user', 'Bearer tok-123'],
      ['/moved/user', 'Bearer tok-123'],
    ]);
  });

  it.each([
    ['truncated JSON', json(200, '{"token": "abc", "creation_'), 'with something that is not JSON'],
    ['an empty 200', json(200, ''), 'with an empty body'],
    [
      'a wrongly typed field',
      json(
        200,
        '{"token":"abc","creation_time_in_millis":"yesterday","expiration_time_in_millis":1}',
      ),
      'with a response whose field "creation_time_in_millis" is not number',
    ],
    ['a JSON array', json(200, '[1,2]'), 'with a response whose field "token" is missing'],
    ['a JSON string', json(200, '"token"'), 'with a response that is not Object'],
  ])('%s', async (_label, handler, fragment) => {
    const server = await serve(handler);
    const error = await expectAppError(tokenFor(server.url), 'UNEXPECTED_RESPONSE');
    expect(error.message).toContain(`${server.url} answered get a token ${fragment}`);
    expectNoSecrets(error, ['s3cret-pw']);
  });

  it('a 200 carrying an error body is still checked for shape', async () => {
    const server = await serve(json(200, '{"error":{"message":{"code":1,"debug":"nope"}}}'));
    await expectAppError(tokenFor(server.url), 'UNEXPECTED_RESPONSE');
  });

  it('invalid UTF-8', async () => {
    const server = await serve((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d]));
    });
    const error = await expectAppError(tokenFor(server.url), 'UNEXPECTED_RESPONSE');
    expect(error.message).toBe(
      `${server.url} answered get a token with bytes that are not valid UTF-8 text`,
    );
  });

  it('an oversized body is cut off, not read into memory', async () => {
    const chunk = Buffer.alloc(64 * 1024, 0x20);
    let written = 0;
    const server = await serve((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      const pump = (): void => {
        while (written < 50 * 1024 * 1024) {
          written += chunk.length;
          if (!response.write(chunk)) return void response.once('drain', pump);
        }
        response.end();
      };
      response.on('close', () => (written = Infinity));
      pump();
    });
    const error = await expectAppError(tokenFor(server.url), 'UNEXPECTED_RESPONSE');
    expect(error.message).toBe(
      `${server.url} answered get a token with more than 1 MiB; that is not a ThoughtSpot session response`,
    );
  });

  it('a plain 404 server is not ThoughtSpot', async () => {
    const server = await serve((_request, response) => {
      response.writeHead(404, { 'content-type': 'text/plain' });
      response.end('Not Found');
    });
    const error = await expectAppError(tokenFor(server.url, 'B'), 'NOT_THOUGHTSPOT');
    expect(error.message).toBe(
      `${server.url} answered get a token with HTTP 404 and no ThoughtSpot error; is this the cluster's URL, and does it speak this API dialect?`,
    );
  });
});

describe('retries', () => {
  it('retries an idempotent GET after a 503, at most twice', async () => {
    let calls = 0;
    const server = await serve((request, response) => {
      calls++;
      if (calls < 3) return json(503, '')(request, response);
      json(
        200,
        JSON.stringify({ id: 'u', name: 'tsadmin', display_name: 'A', visibility: 'SHARABLE' }),
      )(request, response);
    });
    const client = new ThoughtSpotClient({
      baseUrl: server.url,
      dialect: 'C',
      bearer: { token: 't' },
    });
    expect((await client.info()).username).toBe('tsadmin');
    expect(calls).toBe(3);
  });

  it('never retries a POST', async () => {
    const server = await serve(json(503, ''));
    const client = new ThoughtSpotClient({ baseUrl: server.url, dialect: 'C' });
    await expectAppError(
      client.getToken({ username: 'tsadmin', credential: { kind: 'password', password: 'x' } }),
      'SERVER_ERROR',
    );
    expect(server.seen).toHaveLength(1);
  });
});
