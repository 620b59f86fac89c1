import { describe, expect, it } from 'vitest';
import { fetchChoice, needsNodeTls } from '../../../electron/core/shell/fetch-choice.js';
import type { FetchLike } from '../../../electron/core/thoughtspot/index.js';
import { startEmulator } from '../../emulator/index.js';

describe('which fetch a profile uses', () => {
  it('needs Node TLS only for its own CA or the insecure switch', () => {
    expect(needsNodeTls({})).toBe(false);
    expect(needsNodeTls({ dangerouslyAcceptAnyCertificate: false })).toBe(false);
    expect(needsNodeTls({ caPem: '-----BEGIN CERTIFICATE-----' })).toBe(true);
    expect(needsNodeTls({ dangerouslyAcceptAnyCertificate: true })).toBe(true);
  });

  it("uses the platform's fetch for plain profiles, Node's TLS for one with its own CA", async () => {
    const platform: FetchLike = (url, init) => fetch(url, init);
    const choose = fetchChoice(platform);
    expect(choose({})).toBe(platform);
    const emulator = await startEmulator({ port: 0, tls: {} });
    try {
      const own = choose({ caPem: emulator.caPem ?? '' });
      expect(own).not.toBe(platform);
      // The profile's CA is trusted by the fetch chosen for it: a real TLS handshake succeeds.
      const url = `${emulator.url}/api/rest/2.0/system`;
      const init = () => ({
        method: 'GET' as const,
        headers: {},
        redirect: 'manual' as const,
        signal: AbortSignal.timeout(5_000),
      });
      const response = await own(url, init());
      expect(response.status).toBeLessThan(500);
      // ...which the platform's fetch, on the system's trust store, refuses.
      await expect(platform(url, init())).rejects.toThrow();
    } finally {
      await emulator.close();
    }
  });
});
