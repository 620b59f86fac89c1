// Each way the keychain can be missing, produced for real in a child process with its own
// environment: no D-Bus, a stale bus address, a bus without a Secret Service, a Secret Service
// that fails to start, one without a login keyring, a locked keyring, and a dismissed prompt.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  bareEnv,
  PROBE_SECRET,
  resultOf,
  runProbe,
  WITH_KEYRING,
  type ProbeRun,
} from './support/run-probe.js';

let root: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'tsm-unavailable-'));
});
afterAll(() => rm(root, { recursive: true, force: true }));

async function freshEnv(name: string): Promise<NodeJS.ProcessEnv> {
  const home = join(root, name);
  await mkdir(home, { mode: 0o700 });
  return bareEnv(home);
}

/** A session bus config with no Secret Service, or with one whose program fails to start. */
async function busConfig(name: string, failingService: boolean): Promise<string> {
  const dir = join(root, name);
  await mkdir(dir, { recursive: true });
  let serviceDir = '';
  if (failingService) {
    const service = '[D-BUS Service]\nName=org.freedesktop.secrets\nExec=/bin/false\n';
    await writeFile(join(dir, 'org.freedesktop.secrets.service'), service);
    serviceDir = `<servicedir>${dir}</servicedir>`;
  }
  const config = `<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:tmpdir=${dir}</listen>
  ${serviceDir}
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/><allow eavesdrop="true"/><allow own="*"/>
  </policy>
</busconfig>`;
  const file = join(dir, 'bus.conf');
  await writeFile(file, config);
  return file;
}

/** Every failed operation names its problem and never carries the probe's secret. */
function expectProblem(run: ProbeRun, op: string, problem: string, message: RegExp): string {
  const result = resultOf(run, op);
  expect(result, run.stderr).toMatchObject({ ok: false, code: 'KEYCHAIN_UNAVAILABLE', problem });
  expect(result.message).toMatch(message);
  expect(JSON.stringify(result)).not.toContain(PROBE_SECRET);
  return result.details?.debug ?? '';
}

