// Issue 12: what the CLI reads from files it did not write. An import file may be a FIFO, a
// device or huge; a hand-edited settings file may carry terminal escape sequences in a name.
import { execFileSync } from 'node:child_process';
import { readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requireBuiltCli, TsmSandbox } from './support/run-tsm.js';

let sandbox: TsmSandbox;

beforeAll(() => {
  requireBuiltCli();
  sandbox = new TsmSandbox();
});
afterAll(() => sandbox.dispose());

const EXPORT = (profiles: unknown[]): string =>
  JSON.stringify({ format: 'tsm-profiles', version: 1, profiles });

describe('tsm profile import reads only a regular file of bounded size', () => {
  // Spawned with a deadline: a blocking read in this process would stall the test runner itself.
  it('a FIFO is refused at once, not waited on', { timeout: 10_000 }, async () => {
    const fifo = join(sandbox.configDir, 'import.fifo');
    execFileSync('mkfifo', [fifo]);
    const result = await sandbox.spawn(['profile', 'import', fifo], { timeoutMs: 5_000 });
    expect(result).toEqual({
      code: 2,
      signal: null,
      stdout: '',
      stderr: `tsm: The import file ${fifo} is not a regular file\n`,
    });
  });

  it('/dev/zero is refused without reading it', { timeout: 10_000 }, async () => {
    const result = await sandbox.spawn(['profile', 'import', '/dev/zero'], { timeoutMs: 5_000 });
    expect(result).toEqual({
      code: 2,
      signal: null,
      stdout: '',
      stderr: 'tsm: The import file /dev/zero is not a regular file\n',
    });
  });

  it('a file over 5 MiB is refused by its size', async () => {
    const big = join(sandbox.configDir, 'big.json');
    writeFileSync(big, '');
    truncateSync(big, 64 * 1024 * 1024);
    const result = await sandbox.run(['profile', 'import', big]);
    expect(result).toEqual({
      code: 2,
      stdout: '',
      stderr: 'tsm: The import file is larger than 5 MiB\n',
    });
  });

  it('a missing file says which and why', async () => {
    const missing = join(sandbox.configDir, 'nope.json');
    expect(await sandbox.run(['profile', 'import', missing])).toEqual({
      code: 2,
      stdout: '',
      stderr: `tsm: The import file ${missing} cannot be read (ENOENT)\n`,
    });
  });

  it('warns of imported profiles that weaken TLS, as profile add does', async () => {
    const file = join(sandbox.configDir, 'tls.json');
    const ca = join(sandbox.configDir, 'corp.pem');
    writeFileSync(ca, '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n');
    writeFileSync(
      file,
      EXPORT([
        { name: 'Open', url: 'https://open.example.com', username: 'u', tls: { insecure: true } },
        {
          name: 'Ca',
          url: 'https://ca.example.com',
          username: 'u',
          tls: { caFile: ca },
        },
        { name: 'Plain', url: 'https://plain.example.com', username: 'u' },
      ]),
    );
    const result = await sandbox.run(['profile', 'import', file]);
    expect(result).toEqual({
      code: 0,
      stdout: 'Imported 3 profile(s): Open, Ca, Plain\n',
      stderr:
        'tsm: WARNING: "Open" accepts any TLS certificate; anyone on the network can read its password\n' +
        `tsm: WARNING: "Ca" trusts the certificates in ${ca}\n`,
    });
    const add = await sandbox.run([
      'profile',
      'add',
      'Open2',
      '--url',
      'https://open2.example.com',
      '--user',
      'u',
      '--insecure',
    ]);
    expect(add.stderr).toBe(
      'tsm: WARNING: "Open2" accepts any TLS certificate; anyone on the network can read its password\n',
    );
  });
});

describe('text from a hand-edited settings file reaches the terminal without control characters', () => {
  const HOSTILE = 'Ev\u001b[31mil\r\n\u001b]52;c;aGk=\u0007\u009b2J';
  const SHOWN = 'Ev[31mil  ]52;c;aGk=2J';

  it('tsm profile list, show and a message naming the profile print no ESC, BEL, CR or C1', async () => {
    const other = new TsmSandbox();
    try {
      const add = await other.run([
        'profile',
        'add',
        'Plain',
        '--url',
        'https://x.example.com',
        '--user',
        'u',
      ]);
      expect(add.code, add.stderr).toBe(0);
      const path = join(other.configDir, 'settings.json');
      const settings = JSON.parse(readFileSync(path, 'utf8')) as {
        profiles: { name: string; username: string }[];
      };
      const [profile] = settings.profiles;
      if (!profile) throw new Error('no profile written');
      profile.name = HOSTILE;
      profile.username = `u${HOSTILE}`;
      writeFileSync(path, JSON.stringify(settings));

      const json = await other.run(['profile', 'list', '--json']);
      // Scripts still get the data as it is, escaped.
      const [parsed] = JSON.parse(json.stdout) as { id: string; name: string }[];
      expect(parsed?.name).toBe(HOSTILE);
      const outputs = [
        json,
        await other.run(['profile', 'list']),
        await other.run(['profile', 'show', parsed?.id ?? '']),
        await other.run(['profile', 'default', parsed?.id ?? '']),
      ];
      for (const { stdout, stderr } of outputs) {
        // eslint-disable-next-line no-control-regex -- looking for control characters is the point
        expect(`${stdout}${stderr}`.replace(/\n/g, '')).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
      }
      const [, list, show, made] = outputs;
      expect(list?.stdout).toContain(`*  ${SHOWN}  https://x.example.com  u${SHOWN}  password`);
      expect(show?.stdout).toContain(`\nname: ${SHOWN}\n`);
      expect(made?.stdout).toBe(`"${SHOWN}" is now the default profile\n`);
    } finally {
      other.dispose();
    }
  });
});
