// The "Done when" of tokens for other users, in the window: Debian's Chromium on the real renderer
// and core, a private keyring, and an emulator of the test's own (so the rules it stored for the
// user can be read back). From a secret-key profile to a custom token for a new user with two
// filter rules and a formula variable (REPLACE), then that user's tokens revoked as admin; the
// token is never kept by the page, and never printed by the app.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../emulator/index.js';
import { AppPage, launchChromium } from './support/app-page.js';
import { startWebApp, type WebApp } from './support/web-app.js';

const POLL = { timeout: 10_000, interval: 100 };
const USER = 'embed-window-new';

/** Asks the cluster directly whether it takes a token: the HTTP status it answers. */
async function whoAmI(clusterUrl: string, token: string): Promise<number> {
  const answer = await fetch(`${clusterUrl}/api/rest/2.0/auth/session/user`, {
    headers: { Authorization: `Bearer ${token}`, Accept: 'application/json' },
  });
  return answer.status;
}

describe(
  'the window mints a token for a new user, and an admin revokes it',
  { timeout: 60_000 },
  () => {
    let app: WebApp;
    let browser: Browser;
    let emulator: RunningEmulator;
    let ui: AppPage;
    let token = '';

    beforeAll(async () => {
      [app, browser, emulator] = await Promise.all([
        startWebApp(),
        launchChromium(),
        startEmulator({ port: 0 }),
      ]);
      ui = await AppPage.open(browser, app);
      await ui.invoke('profiles:save', {
        input: { name: 'Embed', url: emulator.url, username: 'tsadmin', auth: 'secret-key' },
      });
    }, 30_000);

    afterAll(async () => {
      await browser?.close();
      await app?.stop();
      await emulator?.close();
    });

    it('signs in with the secret key, then offers the Tokens for users tab', async () => {
      await ui.openProfile('Embed');
      const tab = ui.page.getByRole('tab', { name: 'Tokens for users', exact: true });
      expect(await tab.count()).toBe(1);
      await ui.field('Secret key').fill('demo-secret-key');
      await ui.page.getByLabel(/Remember me/).check();
      await ui.button('Get token').click();
      await expect.poll(() => ui.text(ui.panel()), POLL).toContain('Bearer token');
      await tab.click();
      await ui.page.getByRole('heading', { name: 'Tokens for users', level: 2 }).waitFor();
    });

    it('shows at the field what core refuses, and sends nothing', async () => {
      const asked = emulator.mintRequests().length;
      await ui.field('User').fill(USER);
      await ui.page.getByRole('radio', { name: /^Custom/ }).check();
      await ui.button('Add filter rule').click();
      await ui.field('Filter rule 1 column').fill('Region');
      await ui.field('Filter rule 1 values').fill('West');
      await ui.button('Mint').click();
      // No persist choice yet: core says to choose, at the choice, in words.
      await expect
        .poll(() => ui.text(ui.page.locator('#tfu-persist-problem')), POLL)
        .toContain('choose REPLACE (they replace the rules stored for embed-window-new) or APPEND');
      await expect
        .poll(() => ui.page.locator(':focus').getAttribute('id'), POLL)
        .toBe('tfu-persist-REPLACE');
      expect(emulator.mintRequests()).toHaveLength(asked);
    });

    it('mints a custom token with two filter rules and a variable (REPLACE): the emulator stored exactly those', async () => {
      await ui.button('Add filter rule').click();
      await ui.field('Filter rule 2 column').fill('Customer Id');
      await ui.field('Filter rule 2 operator').selectOption('IN');
      await ui.field('Filter rule 2 values').fill('ACME-42, B-7');
      await ui.button('Add variable').click();
      await ui.field('Variable 1 name').fill('region_var');
      await ui.field('Variable 1 values').fill('West, North\\, East');
      await ui.page.getByRole('radio', { name: /^REPLACE/ }).check();
      await ui.field('Validity (seconds)').fill('900');
      await ui.button('Mint').click();
      const card = ui.page.getByRole('region', { name: `Token for ${USER}` });
      await expect.poll(() => ui.text(card), POLL).toContain('Custom: 2 filter rules, 1 variable');
      expect(
        (await ui.text(card.getByRole('list', { name: `Variables kept for ${USER}` }))).trim(),
      ).toBe('region_var = West, North\\, East');
      expect(emulator.userOf(USER)).toMatchObject({ orgs: [{ id: 0, name: 'Primary' }] });
      expect(emulator.persistedRules(USER)).toEqual({
        filter_rules: [
          { column_name: 'Region', operator: 'EQ', values: ['West'] },
          { column_name: 'Customer Id', operator: 'IN', values: ['ACME-42', 'B-7'] },
        ],
        parameter_values: [],
        variable_values: [{ name: 'region_var', values: ['West', 'North, East'] }],
      });
      expect(emulator.mintRequests().at(-1)).toMatchObject({
        path: '/auth/token/custom',
        body: { username: USER, persist_option: 'REPLACE', validity_time_in_sec: 900 },
      });
      // Masked, with the fingerprint apart; the token only on Reveal.
      expect(await card.locator('code.token').count()).toBe(0);
      const fingerprint = await ui.text(card.locator('code.fingerprint'));
      expect(fingerprint).toMatch(/^[0-9a-f]{12}$/);
      await ui.screenshot('tokens-for-users');
      await ui.button('Reveal', card).click();
      token = await ui.text(card.locator('code.token'));
      expect(token.length).toBeGreaterThan(20);
      expect(await whoAmI(emulator.url, token)).toBe(200);
    });

    it('copies it as a Visual Embed SDK snippet into the browser’s own clipboard', async () => {
      const card = ui.page.getByRole('region', { name: `Token for ${USER}` });
      await ui.button('Copy as SDK snippet', card).click();
      await expect
        .poll(() => ui.clipboard(), POLL)
        .toContain(`getAuthToken: () => Promise.resolve('${token}')`);
      expect(await ui.clipboard()).toContain(`thoughtSpotHost: '${emulator.url}'`);
      expect(await ui.clipboard()).toContain('AuthType.TrustedAuthTokenCookieless');
    });

    it('revokes the user’s tokens from the history, after a confirmation: the emulator refuses the token', async () => {
      const row = ui.page.locator('table.history tbody tr');
      await expect.poll(() => ui.text(row), POLL).toContain(USER);
      await ui.button(`Revoke the tokens of ${USER}`).click();
      const dialog = ui.dialog();
      await expect
        .poll(() => ui.text(dialog), POLL)
        .toContain(`The cluster will refuse every token of ${USER} from now on`);
      expect(await whoAmI(emulator.url, token)).toBe(200);
      await ui.button(`Revoke tokens of ${USER}`, dialog).click();
      await expect
        .poll(
          () => ui.text(ui.page.getByRole('status').filter({ hasText: 'refuses every token' })),
          POLL,
        )
        .toContain(`The cluster refuses every token of ${USER} from now on.`);
      expect(await whoAmI(emulator.url, token)).toBe(401);
      await expect.poll(() => ui.text(row), POLL).toContain('Revoked');
      // The token on screen went with the revocation; it cannot be revealed again.
      expect(await ui.page.locator('code.token').count()).toBe(0);
      const card = ui.page.getByRole('region', { name: `Token for ${USER}` });
      expect(await ui.button('Reveal', card).isDisabled()).toBe(true);
    });

    it('kept the token out of web storage, IndexedDB, the address, the files and the app’s output', async () => {
      const snapshot = await ui.storage();
      expect(snapshot).toEqual({
        localStorage: {},
        sessionStorage: {},
        indexedDb: [],
        url: `${app.origin}/`,
      });
      expect(token).not.toBe('');
      const files = readdirSync(app.configDir, { recursive: true, withFileTypes: true })
        .filter((entry) => entry.isFile())
        .map((entry) => join(entry.parentPath, entry.name));
      expect(files.length).toBeGreaterThan(0);
      for (const text of [...files.map((f) => readFileSync(f, 'latin1')), app.output()]) {
        expect(text).not.toContain(token);
        expect(text).not.toContain('demo-secret-key');
      }
    });

    it('ran without script errors, console errors or CSP violations', () => {
      expect(ui.problems).toEqual([]);
    });
  },
);