describe('when there is no keychain to talk to', () => {
  it('reports NO_DBUS when no D-Bus session runs at all, and open does not fall back unasked', async () => {
    const run = await runProbe(
      ['set', 'get', 'accounts', 'delete', 'open', 'open-fallback', 'lookup'],
      await freshEnv('no-dbus'),
    );
    expect(resultOf(run, 'lookup')).toMatchObject({ ok: true, value: 'unavailable' });
    for (const op of ['set', 'get', 'accounts', 'delete', 'open']) {
      const debug = expectProblem(
        run,
        op,
        'NO_DBUS',
        /^No D-Bus session is running, so the keychain/,
      );
      expect(debug).toBe('Cannot autolaunch D-Bus without X11 $DISPLAY');
    }
    expect(resultOf(run, 'open-fallback')).toMatchObject({ ok: true, value: 'encrypted-file' });
  });

  it('reports NO_DBUS when DBUS_SESSION_BUS_ADDRESS names a bus that is gone', async () => {
    const env = await freshEnv('stale-bus');
    env.DBUS_SESSION_BUS_ADDRESS = `unix:path=${join(root, 'stale-bus', 'gone')}`;
    const run = await runProbe(['get', 'set', 'lookup'], env);
    expect(resultOf(run, 'lookup')).toMatchObject({ ok: true, value: 'unavailable' });
    for (const op of ['get', 'set']) {
      const debug = expectProblem(run, op, 'NO_DBUS', /does not answer/);
      expect(debug).toBe('Could not connect: No such file or directory');
    }
  });

  it('reports NO_SECRET_SERVICE on a D-Bus session without one', async () => {
    const config = await busConfig('no-service', false);
    const run = await runProbe(
      ['lookup', 'get', 'set', 'accounts', 'open', 'open-fallback'],
      await freshEnv('no-service-env'),
      ['dbus-run-session', `--config-file=${config}`, '--'],
    );
    expect(resultOf(run, 'lookup')).toMatchObject({ ok: true, value: 'unavailable' });
    for (const op of ['get', 'set', 'accounts', 'open']) {
      const debug = expectProblem(run, op, 'NO_SECRET_SERVICE', /no keychain \(Secret Service/);
      expect(debug).toMatch(
        /The name org\.freedesktop\.secrets was not provided by any \.service files/,
      );
    }
    expect(resultOf(run, 'open-fallback')).toMatchObject({ ok: true, value: 'encrypted-file' });
  });

  it('reports NO_SECRET_SERVICE when the Secret Service fails to start', async () => {
    const config = await busConfig('failing-service', true);
    const run = await runProbe(['lookup', 'get', 'set'], await freshEnv('failing-service-env'), [
      'dbus-run-session',
      `--config-file=${config}`,
      '--',
    ]);
    expect(resultOf(run, 'lookup')).toMatchObject({ ok: true, value: 'unavailable' });
    for (const op of ['get', 'set']) {
      const debug = expectProblem(run, op, 'NO_SECRET_SERVICE', /failed to start/);
      expect(debug).toBe(
        'Error calling StartServiceByName for org.freedesktop.secrets: ' +
          'Process org.freedesktop.secrets exited with status 1',
      );
    }
  });
});

describe('when the keychain is there but closed', () => {
  it('reports LOCKED when gnome-keyring has no login keyring and cannot prompt for one', async () => {
    // A plain session bus starts gnome-keyring on demand; with no display it cannot create one.
    // The fast path's lookup never starts it: unavailable, and the bus still has no keychain.
    const run = await runProbe(
      ['lookup', 'bus-has-secrets', 'get-missing', 'set'],
      await freshEnv('no-login'),
      ['dbus-run-session', '--'],
    );
    expect(resultOf(run, 'lookup')).toMatchObject({ ok: true, value: 'unavailable' });
    expect(resultOf(run, 'bus-has-secrets')).toMatchObject({ ok: true, value: false });
    for (const op of ['get-missing', 'set']) {
      const debug = expectProblem(run, op, 'LOCKED', /^The keychain has no default keyring/);
      expect(debug).toBe(
        'Object does not exist at path “/org/freedesktop/secrets/collection/login”',
      );
    }
  });

  it('reports LOCKED for every operation on a locked keyring, and never crashes listing it', async () => {
    // Its own private keyring, so locking it cannot disturb the other test files.
    const run = await runProbe(
      [
        ...['set', 'lookup', 'get-missing', 'lock', 'lookup'],
        ...['get', 'get-missing', 'set', 'delete', 'accounts', 'open', 'open-fallback'],
      ],
      await freshEnv('locked'),
      [WITH_KEYRING],
    );
    expect(resultOf(run, 'set')).toMatchObject({ ok: true });
    // The fast path reads what keytar wrote, and a locked entry is not its to unlock.
    expect(resultOf(run, 'lookup', 0)).toMatchObject({ ok: true, value: { found: PROBE_SECRET } });
    expect(resultOf(run, 'lookup', 1)).toMatchObject({ ok: true, value: 'absent' });
    expect(resultOf(run, 'get-missing')).toMatchObject({ ok: true, value: null });
    for (const [op, index] of [
      ['get', 0],
      ['get-missing', 1],
      ['set', 1],
      ['delete', 0],
      ['accounts', 0],
    ] as const) {
      const result = resultOf(run, op, index);
      expect(result, `${op} #${index}`).toMatchObject({ ok: false, problem: 'LOCKED' });
      expect(result.message).toMatch(/^The keychain is locked, and no unlock prompt can be shown/);
      expect(result.details?.debug).toBe('Cannot create an item in a locked collection');
    }
    // A plain read works on a locked keyring (it answers "nothing"), so opening succeeds; and a
    // locked keychain is never bypassed for the file, even when the fallback was chosen.
    expect(resultOf(run, 'open')).toMatchObject({ ok: true, value: 'keychain' });
    expect(resultOf(run, 'open-fallback')).toMatchObject({ ok: true, value: 'keychain' });
    expect(run.signal).toBeNull();
  });

  const xvfb = ['/usr/bin/Xvfb', '/usr/local/bin/Xvfb'].find((path) => existsSync(path));
  it.skipIf(xvfb === undefined)(
    'reports REFUSED when the unlock prompt is shown and closed unanswered (needs Xvfb)',
    async () => {
      const server = await startXvfb(xvfb ?? 'Xvfb');
      try {
        const env = { ...(await freshEnv('refused')), DISPLAY: server.display };
        const run = await runProbe(
          ['set', 'lock', 'dismiss-prompts', 'set', 'get', 'prompts-dismissed'],
          env,
          [WITH_KEYRING],
        );
        for (const [op, index] of [
          ['set', 1],
          ['get', 0],
        ] as const) {
          const result = resultOf(run, op, index);
          expect(result, `${op} #${index}`).toMatchObject({ ok: false, problem: 'REFUSED' });
          expect(result.message).toMatch(/unlock prompt was dismissed/);
          expect(result.details?.debug).toBe('Cannot create an item in a locked collection');
        }
        // Real prompts came up and were closed: one for the write, up to three for the read.
        expect(resultOf(run, 'prompts-dismissed').value).toBeGreaterThanOrEqual(2);
      } finally {
        server.process.kill();
      }
    },
  );
});

/** Xvfb on a free display (it picks one and tells us through fd 3). */
function startXvfb(binary: string): Promise<{ process: ChildProcess; display: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(binary, ['-displayfd', '3', '-nolisten', 'tcp'], {
      stdio: ['ignore', 'ignore', 'ignore', 'pipe'],
    });
    const fd = child.stdio[3] as NodeJS.ReadableStream;
    let text = '';
    fd.on('data', (chunk: Buffer) => {
      text += chunk.toString();
      if (text.includes('\n')) resolve({ process: child, display: `:${text.trim()}` });
    });
    child.on('error', reject);
    child.on('exit', (code) => reject(new Error(`Xvfb exited with ${String(code)}`)));
  });
}
