import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { AuditLog, type AuditEntry } from '../../../../electron/core/audit/audit-log.js';
import {
  ProfileStore,
  type Profile,
  type ProfileInput,
} from '../../../../electron/core/profiles/index.js';
import {
  openSecretStore,
  ProfileVault,
  type StoredToken,
} from '../../../../electron/core/secrets/index.js';
import {
  SessionManager,
  type SessionChange,
  type SessionManagerOptions,
  type SessionState,
} from '../../../../electron/core/session/index.js';
import {
  startEmulator,
  type EmulatorOptions,
  type EmulatorUser,
  type RunningEmulator,
} from '../../../emulator/index.js';
import { errorDataOfBodyC } from '../../../emulator/test-http.js';
import { clearService, requireKeyring, uniqueService } from '../../secrets/support/keyring.js';

/** A user whose password is unlike anything else in a settings file, so a leak is findable. */
export const DANA: EmulatorUser = {
  username: 'dana',
  password: 'pw-dana-5f1c9e-Quokka!',
  displayName: 'Dana Data',
  email: 'dana@example.com',
};
export const SECRET_KEY = 'sk-trusted-8d2b47-Narwhal';

/** One test's cluster, profile and manager in its file's config dir, on the emulator clock. */
export interface World {
  emulator: RunningEmulator;
  vault: ProfileVault;
  dir: string;
  profiles: ProfileStore;
  audit: AuditLog;
  manager: SessionManager;
  profile: Profile;
  changes: SessionChange[];
  now: () => number;
}

export interface WorldOptions {
  profile?: Partial<ProfileInput>;
  manager?: Partial<SessionManagerOptions>;
  emulator?: EmulatorOptions;
}

/**
 * Builds worlds and tears them down, on the real keychain under a service of the test file's own.
 * The emulator clock stands still (its source is frozen) unless a test moves it, so expiry times
 * are exact; the manager, the settings and the audit log read the same clock.
 *
 * One config directory per test file: conf compiles the settings schema once per store, which
 * costs more than everything else a test does. Each test gets its own emulator and profile (ids
 * are unique, so keychain entries never meet), and its profile is removed afterwards.
 */
export function useSessionWorlds(label: string) {
  const service = uniqueService(label);
  let opened: { vault: ProfileVault; dir: string; profiles: ProfileStore; audit: AuditLog };
  let clock: () => number = Date.now;
  const now = () => clock();
  const open: World[] = [];

  beforeAll(async () => {
    requireKeyring();
    const dir = mkdtempSync(join(tmpdir(), `tsm-${label}-`));
    opened = {
      vault: new ProfileVault(await openSecretStore({ configDir: dir, service })),
      dir,
      profiles: new ProfileStore({ configDir: dir, now }),
      audit: new AuditLog(dir, { now }),
    };
  });
  afterEach(closeAll);
  afterAll(async () => {
    await clearService(service);
    if (opened) rmSync(opened.dir, { recursive: true, force: true });
  });

  async function create(options: WorldOptions = {}): Promise<World> {
    const frozen = Date.now();
    const emulator = await startEmulator({
      users: [DANA],
      secretKey: SECRET_KEY,
      now: () => frozen,
      ...options.emulator,
    });
    const own = () => emulator.clock.now();
    clock = own; // the shared settings and audit log follow the newest world
    const { vault, dir, profiles, audit } = opened;
    const profile = await profiles.add({
      name: 'Prod',
      url: emulator.url,
      username: DANA.username,
      dialect: 'C',
      validitySeconds: 600,
      ...options.profile,
    });
    const manager = new SessionManager({
      profiles,
      vault,
      audit,
      configDir: dir,
      now: own,
      ...options.manager,
    });
    const changes: SessionChange[] = [];
    manager.subscribe((change) => changes.push(change));
    const world = { emulator, vault, dir, profiles, audit, manager, profile, changes, now: own };
    open.push(world);
    return world;
  }

  /** Another manager on the same directory and keychain: the CLI beside the app. */
  function sibling(world: World, options: Partial<SessionManagerOptions> = {}): SessionManager {
    const manager = new SessionManager({
      profiles: new ProfileStore({ configDir: world.dir, now }),
      vault: world.vault,
      audit: new AuditLog(world.dir, { now }),
      configDir: world.dir,
      now: world.now,
      ...options,
    });
    open.push({ ...world, manager });
    return manager;
  }

  async function closeAll(): Promise<void> {
    for (const world of open.splice(0)) {
      world.manager.dispose();
      await world.vault.removeProfile(world.profile.id);
      if (world.profiles.find(world.profile.id)) await world.profiles.remove(world.profile.id);
      await world.emulator.close();
    }
    clock = Date.now;
  }

  return { create, sibling };
}

