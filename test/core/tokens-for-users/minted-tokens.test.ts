// The window's channels for tokens for other users, through the real handler table and dispatch:
// AppServices against the emulator over real HTTP, the secret key in a private gnome-keyring.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppServices } from '../../../electron/core/app/app-services.js';
import { fingerprint } from '../../../electron/core/audit/audit-log.js';
import { MemoryClipboard } from '../../../electron/core/clipboard/token-clipboard.js';
import type { ChannelName, RequestOf, ResponseOf } from '../../../electron/ipc/contract.js';
import { dispatch } from '../../../electron/ipc/dispatch.js';
import { createHandlers } from '../../../electron/ipc/handlers.js';
import type { WireError } from '../../../electron/ipc/wire-error.js';
import { startEmulator, type RunningEmulator } from '../../emulator/index.js';
import { clearService, requireKeyring, uniqueService } from '../secrets/support/keyring.js';

let emulator: RunningEmulator;
let configDir: string;
let service: string;
let clipboard: MemoryClipboard;
let services: AppServices;
let handlers: ReturnType<typeof createHandlers>;
let adminId: string;
let passwordId: string;

beforeAll(async () => {
  requireKeyring();
  emulator = await startEmulator({ port: 0 });
  configDir = mkdtempSync(join(tmpdir(), 'tsm-minted-'));
  service = uniqueService('minted');
  clipboard = new MemoryClipboard();
  services = new AppServices({
    configDir,
    env: { ...process.env, TSM_KEYCHAIN_SERVICE: service },
    clipboard,
  });
  handlers = createHandlers(services);
  const add = (name: string, auth: 'secret-key' | 'password') =>
    services.profiles.add({ name, url: emulator.url, username: 'tsadmin', auth, autoRenew: true });
  adminId = (await add('Embed', 'secret-key')).id;
  passwordId = (await add('Admin', 'password')).id;
  await services.manager.signIn(adminId, {
    method: 'secret-key',
    secretKey: 'demo-secret-key',
    remember: true,
  });
});
afterAll(async () => {
  services.dispose();
  await clearService(service);
  rmSync(configDir, { recursive: true, force: true });
  await emulator.close();
});

async function call<C extends ChannelName>(
  channel: C,
  request: RequestOf<C>,
): Promise<ResponseOf<C>> {
  const envelope = await dispatch(handlers, channel, request);
  if (!envelope.ok) throw new Error(`${channel}: ${envelope.error.code} ${envelope.error.message}`);
  return envelope.data as ResponseOf<C>;
}

async function refused(channel: ChannelName, request: unknown): Promise<WireError> {
  const envelope = await dispatch(handlers, channel, request);
  if (envelope.ok) throw new Error(`${channel} accepted ${JSON.stringify(request)}`);
  return envelope.error;
}

const whoAmI = async (token: string): Promise<number> =>
  (
    await fetch(`${emulator.url}/api/rest/2.0/auth/session/user`, {
      headers: { Authorization: `Bearer ${token}`, Accept: 'application/json' },
    })
  ).status;

const TWO_RULES = [
  { column: 'Region', operator: 'EQ', values: 'West' },
  { column: 'Customer Id', operator: 'IN', values: 'ACME-42, B-7' },
];

