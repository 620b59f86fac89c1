// SAML through the emulator's IdP over real HTTP: the start redirect, the IdP's form, the
// POST-back, and the cookies that then answer the session API.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SSO_USERS, startEmulator, type RunningEmulator } from './index.js';
import { TestAgent, formIn, type Page } from './sso/test-agent.js';
import { call } from './test-http.js';

let emu: RunningEmulator;
const SECRET = 'Idp-Only-S3cret';
beforeAll(async () => {
  const extra = { username: 'secret-sso', password: SECRET, displayName: 'S', email: 's@x' };
  emu = await startEmulator({ users: [{ ...extra, ssoOnly: true }] });
});
afterAll(() => emu.close());

const start = (agent: TestAgent, target?: string) =>
  agent.get(
    `${emu.url}/callosum/v1/saml/login` +
      (target === undefined ? '' : `?targetURLPath=${encodeURIComponent(target)}`),
  );

/** Start, then the IdP's form, signed in there: the POST-back page. */
async function atIdp(agent: TestAgent, username: string, password: string, target?: string) {
  const started = await start(agent, target);
  expect(started.status).toBe(302);
  const form = await agent.follow(started);
  expect(form.url.startsWith(`${emu.idpUrl}/saml/sso?`)).toBe(true);
  return agent.submit(form, { username, password });
}

function expectHtml(page: Page, status: number) {
  expect(page.status).toBe(status);
  expect(page.contentType).toBe('text/html; charset=utf-8');
  expect(page.cacheControl).toBe('no-store');
}

describe('SAML sign-in through the IdP', () => {
  it('signs an SSO-only user in; the cookies answer the session API', async () => {
    const agent = new TestAgent();
    const { username, password, displayName } = SSO_USERS.ssoOnly;
    const postBack = await atIdp(agent, username, password, '/home?tab=1');
    expectHtml(postBack, 200);
    // The HTTP-POST binding: an auto-submitting form with a visible Continue button.
    expect(postBack.html).toContain('<script>document.forms[0].submit();</script>');
    expect(postBack.html).toMatch(/<button type="submit">Continue<\/button>/);
    const form = formIn(postBack);
    expect(form.action).toBe(`${emu.url}/callosum/v1/saml/SSO`);
    expect(Object.keys(form.fields).sort()).toEqual(['RelayState', 'SAMLResponse']);

    const back = await agent.submit(postBack);
    expect(back.status).toBe(302);
    expect(back.location).toBe(`${emu.url}/home?tab=1`);
    expect(back.setCookies.find((c) => c.startsWith('JSESSIONID='))).toMatch(
      /^JSESSIONID=[^;]+; Path=\/; HttpOnly$/,
    );
    expect(back.setCookies.find((c) => c.startsWith('clientId='))).toMatch(
      /^clientId=[^;]+; Path=\/; HttpOnly$/,
    );
    const cookie = agent.cookieHeader(emu.url);
    const user = await call(emu.url, 'GET', '/api/rest/2.0/auth/session/user', { cookie });
    expect(user.status).toBe(200);
    expect(user.json).toMatchObject({ name: username, display_name: displayName });
    const token = await call(emu.url, 'GET', '/api/rest/2.0/auth/session/token', { cookie });
    expect(token.status).toBe(200);
    expect((await agent.get(`${emu.url}/`)).html).toContain(`<strong>${displayName}</strong>`);
  });

  it('goes to / when no targetURLPath is given', async () => {
    const agent = new TestAgent();
    const back = await agent.submit(await atIdp(agent, 'analyst', 'analyst'));
    expect(back.location).toBe(`${emu.url}/`);
  });

  it.each(['https://evil.example/x', '//evil.example/x', 'evil', '/\\evil.example', '/a b'])(
    'refuses targetURLPath %j with a 400 page',
    async (target) => {
      const page = await start(new TestAgent(), target);
      expectHtml(page, 400);
      expect(page.html).toContain('targetURLPath is not allowed');
      expect(page.location).toBeUndefined();
    },
  );

  it('refuses a replayed response and a tampered one', async () => {
    const agent = new TestAgent();
    const postBack = await atIdp(agent, 'analyst', 'analyst');
    const { fields } = formIn(postBack);
    expect((await agent.submit(postBack)).status).toBe(302);
    const replay = await new TestAgent().submit(postBack);
    expectHtml(replay, 400);
    expect(replay.html).toContain('already used or expired');

    // Same signature, another subject: the administrator.
    const fresh = formIn(await atIdp(agent, 'analyst', 'analyst')).fields;
    const outer = JSON.parse(Buffer.from(fresh.SAMLResponse ?? '', 'base64').toString()) as {
      assertion: string;
    };
    const claims = JSON.parse(Buffer.from(outer.assertion, 'base64').toString()) as object;
    outer.assertion = Buffer.from(JSON.stringify({ ...claims, subject: 'tsadmin' })).toString(
      'base64',
    );
    const forged = await agent.post(`${emu.url}/callosum/v1/saml/SSO`, {
      SAMLResponse: Buffer.from(JSON.stringify(outer)).toString('base64'),
      RelayState: fields.RelayState ?? '/',
    });
    expectHtml(forged, 400);
    expect(forged.html).toContain('signature is not valid');
    expect(forged.setCookies).toEqual([]);
  });

  it('refuses an assertion presented after it expired', async () => {
    const agent = new TestAgent();
    const postBack = await atIdp(agent, 'analyst', 'analyst');
    emu.clock.advance(5 * 60 * 1000 + 1);
    const late = await agent.submit(postBack);
    expectHtml(late, 400);
    expect(late.html).toContain('The SAML assertion has expired.');
  });

  it('lets the IdP vouch for a locked user and the cluster refuse it', async () => {
    const agent = new TestAgent();
    const { username, password } = SSO_USERS.locked;
    const refused = await agent.submit(await atIdp(agent, username, password));
    expectHtml(refused, 403);
    expect(refused.html).toContain('Your account is locked');
    expect(refused.setCookies).toEqual([]);
  });

  it('shows the IdP refusing a denied user, and a wrong password, with the name escaped', async () => {
    const agent = new TestAgent();
    const denied = await atIdp(agent, SSO_USERS.idpDenied.username, SSO_USERS.idpDenied.password);
    expectHtml(denied, 403);
    expect(denied.html).toContain('Access denied');
    expect(denied.url.startsWith(emu.idpUrl)).toBe(true);

    const wrong = await atIdp(agent, '<b>x</b>', 'nope');
    expectHtml(wrong, 401);
    expect(wrong.html).toContain('Wrong username or password.');
    expect(wrong.html).toContain('value="&lt;b&gt;x&lt;/b&gt;"');
    expect(wrong.html).not.toContain('<b>x</b>');
    // The form again, still carrying the request.
    expect(Object.keys(formIn(wrong).fields)).toContain('SAMLRequest');
  });

  it('records paths at both servers but never a form value', async () => {
    const agent = new TestAgent();
    await agent.submit(await atIdp(agent, 'secret-sso', SECRET));
    const recorded = JSON.stringify([...emu.requests, ...emu.idpRequests]);
    expect(emu.idpRequests.map((r) => `${r.method} ${r.path}`)).toContain('POST /saml/sso');
    expect(emu.requests.map((r) => `${r.method} ${r.path}`)).toContain(
      'POST /callosum/v1/saml/SSO',
    );
    expect(recorded).not.toContain(SECRET);
    expect(recorded).not.toContain('SAMLResponse');
  });
});