export const password = (remember = false) =>
  ({ method: 'password', password: DANA.password, kind: 'bearer', remember }) as const;
export const cookie = (remember = false) =>
  ({ method: 'password', password: DANA.password, kind: 'cookie', remember }) as const;

export const auditOf = (w: World): AuditEntry[] => w.audit.read({ profileId: w.profile.id });
export const states = (w: World): SessionState[] => w.changes.map((c) => c.status.state);

export async function storedToken(w: World): Promise<StoredToken> {
  const token = await w.vault.getToken(w.profile.id);
  if (!token) throw new Error('no token in the keychain');
  return token;
}

/** A full-access token straight from the emulator (dialect C), as another tool would get one. */
export async function tokenFromCluster(
  emulator: RunningEmulator,
  validitySeconds: number,
  user: EmulatorUser = DANA,
): Promise<{ token: string; expiresAt: number }> {
  const response = await fetch(`${emulator.url}/api/rest/2.0/auth/token/full`, {
    method: 'POST',
    headers: { accept: 'application/json', 'content-type': 'application/json' },
    body: JSON.stringify({
      username: user.username,
      password: user.password,
      validity_time_in_sec: validitySeconds,
    }),
  });
  if (response.status !== 200) throw new Error(`token/full answered ${response.status}`);
  const body = (await response.json()) as { token: string; expiration_time_in_millis: number };
  return { token: body.token, expiresAt: body.expiration_time_in_millis };
}

/** Asks the cluster who a token or a session cookie belongs to (dialect C's session/user). */
export async function askCluster(
  emulator: RunningEmulator,
  auth: { bearer?: string; cookie?: string },
): Promise<{ status: number; username?: string; debug?: string }> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (auth.bearer !== undefined) headers.authorization = `Bearer ${auth.bearer}`;
  if (auth.cookie !== undefined) headers.cookie = `JSESSIONID=${auth.cookie}`;
  const response = await fetch(`${emulator.url}/api/rest/2.0/auth/session/user`, { headers });
  const body = (await response.json()) as { name?: string; error?: unknown };
  const result: { status: number; username?: string; debug?: string } = {
    status: response.status,
  };
  if (body.name !== undefined) result.username = body.name;
  // Either error envelope (the emulator's default is the live one), read back to plain text.
  if (body.error !== undefined) result.debug = errorDataOfBodyC(body).debug;
  return result;
}

/** The session cookie's value inside a serialized cookie jar (the keychain's "cookies" entry). */
export function sessionCookieOf(serializedJar: string | undefined): string {
  const jar = JSON.parse(serializedJar ?? '{}') as { cookies?: { key: string; value: string }[] };
  const cookie = jar.cookies?.find((c) => c.key === 'JSESSIONID');
  if (!cookie) throw new Error('no JSESSIONID in the stored cookie jar');
  return cookie.value;
}

/** Every file under a directory, recursively, with its contents. */
export function filesUnder(dir: string): { path: string; text: string }[] {
  const found: { path: string; text: string }[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) found.push(...filesUnder(path));
    else found.push({ path, text: readFileSync(path, 'latin1') });
  }
  return found;
}

/** How many requests the emulator saw for a path. */
export function requestsTo(emulator: RunningEmulator, path: string): number {
  return emulator.requests.filter((r) => r.path === path).length;
}
