import { describe, expect, it } from 'vitest';
import { expectAppError } from '../../support/expect-error.js';
import { auditOf, cookie, requestsTo, storedToken, useSessionWorlds } from './support/world.js';

// Issue 15: "Renew" after a cookie sign-in said "Renewed" while dialect C's session-token call
// handed back the token it already gave. A renewal either brings a new token or says what it needs.
const { create } = useSessionWorlds('renew-same-token');

const SESSION_TOKEN_PATH = '/api/rest/2.0/auth/session/token';

describe('renew after a cookie sign-in', () => {
  it('without Remember me: refuses with what it needs, and the token stays as it was', async () => {
    const w = await create();
    await w.manager.signIn(w.profile.id, cookie(false));
    const first = await w.manager.getToken(w.profile.id);

    const error = await expectAppError(w.manager.renew(w.profile.id), 'NOT_SIGNED_IN');
    expect(error.message).toBe('Renewing needs your password: sign in again or tick Remember me');
    expect(requestsTo(w.emulator, SESSION_TOKEN_PATH)).toBe(2); // it did ask the cluster
    expect(await storedToken(w)).toEqual(first);
    expect(auditOf(w).some((entry) => entry.action === 'renewed')).toBe(false);
    // The token still works, so the status goes back to it rather than to "failed".
    expect(w.manager.status(w.profile.id)).toEqual({
      state: 'signed-in',
      kind: 'bearer',
      expiresAt: first.expiresAt,
    });
  });

  it('with Remember me: renews from the kept password into a new token', async () => {
    const w = await create();
    await w.manager.signIn(w.profile.id, cookie(true));
    const first = await w.manager.getToken(w.profile.id);
    const asked = w.emulator.tokenRequests();

    const renewed = await w.manager.renew(w.profile.id);
    expect(renewed.token).not.toBe(first.token);
    expect(w.emulator.tokenRequests()).toBe(asked + 1);
    expect(await storedToken(w)).toEqual(renewed);
    expect(auditOf(w)[0]).toMatchObject({ action: 'renewed' });
  });
});
