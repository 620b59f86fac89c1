import { describe, expect, it } from 'vitest';
import { BrowserSignInError } from '../../../electron/core/errors/index.js';
import type { OrgSwitchResult } from '../../../electron/core/orgs/index.js';
import type { NotificationText } from '../../../electron/core/shell/notifications.js';
import {
  dispatchTrayAction,
  type TrayActionPorts,
} from '../../../electron/core/tray/tray-actions.js';
import type { TrayAction } from '../../../electron/core/tray/tray-model.js';

const SALES = { id: 1, name: 'Sales' };
/** What `switchOrg` answers unless a test says otherwise: moved to Sales with a new token. */
const switched: OrgSwitchResult = {
  org: SALES,
  switched: true,
  status: { state: 'signed-in', kind: 'bearer', expiresAt: Date.now() + 3_600_000 },
};

/** Ports that record what they were asked, answering the confirmation as scripted. */
function recordingPorts(confirmAnswer: boolean, names: Record<string, string> = { p1: 'Prod' }) {
  const calls: string[] = [];
  const notified: NotificationText[] = [];
  const ports: TrayActionPorts = {
    showWindow: () => void calls.push('showWindow'),
    quit: () => void calls.push('quit'),
    copyToken: (id, format) => Promise.resolve(void calls.push(`copyToken ${id} ${format}`)),
    renew: (id) => Promise.resolve(void calls.push(`renew ${id}`)),
    revoke: (id) => Promise.resolve(void calls.push(`revoke ${id}`)),
    signOut: (id) => Promise.resolve(void calls.push(`signOut ${id}`)),
    signInWithBrowser: (id) => {
      calls.push(`signInWithBrowser ${id}`);
      return Promise.resolve({ username: 'sso-user', via: 'SAML' });
    },
    cancelSignIn: (id) => calls.push(`cancelSignIn ${id}`) > 0,
    switchOrg: (id, org) => {
      calls.push(`switchOrg ${id} ${org}`);
      return Promise.resolve(switched);
    },
    notify: (text) => void notified.push(text),
    confirm: (action, name) => {
      calls.push(`confirm ${action} ${name}`);
      return Promise.resolve(confirmAnswer);
    },
    profileName: (id) => {
      const name = names[id];
      if (name === undefined) throw new Error(`There is no profile named "${id}"`);
      return name;
    },
  };
  return { calls, notified, ports };
}

