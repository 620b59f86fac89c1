// OIDC through the emulator's IdP over real HTTP: authorize, the IdP's form, the callback with a
// one-time code, and the cookies that then answer the session API.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OIDC_CLIENT_ID, SSO_USERS, startEmulator, type RunningEmulator } from './index.js';
import { TestAgent, type Page } from './sso/test-agent.js';
import { call } from './test-http.js';

let emu: RunningEmulator;
beforeAll(async () => {
  emu = await startEmulator();
});
afterAll(() => emu.close());

/** Start and follow to the IdP's form. */
async function authorizeForm(agent: TestAgent, target = '/'): Promise<Page> {
  const started = await agent.get(
    `${emu.url}/callosum/v1/oidc/login?targetURLPath=${encodeURIComponent(target)}`,
  );
  expect(started.status).toBe(302);
  return agent.follow(started);
}

/** Signed in at the IdP: its redirect to the cluster's callback. */
async function toCallback(agent: TestAgent, username: string, password: string, target?: string) {
  return agent.submit(await authorizeForm(agent, target), { username, password });
}

function expectHtml(page: Page, status: number) {
  expect(page.status).toBe(status);
  expect(page.contentType).toBe('text/html; charset=utf-8');
  expect(page.cacheControl).toBe('no-store');
}

describe('OIDC sign-in through the IdP', () => {
  it('sends the browser to authorize, back with a code, and signs the user in', async () => {
    const agent = new TestAgent();
    const form = await authorizeForm(agent, '/pinboards');
    expectHtml(form, 200);
    const asked = new URL(form.url);
    expect(asked.origin + asked.pathname).toBe(`${emu.idpUrl}/authorize`);
    expect(asked.searchParams.get('client_id')).toBe(OIDC_CLIENT_ID);
    expect(asked.searchParams.get('redirect_uri')).toBe(`${emu.url}/callosum/v1/oidc/callback`);
    expect(asked.searchParams.get('response_type')).toBe('code');
    const state = asked.searchParams.get('state');
    expect(state).toMatch(/^[\w-]{20,}$/);

    const { username, password, displayName } = SSO_USERS.ssoOnly;
    const redirected = await agent.submit(form, { username, password });
    expect(redirected.status).toBe(302);
    const callback = new URL(redirected.location ?? '');
    expect(callback.origin + callback.pathname).toBe(`${emu.url}/callosum/v1/oidc/callback`);
    expect(callback.searchParams.get('state')).toBe(state);
    expect(callback.searchParams.get('code')).toMatch(/^[\w-]{20,}$/);

    const back = await agent.get(callback.href);
    expect(back.status).toBe(302);
    expect(back.location).toBe(`${emu.url}/pinboards`);
    expect(back.setCookies.map((c) => c.split('=')[0])).toEqual(['JSESSIONID', 'clientId']);
    const cookie = agent.cookieHeader(emu.url);
    const user = await call(emu.url, 'GET', '/api/rest/2.0/auth/session/user', { cookie });
    expect(user.status).toBe(200);
    expect(user.json).toMatchObject({ name: username, display_name: displayName });
  });

  it('refuses a replayed callback, and a used code with a fresh state', async () => {
    const agent = new TestAgent();
    const redirected = await toCallback(agent, 'analyst', 'analyst');
    const used = new URL(redirected.location ?? '');
    expect((await agent.get(used.href)).status).toBe(302);

    const replay = await new TestAgent().get(used.href);
    expectHtml(replay, 400);
    expect(replay.html).toContain('state is unknown or was already used');

    // A new sign-in's state, with the old code: the code itself is spent.
    const fresh = new URL((await authorizeForm(agent)).url).searchParams.get('state') ?? '';
    const reused = new URL(used.href);
    reused.searchParams.set('state', fresh);
    const refused = await new TestAgent().get(reused.href);
    expectHtml(refused, 400);
    expect(refused.html).toContain('The authorization code is invalid, expired or already used.');
    expect(refused.setCookies).toEqual([]);
  });

  it('refuses a code that waited more than a minute, and an IdP error', async () => {
    const agent = new TestAgent();
    const redirected = await toCallback(agent, 'analyst', 'analyst');
    emu.clock.advance(61 * 1000);
    const late = await agent.get(redirected.location ?? '');
    expectHtml(late, 400);
    expect(late.html).toContain('invalid, expired or already used');

    const state = new URL((await authorizeForm(agent)).url).searchParams.get('state') ?? '';
    const error = await agent.get(
      `${emu.url}/callosum/v1/oidc/callback?state=${state}&error=access_denied%0A%3Cx%3E`,
    );
    expectHtml(error, 400);
    expect(error.html).toContain(
      'The identity provider refused the sign-in (access_denied&lt;x&gt;).',
    );
  });

  it('at the IdP: refuses an unknown client or redirect, and a denied user', async () => {
    const agent = new TestAgent();
    const form = new URL((await authorizeForm(agent)).url);
    for (const [name, value] of [
      ['client_id', 'someone-else'],
      ['redirect_uri', 'https://evil.example/cb'],
      ['response_type', 'token'],
    ] as const) {
      const bad = new URL(form.href);
      bad.searchParams.set(name, value);
      const page = await agent.get(bad.href);
      expectHtml(page, 400);
      expect(page.html).toContain('invalid_request');
    }
    const { username, password } = SSO_USERS.idpDenied;
    const denied = await toCallback(agent, username, password);
    expectHtml(denied, 403);
    expect(denied.html).toContain('is not allowed to use ThoughtSpot');
  });

  it('lets an MFA user in with the IdP password alone, and refuses a locked one at the cluster', async () => {
    const agent = new TestAgent();
    const mfa = await agent.get(
      (await toCallback(agent, SSO_USERS.mfa.username, SSO_USERS.mfa.password)).location ?? '',
    );
    expect(mfa.status).toBe(302);

    const other = new TestAgent();
    const locked = await other.get(
      (await toCallback(other, SSO_USERS.locked.username, SSO_USERS.locked.password)).location ??
        '',
    );
    expectHtml(locked, 403);
    expect(locked.html).toContain('Your account is locked');
  });

  it('refuses a targetURLPath off the cluster', async () => {
    const page = await new TestAgent().get(
      `${emu.url}/callosum/v1/oidc/login?targetURLPath=${encodeURIComponent('//evil.example')}`,
    );
    expectHtml(page, 400);
    expect(page.html).toContain('targetURLPath is not allowed');
  });
});
