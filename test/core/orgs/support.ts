// What the org tests share: a user in two orgs, the service over a world, and the cluster's word
// on which org a token is for.
import { Orgs } from '../../../electron/core/orgs/index.js';
import { isAppError } from '../../../electron/core/errors/index.js';
import type { EmulatorUser, RunningEmulator } from '../../emulator/index.js';
import { DANA, type World } from '../session/support/world.js';

export const PRIMARY = { id: 0, name: 'Primary' };
export const SALES = { id: 1, name: 'Sales' };
/** Dana, in two orgs. */
export const DANA_ORGS: EmulatorUser = { ...DANA, orgs: [PRIMARY, SALES] };

export const orgsOf = (w: World) =>
  new Orgs({
    profiles: w.profiles,
    vault: w.vault,
    manager: w.manager,
    audit: w.audit,
    now: w.now,
  });

/** The org a token is for, as the cluster's validate says (dialect C). */
export async function tokenOrgAtCluster(emulator: RunningEmulator, token: string): Promise<number> {
  const response = await fetch(`${emulator.url}/api/rest/2.0/auth/token/validate`, {
    method: 'POST',
    headers: {
      accept: 'application/json',
      'content-type': 'application/json',
      authorization: `Bearer ${token}`,
    },
    body: JSON.stringify({ token }),
  });
  if (response.status !== 200) throw new Error(`validate answered ${response.status}`);
  const body = (await response.json()) as { scope: { org_id: number } };
  return body.scope.org_id;
}

export async function failure(
  promise: Promise<unknown>,
): Promise<{ code: string; message: string }> {
  try {
    await promise;
  } catch (error) {
    if (isAppError(error)) return { code: error.code, message: error.message };
    throw error;
  }
  throw new Error('expected a failure');
}

/** Requests the emulator saw, as "METHOD /path". */
export const calls = (emulator: RunningEmulator): string[] =>
  emulator.requests.map((r) => `${r.method} ${r.path}`);