describe('dispatchTrayAction', () => {
  it.each<[TrayAction, string[]]>([
    [{ type: 'open-window' }, ['showWindow']],
    [{ type: 'all-profiles' }, ['showWindow']],
    [{ type: 'sign-in', profileId: 'p1' }, ['showWindow']],
    [{ type: 'quit' }, ['quit']],
    [{ type: 'copy-token', profileId: 'p1' }, ['copyToken p1 token']],
    [{ type: 'copy-curl', profileId: 'p1' }, ['copyToken p1 curl']],
    [{ type: 'renew', profileId: 'p1' }, ['renew p1']],
    [{ type: 'cancel-sign-in', profileId: 'p1' }, ['cancelSignIn p1']],
  ])('%o does exactly %o, with no confirmation', async (action, expected) => {
    const { calls, ports } = recordingPorts(true);
    await dispatchTrayAction(action, ports);
    expect(calls).toEqual(expected);
  });

  it.each([
    ['revoke', 'revoke p1'],
    ['sign-out', 'signOut p1'],
  ] as const)('%s asks first, naming the profile, and goes ahead on yes', async (type, done) => {
    const { calls, ports } = recordingPorts(true);
    await dispatchTrayAction({ type, profileId: 'p1' }, ports);
    expect(calls).toEqual([`confirm ${type} Prod`, done]);
  });

  it.each(['revoke', 'sign-out'] as const)('%s does nothing on no', async (type) => {
    const { calls, ports } = recordingPorts(false);
    await dispatchTrayAction({ type, profileId: 'p1' }, ports);
    expect(calls).toEqual([`confirm ${type} Prod`]);
  });

  it('fails, without asking, for a profile removed while the menu was open', async () => {
    const { calls, ports } = recordingPorts(true, {});
    await expect(dispatchTrayAction({ type: 'revoke', profileId: 'gone' }, ports)).rejects.toThrow(
      'There is no profile named "gone"',
    );
    expect(calls).toEqual([]);
  });

  it('passes a failing action on to the caller (who notifies)', async () => {
    const { ports } = recordingPorts(true);
    ports.renew = () => Promise.reject(new Error('cluster down'));
    await expect(dispatchTrayAction({ type: 'renew', profileId: 'p1' }, ports)).rejects.toThrow(
      'cluster down',
    );
  });

  it('runs a browser sign-in and says who signed in, in a notification', async () => {
    const { calls, notified, ports } = recordingPorts(true);
    await dispatchTrayAction({ type: 'browser-sign-in', profileId: 'p1' }, ports);
    expect(calls).toEqual(['signInWithBrowser p1']);
    expect(notified).toEqual([
      { title: 'Prod: signed in', body: 'Signed in as sso-user through SAML.' },
    ]);
  });

  it('strips control characters from the name the cluster gave', async () => {
    const { notified, ports } = recordingPorts(true);
    ports.signInWithBrowser = () =>
      Promise.resolve({ username: 'eve\u001b]52;c;x\u0007', via: 'OpenID Connect' });
    await dispatchTrayAction({ type: 'browser-sign-in', profileId: 'p1' }, ports);
    expect(notified[0]?.body).toBe('Signed in as eve]52;c;x through OpenID Connect.');
  });

  it('says nothing more when the person cancelled the sign-in themselves', async () => {
    const { notified, ports } = recordingPorts(true);
    ports.signInWithBrowser = () =>
      Promise.reject(new BrowserSignInError('cancelled', 'Sign-in was cancelled'));
    await dispatchTrayAction({ type: 'browser-sign-in', profileId: 'p1' }, ports);
    expect(notified).toEqual([]);
  });

  it.each(['closed', 'timeout', 'refused'] as const)(
    'passes a sign-in that ended %s on to the caller (who notifies)',
    async (end) => {
      const { notified, ports } = recordingPorts(true);
      const error = new BrowserSignInError(end, `ended: ${end}`);
      ports.signInWithBrowser = () => Promise.reject(error);
      await expect(
        dispatchTrayAction({ type: 'browser-sign-in', profileId: 'p1' }, ports),
      ).rejects.toBe(error);
      expect(notified).toEqual([]);
    },
  );

  it('switches org by id and says a new token was issued only when the session holds one', async () => {
    const { calls, notified, ports } = recordingPorts(true);
    await dispatchTrayAction({ type: 'switch-org', profileId: 'p1', orgId: 1 }, ports);
    expect(calls).toEqual(['switchOrg p1 1']);
    expect(notified).toEqual([
      { title: 'Prod: now in Sales', body: 'A new token was issued for Sales.' },
    ]);

    ports.switchOrg = () =>
      Promise.resolve({ ...switched, status: { state: 'signed-in', kind: 'cookie' } });
    await dispatchTrayAction({ type: 'switch-org', profileId: 'p1', orgId: 1 }, ports);
    expect(notified[1]).toEqual({
      title: 'Prod: now in Sales',
      body: 'The session moved to Sales; it is a cookie session, so no token was issued.',
    });
  });

  it('says nothing for the org the session is in already, and strips the org name', async () => {
    const { notified, ports } = recordingPorts(true);
    ports.switchOrg = () => Promise.resolve({ ...switched, switched: false });
    await dispatchTrayAction({ type: 'switch-org', profileId: 'p1', orgId: 1 }, ports);
    expect(notified).toEqual([]);
    ports.switchOrg = () =>
      Promise.resolve({ ...switched, org: { id: 1, name: 'Sa\u001b[2Jles' } });
    await dispatchTrayAction({ type: 'switch-org', profileId: 'p1', orgId: 1 }, ports);
    expect(notified[0]?.title).toBe('Prod: now in Sa[2Jles');
  });

  it('passes a switch that needs a sign-in on to the caller (who notifies)', async () => {
    const { notified, ports } = recordingPorts(true);
    const error = new Error('needs a new sign-in');
    ports.switchOrg = () => Promise.reject(error);
    await expect(
      dispatchTrayAction({ type: 'switch-org', profileId: 'p1', orgId: 1 }, ports),
    ).rejects.toBe(error);
    expect(notified).toEqual([]);
  });
});
