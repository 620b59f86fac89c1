// Each way a sign-in fails, shown in place with the server's reason and a details disclosure:
// wrong password, MFA required, locked account (the demo emulator's accounts), an SSO page
// instead of ThoughtSpot, a self-signed certificate, and a cluster that is not there.
import { createServer } from 'node:net';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../emulator/index.js';
import { AppPage, launchChromium } from './support/app-page.js';
import { startWebApp, type WebApp } from './support/web-app.js';

const POLL = { timeout: 10_000, interval: 100 };

/** A loopback port with nothing listening on it. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

interface Case {
  title: string;
  profile: string;
  username: string;
  password: string;
  heading: string;
  message: RegExp;
  code: string;
  incident: boolean;
}

describe('sign-in failures, shown in place', () => {
  let app: WebApp;
  let browser: Browser;
  let ui: AppPage;
  const emulators: RunningEmulator[] = [];

  beforeAll(async () => {
    const [web, chromium, sso, tls, port] = await Promise.all([
      startWebApp(),
      launchChromium(),
      startEmulator({ ssoHtml: true }),
      startEmulator({ tls: true }),
      closedPort(),
    ]);
    [app, browser] = [web, chromium];
    emulators.push(sso, tls);
    ui = await AppPage.open(browser, app);
    const add = (name: string, url: string) =>
      ui.invoke('profiles:save', { input: { name, url, username: 'tsadmin' } });
    await add('SSO portal', sso.url);
    await add('Self-signed', tls.url);
    await add('Offline', `http://127.0.0.1:${port}`);
  }, 30_000);

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    await Promise.all(emulators.map((e) => e.close()));
  });

  const cases: Case[] = [
    {
      title: 'a wrong password',
      profile: 'Demo cluster',
      username: 'tsadmin',
      password: 'not-the-password',
      heading: 'Sign-in refused',
      message: /password/i,
      code: 'AUTH_FAILED',
      incident: true,
    },
    {
      title: 'an account that needs MFA',
      profile: 'Demo cluster',
      username: 'mfa-user',
      password: 'mfa-user',
      heading: 'Multi-factor authentication required',
      message: /multi-factor|MFA/i,
      code: 'MFA_REQUIRED',
      incident: true,
    },
    {
      title: 'a locked account',
      profile: 'Demo cluster',
      username: 'locked-user',
      password: 'locked-user',
      heading: 'Account locked',
      message: /locked/i,
      code: 'ACCOUNT_LOCKED',
      incident: true,
    },
    {
      title: 'an SSO page instead of ThoughtSpot',
      profile: 'SSO portal',
      username: 'tsadmin',
      password: 'admin',
      heading: 'Not a ThoughtSpot cluster',
      message: /web page instead of ThoughtSpot/,
      code: 'NOT_THOUGHTSPOT',
      incident: false,
    },
    {
      title: 'a certificate nobody vouches for',
      profile: 'Self-signed',
      username: 'tsadmin',
      password: 'admin',
      heading: 'Secure connection failed',
      message: /certificate/i,
      code: 'TLS',
      incident: false,
    },
    {
      title: 'a cluster that is not there',
      profile: 'Offline',
      username: 'tsadmin',
      password: 'admin',
      heading: 'Cannot reach the cluster',
      message: /127\.0\.0\.1/,
      code: 'NETWORK',
      incident: false,
    },
  ];

  it.each(cases)('shows $title ($code) with its reason and details', async (c) => {
    await ui.openProfile(c.profile);
    await ui.field('Username').fill(c.username);
    await ui.field('Password').fill(c.password);
    await ui.button('Sign in').click();
    // Another username than the profile's is saved only once the sign-in worked, after asking.
    if (c.username !== 'tsadmin') await ui.button('Sign in and save', ui.dialog()).click();
    const alert = ui.page.getByRole('alert');
    await expect.poll(() => ui.text(alert), POLL).toContain(c.heading);
    await expect.poll(() => ui.text(alert), POLL).toMatch(c.message);
    expect(await alert.getAttribute('data-code')).toBe(c.code);
    expect(await alert.locator('details').getAttribute('open')).toBe(null);
    await alert.getByText('Details', { exact: true }).click();
    const details = await ui.text(alert.locator('details'));
    expect(details).toContain(c.code);
    if (c.incident) expect(details).toMatch(/Incident id [0-9a-f-]{36}/);
    await expect.poll(() => ui.text(ui.badge()), POLL).toBe('Signed out');
    // The password stays in the field (component state only), ready to be corrected.
    expect(await ui.field('Password').inputValue()).toBe(c.password);
    if (c.code === 'AUTH_FAILED') await ui.screenshot('sign-in-error');
  });

  it('kept none of the passwords typed in the page’s storage or address', async () => {
    const text = JSON.stringify(await ui.storage());
    for (const c of cases) expect(text).not.toContain(c.password);
    expect(new URL(ui.page.url()).search).toBe('');
  });

  it('ran without script errors, console errors or CSP violations', () => {
    expect(ui.problems).toEqual([]);
  });
});
