// `tsm login` for SAML, OIDC and the cluster's own page, end to end: the real binary, the
// emulator's identity provider, and Debian's Chromium. The test hands tsm a running Chromium's
// DevTools endpoint and then plays the person at the forms in that same browser; nothing in the
// product skips a form.
import keytar from 'keytar';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { MFA_CODE, SSO_USERS, startEmulator, type RunningEmulator } from '../../emulator/index.js';
import { requireBuiltCli, TsmSandbox } from '../../cli/support/run-tsm.js';
import { playPerson, startChromium, type RunningChromium } from '../../support/chromium.js';

let emulator: RunningEmulator;
let chromium: RunningChromium;
let sandbox: TsmSandbox;

beforeAll(async () => {
  requireBuiltCli();
  emulator = await startEmulator();
  chromium = await startChromium();
}, 30_000);
afterAll(async () => {
  await chromium?.close();
  await emulator?.close();
});
afterEach(() => sandbox?.dispose());

/** Starts `tsm login` for a new profile signing in by `auth`, with the browser handed over. */
async function beginLogin(auth: 'saml' | 'oidc' | 'browser', extra: string[] = []) {
  sandbox = new TsmSandbox();
  const added = await sandbox.run([
    'profile',
    'add',
    'Corp',
    '--url',
    emulator.url,
    '--auth',
    auth,
  ]);
  expect(added.code).toBe(0);
  const started = Date.now();
  const login = sandbox.spawn(
    ['login', '-p', 'Corp', '--browser-endpoint', chromium.endpoint, ...extra],
    { timeoutMs: 120_000 },
  );
  return { login, started };
}

async function fillSignIn(page: Page, user: { username: string; password: string }) {
  await page.getByLabel('Username').fill(user.username);
  await page.getByLabel('Password').fill(user.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** Every secret the keychain holds for the sandbox's service, as one text (not the probe entry). */
async function keychainText(): Promise<string> {
  const entries = (await keytar.findCredentials(sandbox.service)).filter(
    (e) => e.account !== '.unlock-check',
  );
  return entries.map((e) => `${e.account}\n${e.password}`).join('\n');
}

async function openTabsOn(origin: string): Promise<number> {
  const response = await fetch(`${chromium.endpoint}/json/list`);
  const targets = (await response.json()) as { type: string; url: string }[];
  return targets.filter((t) => t.type === 'page' && t.url.startsWith(origin)).length;
}

describe('tsm login through the browser', { timeout: 60_000 }, () => {
  it('SAML: the IdP form, then a token for scripts, the cookies only in the keychain', async () => {
    const { login, started } = await beginLogin('saml');
    const page = await playPerson(chromium.endpoint, { urlIncludes: emulator.idpUrl });
    const tabAt = Date.now();
    await fillSignIn(page, SSO_USERS.ssoOnly);
    const submittedAt = Date.now();
    const result = await login;
    const tookMs = Date.now() - started;
    console.info(
      `SAML: the IdP form shown after ${tabAt - started} ms; signed in ${Date.now() - submittedAt} ms after the form was sent`,
    );
    expect(result.stderr).toContain('Opening the sign-in page of "Corp"');
    expect(result.stdout).toMatch(
      /^Signed in to "Corp" as sso-user \(through SAML, token expires in .+\)\n$/,
    );
    expect(result.code).toBe(0);
    console.info(`SAML sign-in end to end: ${tookMs} ms`);

    // The username was learned from the cluster, and the sign-in tab is gone.
    const shown = await sandbox.run(['profile', 'show', 'Corp', '--json']);
    expect(JSON.parse(shown.stdout)).toMatchObject({ username: 'sso-user', auth: 'saml' });
    await expect.poll(() => openTabsOn(emulator.url), { timeout: 15_000 }).toBe(0);

    // A script gets a bearer token minted from the browser's session.
    const token = await sandbox.run(['token', '-p', 'Corp']);
    expect(token.code).toBe(0);
    const me = await fetch(`${emulator.url}/api/rest/2.0/auth/session/user`, {
      headers: { Authorization: `Bearer ${token.stdout.trim()}` },
    });
    expect(await me.json()).toMatchObject({ name: 'sso-user' });

    // The session's cookie is in the private keyring and in no file; the audit log says how.
    expect(await keychainText()).toContain('JSESSIONID');
    expect(sandbox.filesText()).not.toContain('JSESSIONID');
    const log = await sandbox.run(['log', '--json']);
    expect(log.stdout).toContain('through SAML as sso-user');
  });

  it('OIDC: the IdP form, then info from that session', async () => {
    const { login, started } = await beginLogin('oidc');
    await fillSignIn(await playPerson(chromium.endpoint, { urlIncludes: emulator.idpUrl }), {
      username: SSO_USERS.analyst.username,
      password: SSO_USERS.analyst.password,
    });
    const result = await login;
    expect(result.stdout).toMatch(/^Signed in to "Corp" as analyst \(through OpenID Connect/);
    expect(result.code).toBe(0);
    console.info(`OIDC sign-in end to end: ${Date.now() - started} ms`);
    const info = await sandbox.run(['info', '-p', 'Corp', '--json']);
    expect(JSON.parse(info.stdout)).toMatchObject({ username: 'analyst' });
  });

  it("the cluster's own page with a one-time code (MFA)", async () => {
    const { login, started } = await beginLogin('browser');
    const page = await playPerson(chromium.endpoint, { urlIncludes: emulator.url });
    await fillSignIn(page, SSO_USERS.mfa);
    await page.getByLabel('Code').fill(MFA_CODE);
    await page.getByRole('button', { name: 'Verify' }).click();
    const result = await login;
    expect(result.stdout).toMatch(
      /^Signed in to "Corp" as mfa-user \(through the cluster's sign-in page/,
    );
    expect(result.code).toBe(0);
    console.info(`MFA page sign-in end to end: ${Date.now() - started} ms`);
  });

  it('closing the sign-in tab ends it: exit 3, one line, nothing kept', async () => {
    const { login } = await beginLogin('saml');
    const page = await playPerson(chromium.endpoint, { urlIncludes: emulator.idpUrl });
    await page.close();
    const result = await login;
    expect(result.code).toBe(3);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('tsm: The sign-in window was closed before you finished\n');
    expect(await keychainText()).toBe('');
    const status = await sandbox.run(['token', '-p', 'Corp']);
    expect(status.code).toBe(3);
    expect(status.stderr).toContain('tsm login -p Corp');
  });

  it('the timeout ends it with exit 3 and says so, and closes the tab', async () => {
    const { login } = await beginLogin('saml', ['--timeout', '2']);
    await playPerson(chromium.endpoint, { urlIncludes: emulator.idpUrl });
    const result = await login;
    expect(result.code).toBe(3);
    expect(result.stderr).toMatch(
      /Signing in took longer than 2 s and the cluster granted no session/,
    );
    await expect.poll(() => openTabsOn(emulator.idpUrl), { timeout: 15_000 }).toBe(0);
  });

  it('a locked account: the cluster refuses, the window is closed by the person, nothing kept', async () => {
    const { login } = await beginLogin('saml');
    const page = await playPerson(chromium.endpoint, { urlIncludes: emulator.idpUrl });
    await fillSignIn(page, SSO_USERS.locked);
    await page.getByText('Your account is locked').waitFor();
    await page.close();
    const result = await login;
    expect(result.code).toBe(3);
    expect(result.stderr).toContain(
      'The sign-in window was closed before you finished; the last page was an error from the cluster (HTTP 403 at /callosum/v1/saml/SSO)',
    );
    expect(await keychainText()).toBe('');
  });
});
