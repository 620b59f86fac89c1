// The cluster's own sign-in page at `/`: the form, a password sign-in, the MFA code step, the
// refusals, and an SSO-only account that no password sign-in accepts.
import { Agent, fetch as undiciFetch } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MFA_CODE, SSO_USERS, startEmulator, type RunningEmulator } from './index.js';
import { TestAgent, formIn, type Fetcher, type Page } from './sso/test-agent.js';
import { call } from './test-http.js';

let emu: RunningEmulator;
beforeAll(async () => {
  emu = await startEmulator();
});
afterAll(() => emu.close());

function expectHtml(page: Page, status: number) {
  expect(page.status).toBe(status);
  expect(page.contentType).toBe('text/html; charset=utf-8');
  expect(page.cacheControl).toBe('no-store');
}

/** The form at `/`, filled in and submitted. */
async function signIn(agent: TestAgent, username: string, password: string, base = emu.url) {
  const form = await agent.get(`${base}/?disableSAMLAutoRedirect=true`);
  expectHtml(form, 200);
  expect(formIn(form).action).toBe(`${base}/login`);
  return agent.submit(form, { username, password });
}

const userOf = (agent: TestAgent) =>
  call(emu.url, 'GET', '/api/rest/2.0/auth/session/user', { cookie: agent.cookieHeader(emu.url) });

describe("the cluster's own sign-in page", () => {
  it('signs a local user in; `/` then shows who, and the API answers with the cookies', async () => {
    const agent = new TestAgent();
    const form = await agent.get(`${emu.url}/`);
    expect(form.html).toContain('<title>ThoughtSpot - Sign in</title>');
    expect(Object.keys(formIn(form).fields)).toEqual(['username', 'password']);

    const done = await signIn(agent, 'analyst', 'analyst');
    expect(done.status).toBe(302);
    expect(done.location).toBe(`${emu.url}/`);
    const home = await agent.follow(done);
    expectHtml(home, 200);
    expect(home.html).toContain('<title>ThoughtSpot</title>');
    expect(home.html).toContain('Signed in as <strong>Ada Analyst</strong> (analyst)');
    expect((await userOf(agent)).json).toMatchObject({ name: 'analyst' });

    const out = await agent.submit(home);
    expect(out.location).toBe(`${emu.url}/`);
    expect((await userOf(agent)).status).toBe(401);
  });

  it('asks an MFA user for the one-time code; a wrong code gets the form again', async () => {
    const agent = new TestAgent();
    const step = await signIn(agent, SSO_USERS.mfa.username, SSO_USERS.mfa.password);
    expectHtml(step, 200);
    expect(step.html).toContain('Verify it is you');
    expect(step.setCookies).toEqual([]);
    expect(Object.keys(formIn(step).fields).sort()).toEqual(['challenge', 'code']);

    const wrong = await agent.submit(step, { code: '000000' });
    expectHtml(wrong, 401);
    expect(wrong.html).toContain('That code is not right.');
    expect(wrong.setCookies).toEqual([]);
    expect((await userOf(agent)).status).toBe(401);

    const right = await agent.submit(wrong, { code: MFA_CODE });
    expect(right.status).toBe(302);
    expect((await userOf(agent)).json).toMatchObject({ name: 'mfa-user' });
    // The challenge is spent: the same step cannot be submitted twice.
    expectHtml(await new TestAgent().submit(wrong, { code: MFA_CODE }), 400);
  });

  it('ends an MFA challenge after five wrong codes', async () => {
    const agent = new TestAgent();
    let page = await signIn(agent, SSO_USERS.mfa.username, SSO_USERS.mfa.password);
    for (let i = 0; i < 4; i += 1) page = await agent.submit(page, { code: '1' });
    const last = await agent.submit(page, { code: '1' });
    expectHtml(last, 401);
    expect(last.html).toContain('Too many wrong codes');
    expectHtml(await agent.submit(page, { code: MFA_CODE }), 400);
  });

  it('refuses a locked user with 403 and a wrong password with the form again', async () => {
    const agent = new TestAgent();
    const locked = await signIn(agent, SSO_USERS.locked.username, SSO_USERS.locked.password);
    expectHtml(locked, 403);
    expect(locked.html).toContain('Your account is locked');

    const wrong = await signIn(agent, 'analyst"><script>', 'nope');
    expectHtml(wrong, 401);
    expect(wrong.html).toContain('Wrong username or password.');
    expect(wrong.html).toContain('value="analyst&quot;&gt;&lt;script&gt;"');
    expect(formIn(wrong).fields.username).toBe('analyst"><script>');
  });

  it('refuses an SSO-only user at the form and at every API password sign-in', async () => {
    const { username, password } = SSO_USERS.ssoOnly;
    expectHtml(await signIn(new TestAgent(), username, password), 401);
    const c = await call(emu.url, 'POST', '/api/rest/2.0/auth/session/login', {
      body: { username, password },
    });
    expect(c.status).toBe(401);
    const a = await call(emu.url, 'POST', '/api/rest/v2/session/gettoken', {
      body: { userName: username, password },
    });
    expect(a.status).toBe(500); // A hides the real 401 in its envelope
    expect(a.text).toContain('"status":401');
  });

  it('answers a JSON post to /login with a 400 page, and GET /mfa with 405', async () => {
    const json = await call(emu.url, 'POST', '/login', { body: { username: 'a', password: 'b' } });
    expect(json.status).toBe(400);
    expect(json.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const get = await call(emu.url, 'GET', '/mfa');
    expect(get.status).toBe(405);
    expect(get.headers.get('allow')).toBe('POST');
  });

  it('marks clientId Secure over TLS, where the IdP is HTTPS too', async () => {
    const tls = await startEmulator({ tls: true });
    const dispatcher = new Agent({ connect: { ca: tls.caPem ?? '' } });
    try {
      const fetcher = ((url, init) => undiciFetch(url, { ...init, dispatcher })) as Fetcher;
      expect(tls.idpUrl).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
      const done = await signIn(new TestAgent(fetcher), 'analyst', 'analyst', tls.url);
      expect(done.setCookies.find((c) => c.startsWith('clientId='))).toMatch(
        /; Path=\/; HttpOnly; Secure$/,
      );
      expect(
        (await fetcher(`${tls.idpUrl}/`, { method: 'GET', headers: {}, redirect: 'manual' }))
          .status,
      ).toBe(200);
    } finally {
      await dispatcher.close();
      await tls.close();
    }
  });
});
