import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ThoughtSpotClient, type Dialect } from '../../../electron/core/thoughtspot/index.js';
import { startEmulator, type RunningEmulator } from '../../emulator/index.js';
import { expectAppError, expectNoSecrets } from '../../support/expect-error.js';

let emulator: RunningEmulator;
beforeAll(async () => {
  emulator = await startEmulator({ port: 0 });
});
afterAll(() => emulator.close());

const client = (dialect: Dialect, baseUrl = emulator.url) =>
  new ThoughtSpotClient({ baseUrl, dialect, retries: 0 });
const password = (value: string) => ({ kind: 'password' as const, password: value });

describe.each(['A', 'B', 'C'] as const)(
  'dialect %s: what the cluster refuses, in words a person understands',
  (dialect) => {
    it('wrong password, with the server reason and incident id in details and no secret anywhere', async () => {
      const error = await expectAppError(
        client(dialect).getToken({ username: 'tsadmin', credential: password('hunter2-wrong') }),
        'AUTH_FAILED',
      );
      expect(error.message).toBe(`Wrong username or password for tsadmin at ${emulator.url}`);
      expect(error.details).toMatchObject({
        status: 401,
        serverCode: 10002,
        debug: 'Authentication failed. Verify that the username and password are correct.',
        incidentId: expect.stringMatching(/\w{8}/) as unknown,
      });
      expectNoSecrets(error, ['hunter2-wrong']);
    });

    it('wrong password on a cookie sign-in', async () => {
      const error = await expectAppError(
        client(dialect).login({ username: 'analyst', password: 'nope-nope' }),
        'AUTH_FAILED',
      );
      expect(error.message).toBe(`Wrong username or password for analyst at ${emulator.url}`);
      expectNoSecrets(error, ['nope-nope']);
    });

    it('multi-factor sign-in required', async () => {
      const error = await expectAppError(
        client(dialect).login({ username: 'mfa-user', password: 'mfa-user' }),
        'MFA_REQUIRED',
      );
      expect(error.message).toBe(
        `This cluster requires multi-factor sign-in for mfa-user at ${emulator.url}; sign in through its own sign-in page in a browser instead`,
      );
    });

    it('account locked', async () => {
      const error = await expectAppError(
        client(dialect).getToken({ username: 'locked-user', credential: password('locked-user') }),
        'ACCOUNT_LOCKED',
      );
      expect(error.message).toBe(
        `The account locked-user at ${emulator.url} is locked; ask a ThoughtSpot administrator to unlock it`,
      );
    });

    it('a session the cluster does not know', async () => {
      const c = new ThoughtSpotClient({
        baseUrl: emulator.url,
        dialect,
        bearer: { token: 'not-a-real-token' },
      });
      const error = await expectAppError(c.info(), 'NOT_SIGNED_IN');
      expect(error.message).toBe(
        `Not signed in to ${emulator.url} (the session ended or was never started); sign in again`,
      );
      expectNoSecrets(error, ['not-a-real-token']);
    });
  },
);

describe.each(['B', 'C'] as const)('dialect %s: trusted authentication refused', (dialect) => {
  it('a wrong secret key', async () => {
    const error = await expectAppError(
      client(dialect).getToken({
        username: 'tsadmin',
        credential: { kind: 'secretKey', secretKey: 'wrong-key-123' },
      }),
      'AUTH_FAILED',
    );
    expect(error.message).toBe(
      `The trusted-auth secret key was refused for tsadmin at ${emulator.url} (wrong key, or no such user)`,
    );
    expectNoSecrets(error, ['wrong-key-123']);
  });
});

describe('server failures', () => {
  let flaky: RunningEmulator;
  beforeAll(async () => {
    flaky = await startEmulator({ port: 0, failRate: 1 });
  });
  afterAll(() => flaky.close());

  it.each(['A', 'B', 'C'] as const)(
    'dialect %s: a 500 is a server error with its incident id',
    async (dialect) => {
      const error = await expectAppError(
        client(dialect, flaky.url).getToken({ username: 'tsadmin', credential: password('admin') }),
        'SERVER_ERROR',
      );
      expect(error.details.incidentId).toEqual(expect.any(String));
      expect(error.message).toBe(
        `${flaky.url} failed to get a token: server error 500 (incident ${error.details.incidentId}); try again later`,
      );
    },
  );
});
