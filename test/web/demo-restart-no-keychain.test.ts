// `npm run -s web -- --demo` a second time on a machine without a keychain: the demo cluster has a
// new port, so the demo profiles move to it, which would forget their old secrets; with the
// keychain out of reach that cannot happen, and the app must start anyway (it used to die).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startWebApp } from '../e2e/web/support/web-app.js';

const configDir = mkdtempSync(join(tmpdir(), 'tsm-demo-restart-'));
// An empty bus address and no display: libsecret cannot reach any Secret Service.
const env = { TSM_CONFIG_DIR: configDir, DBUS_SESSION_BUS_ADDRESS: '', DISPLAY: '' };
afterAll(() => rmSync(configDir, { recursive: true, force: true }));

const demoUrls = () => {
  const settings = JSON.parse(readFileSync(join(configDir, 'settings.json'), 'utf8')) as {
    profiles: { name: string; url: string }[];
  };
  return settings.profiles.map((p) => `${p.name} ${p.url}`);
};

describe('the demo, started again without a keychain', () => {
  it('moves the demo profiles to the new port and serves the window', async () => {
    const first = await startWebApp(env);
    const before = demoUrls();
    await first.stop();
    expect(before).toHaveLength(2);

    const second = await startWebApp(env);
    try {
      const after = demoUrls();
      expect(after).toHaveLength(2);
      expect(after).not.toEqual(before); // the new emulator port
      expect((await fetch(second.url)).status).toBe(200);
      expect(second.output()).not.toMatch(/KeychainError|at async/);
    } finally {
      await second.stop();
    }
  }, 60_000);
});
