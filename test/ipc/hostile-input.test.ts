import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppServices } from '../../electron/core/app/app-services.js';
import { MemoryClipboard } from '../../electron/core/clipboard/token-clipboard.js';
import { loadKeytar } from '../../electron/core/secrets/index.js';
import { CHANNEL_NAMES, type ChannelName } from '../../electron/ipc/contract.js';
import { dispatch } from '../../electron/ipc/dispatch.js';
import { createHandlers } from '../../electron/ipc/handlers.js';
import { TsmSandbox } from '../cli/support/run-tsm.js';

let sandbox: TsmSandbox;
let services: AppServices;
let profileId: string;

beforeAll(async () => {
  if (!process.env.DBUS_SESSION_BUS_ADDRESS)
    throw new Error('Run under test/keyring/with-keyring.sh (npm test does)');
  sandbox = new TsmSandbox();
  services = new AppServices({
    configDir: sandbox.configDir,
    env: sandbox.env(),
    clipboard: new MemoryClipboard(),
  });
  profileId = (
    await services.profiles.add({ name: 'Prod', url: 'https://prod.example.com', username: 'me' })
  ).id;
});
afterAll(() => {
  services.dispose();
  sandbox.dispose();
});

const huge = 'x'.repeat(100_000);
const badIds = [undefined, '', 42, huge, '../etc/passwd', 'a\nb', { $ne: null }];

/** Malformed, oversized and injection-shaped requests for each channel. */
function hostile(channel: ChannelName, id: () => string): unknown[] {
  const common: unknown[] = [42, 'text', [], { extra: true }];
  const ref = (value: unknown) => ({ profileId: value });
  switch (channel) {
    case 'profiles:list':
    case 'settings:get':
      return [42, 'text', [], { extra: true }];
    case 'profiles:save': {
      const input = { name: 'New', url: 'https://x.example.com', username: 'u' };
      return [
        ...common,
        {},
        { input: { ...input, name: huge } },
        { input: { ...input, username: 'evil\r\nX-Injected: 1' } },
        { input: { ...input, url: 'javascript:alert(1)' } },
        { input: { ...input, url: 'https://admin:hunter2@x.example.com' } },
        { input: { ...input, url: 'https://x.example.com\r\nHost: evil' } },
        { input: { ...input, name: 'Prod' } },
        { input: { ...input, validitySeconds: -1 } },
        { input: { ...input, org: 1.5 } },
        { input: { ...input, auth: 'kerberos' } },
        { input: { ...input, password: 'hunter2' } },
        { input: { ...input, tls: { caFile: '/etc/passwd' } } },
        { profileId: 'no-such-profile', input },
      ];
    }
    case 'profiles:checkUrl':
      return [
        ...common,
        {},
        { url: huge },
        { url: 'javascript:alert(1)' },
        { url: 'file:///etc/passwd' },
        { url: 'https://a:b@c.example.com' },
      ];
    case 'session:login':
      return [
        ...common,
        ...badIds.map((value) => ({
          profileId: value,
          method: 'password',
          password: 'x',
          kind: 'bearer',
        })),
        { profileId: id(), method: 'password', password: '', kind: 'bearer' },
        { profileId: id(), method: 'password', password: huge, kind: 'bearer' },
        { profileId: id(), method: 'password', password: 'x', kind: 'telepathy' },
        { profileId: id(), method: 'magic', password: 'x' },
        { profileId: id(), method: 'token', token: 'a b\nc' },
        { profileId: 'no-such-profile', method: 'password', password: 'x', kind: 'bearer' },
      ];
    case 'session:copyToken':
      return [
        ...common,
        { profileId: id(), format: 'html' },
        ...badIds.map((value) => ({ profileId: value, format: 'token' })),
      ];
    case 'session:getToken':
      return [
        ...common,
        { profileId: id(), minTtlSeconds: -5 },
        { profileId: id(), minTtlSeconds: 'soon' },
        ...badIds.map(ref),
      ];
    case 'orgs:switch':
      return [
        ...common,
        ...badIds.map((value) => ({ profileId: value, org: 'Sales' })),
        { profileId: id() },
        { profileId: id(), org: '' },
        { profileId: id(), org: '   ' },
        { profileId: id(), org: huge },
        { profileId: id(), org: 1 },
        { profileId: id(), org: 'Sales', extra: true },
      ];
    case 'audit:list':
      return [42, 'text', { limit: 0 }, { limit: 1e9 }, { profileId: 'a\nb' }, { extra: 1 }];
    case 'settings:set':
      return [
        ...common,
        { clipboardClearSeconds: 0 },
        { clipboardClearSeconds: '30' },
        { revokeOnQuit: 'yes' },
      ];
    case 'secrets:useEncryptedFile':
      return [
        ...common,
        {},
        { passphrase: '' },
        { passphrase: huge },
        { passphrase: 'correct horse' },
      ];
    default:
      return [...common, {}, ...badIds.map(ref), { profileId: 'no-such-profile' }];
  }
}

describe('every IPC channel refuses hostile input with INVALID_INPUT and changes nothing', () => {
  it('covers every channel of the contract', async () => {
    const handlers = createHandlers(services);
    const settingsBefore = readFileSync(services.profiles.path, 'utf8');
    let tried = 0;
    const accepted: string[] = [];
    for (const channel of CHANNEL_NAMES) {
      const cases = hostile(channel, () => profileId);
      expect(cases.length, channel).toBeGreaterThan(3);
      for (const request of cases) {
        tried++;
        const envelope = await dispatch(handlers, channel, request);
        if (envelope.ok || envelope.error.code !== 'INVALID_INPUT') {
          accepted.push(
            `${channel} ${JSON.stringify(request).slice(0, 80)} → ${JSON.stringify(envelope).slice(0, 160)}`,
          );
        }
      }
    }
    expect(accepted).toEqual([]);
    expect(readFileSync(services.profiles.path, 'utf8')).toBe(settingsBefore);
    const keytar = await loadKeytar();
    expect(
      (await keytar.findCredentials(sandbox.service)).filter((c) => c.account.includes('/')),
    ).toEqual([]);
    expect(tried).toBeGreaterThan(150);
  });

  it('refuses unknown channels and non-string channel names', async () => {
    const handlers = createHandlers(services);
    for (const channel of ['nope', 'profiles:list\n', '__proto__', 'constructor', 42, null]) {
      const envelope = await dispatch(handlers, channel, undefined);
      expect(envelope).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    }
  });

  it('never echoes a secret from a bad request', async () => {
    const handlers = createHandlers(services);
    const envelope = await dispatch(handlers, 'session:login', {
      profileId,
      method: 'password',
      password: 'hunter2-secret',
      kind: 'bearer',
      extra: 'x',
    });
    expect(JSON.stringify(envelope)).not.toContain('hunter2-secret');
  });
});