describe('tokens for users, over the window’s channels', () => {
  let token = '';
  let mintId = '';

  it('mints a custom token for a new user with two rules; the answer holds no token', async () => {
    const summary = await call('tokens:mint', {
      profileId: adminId,
      user: 'window-new',
      kind: 'custom',
      filterRules: TWO_RULES,
      persist: 'REPLACE',
      validitySeconds: 900,
    });
    expect(summary).toMatchObject({
      user: 'window-new',
      kind: 'custom',
      org: { id: 0, name: 'Primary' },
      scope: { access: 'CUSTOM', persist: 'REPLACE' },
    });
    expect(summary.expiresAt - summary.createdAt).toBe(900_000);
    expect(emulator.userOf('window-new')).toBeDefined();
    expect(emulator.persistedRules('window-new')?.filter_rules).toEqual([
      { column_name: 'Region', operator: 'EQ', values: ['West'] },
      { column_name: 'Customer Id', operator: 'IN', values: ['ACME-42', 'B-7'] },
    ]);
    mintId = summary.mintId;
    token = (await call('tokens:revealMinted', { mintId })).token;
    expect(summary.fingerprint).toBe(fingerprint(token));
    expect(JSON.stringify(summary)).not.toContain(token);
    expect(await whoAmI(token)).toBe(200);
    // The profile's own token is not the minted one.
    const own = await services.manager.getToken(adminId, { minTtlSeconds: 0 });
    expect(own.token).not.toBe(token);
    expect(own.username).toBe('tsadmin');
  });

  it('copies the token, as curl, and as a Visual Embed SDK snippet, and logs each by fingerprint', async () => {
    expect(await call('tokens:copyMinted', { mintId, format: 'token' })).toEqual({
      copiedBy: 'app',
      clearsAfterSeconds: services.preferences.read().clipboardClearSeconds,
    });
    expect(clipboard.text).toBe(token);
    await call('tokens:copyMinted', { mintId, format: 'curl' });
    expect(clipboard.text).toBe(
      `curl -H 'Authorization: Bearer ${token}' -H 'Accept: application/json' '${emulator.url}/api/rest/2.0/auth/session/user'`,
    );
    await call('tokens:copyMinted', { mintId, format: 'sdk' });
    expect(clipboard.text).toBe(
      [
        "import { AuthType, init } from '@thoughtspot/visual-embed-sdk';",
        '',
        'init({',
        `  thoughtSpotHost: '${emulator.url}',`,
        '  authType: AuthType.TrustedAuthTokenCookieless,',
        `  getAuthToken: () => Promise.resolve('${token}'),`,
        '});',
      ].join('\n'),
    );
    const log = services.audit.read({ profileId: adminId });
    const ofToken = log.filter((e) => e.fingerprint === fingerprint(token)).map((e) => e.action);
    // Newest first: three copies, the reveal, the mint.
    expect(ofToken).toEqual(['copied', 'copied', 'copied', 'copied', 'minted']);
    expect(log.find((e) => e.action === 'minted')?.message).toBe(
      'minted for window-new (custom, 2 rules, REPLACE)',
    );
  });

  it('lists this run’s tokens of the profile by fingerprint only', async () => {
    const listed = await call('tokens:mintedList', { profileId: adminId });
    expect(listed.map((s) => s.mintId)).toEqual([mintId]);
    expect(JSON.stringify(listed)).not.toContain(token);
    expect(await call('tokens:mintedList', { profileId: passwordId })).toEqual([]);
  });

  it('shows each form problem at its field, with the same checks as the CLI', async () => {
    const asked = emulator.mintRequests().length;
    const error = await refused('tokens:mint', {
      profileId: adminId,
      user: 'window-new',
      kind: 'custom',
      filterRules: [{ column: 'Year', operator: 'BW', values: '2020' }],
      persist: 'REPLACE',
    });
    expect(error).toEqual({
      code: 'INVALID_INPUT',
      message: 'Filter rule 1: BW takes two values (a range)',
      details: { field: 'filterRules.0' },
    });
    // A profile that cannot mint says so first, whatever the form holds.
    const wrongProfile = await refused('tokens:mint', {
      profileId: passwordId,
      user: '',
      kind: 'full',
    });
    expect(wrongProfile.message).toContain(
      "tokens for other users need a profile that signs in with the cluster's secret key",
    );
    // Nothing reached the cluster.
    expect(emulator.mintRequests()).toHaveLength(asked);
  });

  it('revokes every token of the user as admin: the cluster refuses it, and it is forgotten here', async () => {
    expect(await call('tokens:revokeForUser', { profileId: adminId, user: 'window-new' })).toEqual({
      user: 'window-new',
      forgotten: 1,
    });
    expect(await whoAmI(token)).toBe(401);
    const [entry] = await call('tokens:mintedList', { profileId: adminId });
    expect(entry?.revokedAt).toEqual(expect.any(Number));
    expect(await refused('tokens:revealMinted', { mintId })).toMatchObject({
      code: 'TOKEN_REVOKED',
    });
    clipboard.text = 'untouched';
    expect(await refused('tokens:copyMinted', { mintId, format: 'token' })).toMatchObject({
      code: 'TOKEN_REVOKED',
    });
    expect(clipboard.text).toBe('untouched');
    expect(await refused('tokens:revealMinted', { mintId: crypto.randomUUID() })).toMatchObject({
      code: 'INVALID_INPUT',
    });
  });

  it('kept the minted token out of every file under the config directory', () => {
    const files = readdirSync(configDir, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => join(entry.parentPath, entry.name));
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) expect(readFileSync(file, 'latin1')).not.toContain(token);
    expect(readFileSync(join(configDir, 'audit.log'), 'utf8')).toContain(fingerprint(token));
  });
});
