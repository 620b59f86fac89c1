// Cross-cutting behaviour: dialect restriction, unknown paths, body limits, request recording,
// injected clock, extra users, SSO proxy, flaky cluster, latency and HTTPS.
import { existsSync, readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { Agent, fetch as undiciFetch } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { startEmulator, type Dialect, type RunningEmulator } from './index.js';
import { subjectAltName } from './tls.js';
import { call, errorDataOfC, upstreamOf } from './test-http.js';

const started: RunningEmulator[] = [];
async function start(options: Parameters<typeof startEmulator>[0] = {}) {
  const emu = await startEmulator(options);
  started.push(emu);
  return emu;
}
afterEach(async () => {
  await Promise.all(started.splice(0).map((e) => e.close()));
});
const fullToken = { username: 'tsadmin', password: 'admin' };

describe('routing', () => {
  it('answers a dialect that is not enabled, and unknown paths, like a plain web server', async () => {
    const emu = await start({ dialects: ['C'] });
    for (const path of ['/api/rest/v2/session/login', '/tspublic/rest/v2/session/login', '/nope']) {
      const answer = await call(emu.url, 'POST', path, { body: { userName: 'tsadmin' } });
      expect([answer.status, answer.text]).toEqual([404, 'Not Found']);
      expect(answer.headers.get('content-type')).toMatch(/^text\/plain/);
    }
    expect(
      (await call(emu.url, 'POST', '/api/rest/2.0/auth/token/full', { body: fullToken })).status,
    ).toBe(200);
    const wrongMethod = await call(emu.url, 'GET', '/api/rest/2.0/auth/token/full');
    expect([wrongMethod.status, wrongMethod.headers.get('allow')]).toEqual([405, 'POST']);
  });

  it('rejects oversized and non-object bodies per dialect', async () => {
    const emu = await start();
    const big = JSON.stringify({ username: 'x'.repeat(70 * 1024) });
    const c = await call(emu.url, 'POST', '/api/rest/2.0/auth/token/full', { body: big });
    expect([c.status, errorDataOfC(c).debug]).toEqual([413, 'Invalid parameter values: body']);
    const a = await call(emu.url, 'POST', '/api/rest/v2/session/gettoken', { body: big });
    expect([a.status, upstreamOf(a).status]).toEqual([500, 413]);
    const list = await call(emu.url, 'POST', '/api/rest/2.0/auth/token/full', {
      body: [fullToken],
    });
    expect([list.status, errorDataOfC(list).code]).toEqual([400, 10001]);
  });

  it('answers malformed HTTP with 400 and keeps serving', async () => {
    const emu = await start();
    const reply = await new Promise<string>((resolve, reject) => {
      const socket = connect(Number(new URL(emu.url).port), '127.0.0.1', () => {
        socket.write('NOT HTTP AT ALL\r\n\r\n');
      });
      let text = '';
      socket.on('data', (d: Buffer) => (text += d.toString()));
      socket.on('end', () => resolve(text));
      socket.on('error', reject);
    });
    expect(reply).toMatch(/^HTTP\/1\.1 400/);
    expect(
      (await call(emu.url, 'POST', '/api/rest/2.0/auth/token/full', { body: fullToken })).status,
    ).toBe(200);
  });
});

describe('recording, clock and users', () => {
  it('records every request without any secret', async () => {
    const users = [
      { username: 'eve', password: 'S3cret-pw!', displayName: 'Eve', email: 'e@x.io' },
    ];
    const emu = await start({ users });
    const token = (
      await call(emu.url, 'POST', '/api/rest/2.0/auth/token/full', {
        body: { username: 'eve', password: 'S3cret-pw!' },
      })
    ).json as { token: string };
    await call(emu.url, 'GET', '/api/rest/2.0/auth/session/user?secret=q1', {
      token: token.token,
      cookie: 'JSESSIONID=x',
    });
    expect(emu.requests).toEqual([
      {
        method: 'POST',
        path: '/api/rest/2.0/auth/token/full',
        hasAuthorization: false,
        hasCookie: false,
        bodyKeys: ['username', 'password'],
      },
      {
        method: 'GET',
        path: '/api/rest/2.0/auth/session/user',
        hasAuthorization: true,
        hasCookie: true,
        bodyKeys: [],
      },
    ]);
    const recorded = JSON.stringify(emu.requests);
    for (const secret of ['S3cret-pw!', token.token, 'q1']) expect(recorded).not.toContain(secret);
  });

  it('uses an injected clock source and moves with advance/set', async () => {
    const emu = await start({ now: () => 1_700_000_000_000 });
    const first = (
      await call(emu.url, 'POST', '/api/rest/2.0/auth/token/full', { body: fullToken })
    ).json;
    expect(first).toMatchObject({ creation_time_in_millis: 1_700_000_000_000 });
    emu.clock.advance(5000);
    expect(emu.clock.now()).toBe(1_700_000_005_000);
    emu.clock.set(1_800_000_000_000);
    expect(emu.clock.now()).toBe(1_800_000_000_000);
  });

  it('validates extra users and lets them replace a seed', async () => {
    await expect(start({ users: [{ username: 'x' } as never] })).rejects.toThrow(
      /users\[0\] \("x"\)/,
    );
    await expect(start({ dialects: ['D' as Dialect] })).rejects.toThrow(/dialects/);
    const users = [
      {
        username: 'tsadmin',
        password: 'changed',
        displayName: 'Admin 2',
        email: 'a@b.c',
        orgs: [{ id: 7, name: 'Seven' }],
      },
    ];
    const emu = await start({ users });
    const ok = await call(emu.url, 'POST', '/api/rest/2.0/auth/token/full', {
      body: { username: 'tsadmin', password: 'changed' },
    });
    expect(ok.json).toMatchObject({ scope: { org_id: 7 } });
  });
});

describe('modes', () => {
  it('plays an SSO proxy: every path is an HTML login page', async () => {
    const emu = await start({ ssoHtml: true });
    for (const path of [
      '/api/rest/2.0/auth/session/user',
      '/tspublic/rest/v2/session/login',
      '/x',
    ]) {
      const answer = await call(emu.url, 'POST', path, { body: fullToken });
      expect(answer.status).toBe(200);
      expect(answer.headers.get('content-type')).toMatch(/^text\/html/);
      expect(answer.text).toContain('Sign in with your identity provider');
    }
  });

  it('fails at random with 500 in each dialect, before doing anything', async () => {
    const emu = await start({ failRate: 1 });
    const c = await call(emu.url, 'POST', '/api/rest/2.0/auth/token/full', { body: fullToken });
    expect([c.status, errorDataOfC(c).code, errorDataOfC(c).debug]).toEqual([
      500,
      10500,
      'Internal server error.',
    ]);
    const b = await call(emu.url, 'POST', '/tspublic/rest/v2/session/gettoken', {
      body: { userName: 'tsadmin', password: 'admin' },
    });
    expect([b.status, upstreamOf(b).status, upstreamOf(b).data.code]).toEqual([500, 500, 10500]);
    expect(emu.tokenRequests()).toBe(0);
  });

  it('delays every response by the latency', async () => {
    const emu = await start({ latencyMs: 150 });
    const t0 = performance.now();
    await call(emu.url, 'GET', '/nope');
    expect(performance.now() - t0).toBeGreaterThanOrEqual(140);
  });

  it('serves HTTPS whose certificate verifies against the CA it hands out', async () => {
    const emu = await start({ tls: true });
    expect(emu.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    expect(readFileSync(emu.caFile ?? '', 'utf8')).toBe(emu.caPem);
    const dispatcher = new Agent({ connect: { ca: emu.caPem ?? '' } });
    const res = await undiciFetch(`${emu.url}/api/rest/2.0/auth/session/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(fullToken),
      dispatcher,
    });
    expect(res.status).toBe(204);
    expect(res.headers.get('set-cookie')).toMatch(/; HttpOnly; Secure$/);
    await dispatcher.close();
    await expect(fetch(`${emu.url}/nope`)).rejects.toThrow();
    await emu.close();
    expect(existsSync(emu.caFile ?? '')).toBe(false);
  });

  it('writes alt names as IP or DNS entries and refuses odd characters', () => {
    expect(subjectAltName(['127.0.0.1', 'localhost', 'DNS:my.host'])).toBe(
      'IP:127.0.0.1,DNS:localhost,DNS:my.host',
    );
    expect(() => subjectAltName(['a,b'])).toThrow(/bad TLS alt name/);
  });
});
