// Issue 13, item 1: every refusal the emulator can give, in both error envelopes (live clusters'
// and the OpenAPI examples') and every dialect, over real HTTP. Wrong password, MFA and a locked
// account are all 401: only the reason tells them apart, so losing it tells an MFA user their
// password is wrong.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppError, ErrorCode } from '../../../electron/core/errors/index.js';
import { ThoughtSpotClient, type Dialect } from '../../../electron/core/thoughtspot/index.js';
import { FAILURES, startEmulator, type RunningEmulator } from '../../emulator/index.js';
import { expectAppError, expectNoSecrets } from '../../support/expect-error.js';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const WRONG = 'wr0ng-Pa55-9d1e';
// A user whose right password still gets a 403, as one without API access does.
const NO_API = {
  username: 'no-api',
  password: 'no-api-pw-4c2a',
  displayName: 'No API',
  email: 'no-api@example.com',
  forbidden: true,
};

interface Kind {
  failure: keyof typeof FAILURES;
  code: ErrorCode;
  message: (url: string) => string;
  provoke: (dialect: Dialect, emulator: RunningEmulator) => Promise<unknown>;
}

const password = (value: string) => ({ kind: 'password' as const, password: value });
const client = (dialect: Dialect, emulator: RunningEmulator) =>
  new ThoughtSpotClient({ baseUrl: emulator.url, dialect, retries: 0 });

/** A token the cluster knows, then used from a fresh client so the cluster (not the client) judges. */
async function tokenThen(
  dialect: Dialect,
  emulator: RunningEmulator,
  spoil: (emulator: RunningEmulator) => void,
): Promise<unknown> {
  const issued = await client(dialect, emulator).getToken({
    username: 'analyst',
    credential: password('analyst'),
    validitySeconds: 60,
  });
  spoil(emulator);
  const holder = new ThoughtSpotClient({
    baseUrl: emulator.url,
    dialect,
    retries: 0,
    bearer: { token: issued.token },
  });
  return holder.info();
}

const KINDS: Record<string, Kind> = {
  'wrong password': {
    failure: 'badCredentials',
    code: 'AUTH_FAILED',
    message: (url) => `Wrong username or password for tsadmin at ${url}`,
    provoke: (d, e) => client(d, e).getToken({ username: 'tsadmin', credential: password(WRONG) }),
  },
  'MFA required': {
    failure: 'mfaRequired',
    code: 'MFA_REQUIRED',
    message: (url) =>
      `This cluster requires multi-factor sign-in for mfa-user at ${url}; sign in through its own sign-in page in a browser instead`,
    provoke: (d, e) => client(d, e).login({ username: 'mfa-user', password: 'mfa-user' }),
  },
  'locked account': {
    failure: 'locked',
    code: 'ACCOUNT_LOCKED',
    message: (url) =>
      `The account locked-user at ${url} is locked; ask a ThoughtSpot administrator to unlock it`,
    provoke: (d, e) =>
      client(d, e).getToken({ username: 'locked-user', credential: password('locked-user') }),
  },
  'expired token': {
    failure: 'tokenExpired',
    code: 'TOKEN_EXPIRED',
    message: (url) => `The session for ${url} has expired; sign in again`,
    provoke: (d, e) => tokenThen(d, e, (emulator) => emulator.clock.advance(61_000)),
  },
  'revoked token': {
    failure: 'tokenRevoked',
    code: 'TOKEN_REVOKED',
    message: (url) => `The token for ${url} was revoked; sign in again`,
    provoke: (d, e) => tokenThen(d, e, (emulator) => emulator.revokeAll('analyst')),
  },
  forbidden: {
    failure: 'forbidden',
    code: 'FORBIDDEN',
    message: (url) =>
      `no-api is not allowed to get a token at ${url}: The user does not have access to this resource.`,
    provoke: (d, e) =>
      client(d, e).getToken({ username: NO_API.username, credential: password(NO_API.password) }),
  },
};

/** No control character anywhere, and none of the live envelope's raw JSON or labels. */
function expectClean(error: AppError): void {
  const texts = [error.message, ...Object.values(error.details).map(String)];
  for (const text of texts) {
    // eslint-disable-next-line no-control-regex -- control characters are what must not be there
    expect(text).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
    expect(text).not.toMatch(/\["|"\]|\[null\]|\\n|Error Code:|Incident Id:|Error Message:/);
  }
}

describe.each(['live', 'documented'] as const)('the %s error envelope', (errorEnvelope) => {
  let emulator: RunningEmulator;
  beforeAll(async () => {
    emulator = await startEmulator({ errorEnvelope, users: [NO_API] });
  });
  afterAll(() => emulator.close());

  describe.each(['A', 'B', 'C'] as const)('dialect %s', (dialect) => {
    it.each(Object.keys(KINDS))(
      '%s: its own code and message, the reason and incident id in details',
      async (name) => {
        const kind = KINDS[name] as Kind;
        const spec = FAILURES[kind.failure];
        const error = await expectAppError(kind.provoke(dialect, emulator), kind.code);
        expect(error.message).toBe(kind.message(emulator.url));
        expect(error.details).toEqual({
          status: spec.status,
          serverCode: spec.code,
          debug: spec.debug,
          ...(errorEnvelope === 'live' ? { errorCode: spec.name } : {}),
          incidentId: expect.stringMatching(GUID) as unknown,
          traceId: expect.stringMatching(GUID) as unknown,
          url: emulator.url,
        });
        expectClean(error);
        expectNoSecrets(error, [WRONG, NO_API.password]);
      },
    );
  });
});
