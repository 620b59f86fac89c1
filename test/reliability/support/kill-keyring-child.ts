// Run by faults.test.ts as `test/keyring/with-keyring.sh node --import tsx <this file>`, in a
// private D-Bus session of its own: signs in (secrets go to that session's gnome-keyring), kills
// that daemon (found through its own bus, checked to be its own), then uses the vault again.
// Prints one JSON line per step; never lets an error escape unreported.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { AuditLog } from '../../../electron/core/audit/audit-log.js';
import { isAppError } from '../../../electron/core/errors/index.js';
import { ProfileStore } from '../../../electron/core/profiles/index.js';
import { openSecretStore, ProfileVault } from '../../../electron/core/secrets/index.js';
import { SessionManager } from '../../../electron/core/session/index.js';
import { FAULT_USER } from './fault-world.js';

const STEP_DEADLINE_MS = 8_000;

function need(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
}

const report = (line: Record<string, unknown>): void =>
  void process.stdout.write(`${JSON.stringify(line)}\n`);

/** The pid behind org.freedesktop.secrets on this process's own session bus. */
function secretServicePid(): number {
  const reply = execFileSync(
    'dbus-send',
    [
      '--session',
      '--print-reply=literal',
      '--dest=org.freedesktop.DBus',
      '/org/freedesktop/DBus',
      'org.freedesktop.DBus.GetConnectionUnixProcessID',
      'string:org.freedesktop.secrets',
    ],
    { encoding: 'utf8' },
  );
  const pid = Number(/(\d+)\s*$/.exec(reply)?.[1]);
  if (!Number.isInteger(pid) || pid <= 1) throw new Error(`no Secret Service pid in "${reply}"`);
  return pid;
}

/** Refuses to kill anything but a gnome-keyring-daemon started for this very private keyring. */
function checkOwn(pid: number): void {
  const comm = readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
  const environ = readFileSync(`/proc/${pid}/environ`, 'latin1').split('\0');
  const mine = `TSM_PRIVATE_KEYRING=${need('TSM_PRIVATE_KEYRING')}`;
  if (!comm.startsWith('gnome-keyring') || !environ.includes(mine)) {
    throw new Error(`pid ${pid} (${comm}) is not this session's keyring daemon`);
  }
}

async function step(op: string, work: () => Promise<unknown>): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<'hung'>((resolve) => {
    timer = setTimeout(() => resolve('hung'), STEP_DEADLINE_MS);
  });
  try {
    const outcome = await Promise.race([work().then(() => 'ok' as const), deadline]);
    report({ op, ok: outcome === 'ok', hung: outcome === 'hung' });
  } catch (error) {
    report(
      isAppError(error)
        ? {
            op,
            ok: false,
            code: error.code,
            problem: (error as { problem?: string }).problem,
            message: error.message,
            details: error.details,
          }
        : { op, ok: false, name: (error as Error).name, message: String(error) },
    );
  } finally {
    clearTimeout(timer);
  }
}

const cluster = need('TSM_FAULT_CLUSTER');
const configDir = need('TSM_FAULT_CONFIG');
if (process.env.DBUS_SESSION_BUS_ADDRESS === process.env.TSM_FAULT_PARENT_BUS) {
  throw new Error('this must run on a D-Bus session of its own');
}

const profiles = new ProfileStore({ configDir });
const vault = new ProfileVault(await openSecretStore({ configDir, service: 'tsm-fault-kill' }));
const manager = new SessionManager({
  profiles,
  vault,
  audit: new AuditLog(configDir),
  configDir,
  timeoutMs: 3_000,
});
const profile = await profiles.add({
  name: 'Prod',
  url: cluster,
  username: FAULT_USER.username,
  dialect: 'C',
});
const signIn = {
  method: 'password',
  password: FAULT_USER.password,
  kind: 'bearer',
  remember: true,
} as const;
await manager.signIn(profile.id, signIn);
report({ op: 'stored', value: await vault.entries(profile.id) });
const settingsBefore = readFileSync(profiles.path);

const pid = secretServicePid();
checkOwn(pid);
process.kill(pid, 'SIGKILL');
report({ op: 'killed', value: pid });
await new Promise((resolve) => setTimeout(resolve, 200));

await step('read the password', () => vault.getPassword(profile.id));
await step('token from the cache', () => manager.getToken(profile.id, { minTtlSeconds: 0 }));
await step('sign in again', () => manager.signIn(profile.id, signIn));
await step('store a password', () => vault.setPassword(profile.id, 'pw-never-stored-91c2'));
await step('list the secrets', () => vault.entries(profile.id));
await step('remove the profile', () => manager.removeProfile(profile.id));

report({
  op: 'settings unchanged',
  value: Buffer.compare(settingsBefore, readFileSync(profiles.path)) === 0,
});
report({ op: 'profiles', value: profiles.list().map((p) => p.name) });
manager.dispose();
