// A hostile cluster puts terminal escapes (ESC, CSI, OSC 52 "set the clipboard", C1) in who you
// are: the client hands back names, e-mail, org and privileges with every control character gone.
import { afterEach, describe, expect, it } from 'vitest';
import {
  createCookieJar,
  ThoughtSpotClient,
  type Dialect,
} from '../../../electron/core/thoughtspot/index.js';
import { startRawServer, type RawServer } from '../../support/raw-server.js';

const OSC52 = '\u001b]52;c;ZWNobyBwd25lZA==\u0007'; // would put "echo pwned" on the clipboard
const CSI = '\u001b[2J\u001b[31m';
const C1 = '\u009b1m';
const hostile = (text: string) => `${text}${OSC52}${CSI}${C1}\r\n`;
// eslint-disable-next-line no-control-regex -- the assertion is about control characters
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

const bodies: Record<Dialect, object> = {
  A: {
    userName: hostile('eve'),
    userDisplayName: hostile('Eve Admin'),
    userEmail: hostile('eve@example.com'),
    userGUID: 'u-1',
    privileges: [hostile('ADMINISTRATION')],
  },
  B: {
    userName: hostile('eve'),
    userDisplayName: hostile('Eve Admin'),
    userProperties: { mail: hostile('eve@example.com') },
  },
  C: {
    id: 'u-1',
    name: hostile('eve'),
    display_name: hostile('Eve Admin'),
    visibility: 'SHARABLE',
    email: hostile('eve@example.com'),
    privileges: [hostile('ADMINISTRATION')],
    current_org: { id: 0, name: hostile('Primary') },
  },
  V1: {
    userName: hostile('eve'),
    userDisplayName: hostile('Eve Admin'),
    userEmail: hostile('eve@example.com'),
    userGUID: 'u-1',
    privileges: [hostile('ADMINISTRATION')],
    currentOrgId: 0,
  },
};

let server: RawServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe.each(['A', 'B', 'C', 'V1'] as const)(
  'dialect %s: session info from a hostile server',
  (dialect) => {
    it('has no control character in any string it returns', async () => {
      server = await startRawServer((_request, response) => {
        response
          .writeHead(200, { 'Content-Type': 'application/json' })
          .end(JSON.stringify(bodies[dialect]));
      });
      // v1 has cookie sessions only; an empty jar still counts as one.
      const session =
        dialect === 'V1' ? { cookies: createCookieJar() } : { bearer: { token: 'tok-123' } };
      const client = new ThoughtSpotClient({ baseUrl: server.url, dialect, ...session });
      const info = await client.info();
      // The escapes are gone; their printable remains are harmless text.
      expect(info.username).toMatch(/^eve\]52;c;/);
      expect(info.displayName).toMatch(/^Eve Admin\]52;c;/);
      expect(info.email).toMatch(/^eve@example\.com\]52;c;/);
      const shown = [info.username, info.displayName, info.email, info.currentOrg?.name];
      for (const value of [...shown, ...info.privileges]) {
        if (value !== undefined) expect(value).not.toMatch(CONTROL);
      }
    });
  },
);
