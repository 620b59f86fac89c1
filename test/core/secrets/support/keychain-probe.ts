// Child process for the no-keychain tests: runs store operations named on the command line in
// whatever environment the test gave it, and prints one JSON line per operation.
import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isAppError, KeychainError } from '../../../../electron/core/errors/index.js';
import {
  KeytarStore,
  keychainService,
  openSecretStore,
  type SecretStore,
} from '../../../../electron/core/secrets/index.js';
import {
  keytarAttributes,
  lookupSecret,
} from '../../../../electron/core/secrets/secret-service-lookup.js';
import { PROBE_SECRET } from './run-probe.js';
const configDir = mkdtempSync(join(tmpdir(), 'tsm-probe-'));
const store: SecretStore = new KeytarStore({ service: keychainService() });

const operations: Record<string, () => Promise<unknown>> = {
  set: () => store.set('probe/password', PROBE_SECRET),
  get: () => store.get('probe/password'),
  'get-missing': () => store.get('probe/missing'),
  delete: () => store.delete('probe/password'),
  // The fast path's own read, straight from the Secret Service (never starting or unlocking it).
  lookup: () => lookupSecret(keytarAttributes(keychainService(), 'probe/password'), process.env),
  'bus-has-secrets': () => {
    const reply = execFileSync('dbus-send', [
      '--session',
      '--print-reply=literal',
      '--dest=org.freedesktop.DBus',
      '/org/freedesktop/DBus',
      'org.freedesktop.DBus.NameHasOwner',
      'string:org.freedesktop.secrets',
    ]);
    return Promise.resolve(reply.toString().includes('true'));
  },
  accounts: () => store.accounts(),
  lock: () => {
    execFileSync('dbus-send', [
      '--session',
      '--print-reply',
      '--dest=org.freedesktop.secrets',
      '/org/freedesktop/secrets',
      'org.freedesktop.Secret.Service.Lock',
      'array:objpath:/org/freedesktop/secrets/collection/login',
    ]);
    return Promise.resolve('locked');
  },
  'dismiss-prompts': () => {
    dismissPrompts();
    return Promise.resolve('watching');
  },
  'prompts-dismissed': () => Promise.resolve(dismissed),
  open: async () => (await openSecretStore({ configDir })).kind,
  'open-fallback': async () => {
    const opened = await openSecretStore({
      configDir,
      fallback: 'encrypted-file',
      passphrase: () => Promise.resolve('probe passphrase'),
    });
    return opened.kind;
  },
};

/**
 * Plays a person closing every keychain prompt: whenever gnome-keyring's prompter (gcr-prompter,
 * started by the private bus for this test) is up, it is ended by its own pid, unanswered.
 */
let dismissed = 0;

function dismissPrompts(): void {
  const seen = new Set<number>();
  const closed = new Set<number>();
  const timer = setInterval(() => {
    execFile(
      'dbus-send',
      [
        '--session',
        '--print-reply=literal',
        '--dest=org.freedesktop.DBus',
        '/org/freedesktop/DBus',
        'org.freedesktop.DBus.GetConnectionUnixProcessID',
        'string:org.gnome.keyring.SystemPrompter',
      ],
      (error, stdout) => {
        const pid = Number(/(\d+)\s*$/.exec(stdout.trim())?.[1]);
        if (error || !pid) return;
        // Let the window come up first, then close it.
        if (!seen.has(pid)) {
          seen.add(pid);
          return;
        }
        if (closed.has(pid)) return;
        closed.add(pid);
        process.kill(pid);
        dismissed += 1;
      },
    );
  }, 200);
  timer.unref();
}

try {
  for (const op of process.argv.slice(2)) {
    const run = operations[op];
    if (run === undefined) throw new Error(`unknown probe operation ${op}`);
    try {
      console.log(JSON.stringify({ op, ok: true, value: (await run()) ?? null }));
    } catch (error) {
      if (!isAppError(error)) throw error;
      const problem = error instanceof KeychainError ? error.problem : undefined;
      const { name, code, message, details } = error;
      console.log(JSON.stringify({ op, ok: false, name, code, problem, message, details }));
    }
  }
} finally {
  rmSync(configDir, { recursive: true, force: true });
}
