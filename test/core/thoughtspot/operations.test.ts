import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ThoughtSpotClient, type Dialect } from '../../../electron/core/thoughtspot/index.js';
import { startEmulator, type RunningEmulator } from '../../emulator/index.js';
import { expectAppError } from '../../support/expect-error.js';

let emulator: RunningEmulator;
beforeAll(async () => {
  emulator = await startEmulator({ port: 0 });
});
afterAll(() => emulator.close());

const client = (
  dialect: Dialect,
  extra: Partial<ConstructorParameters<typeof ThoughtSpotClient>[0]> = {},
) =>
  new ThoughtSpotClient({
    baseUrl: emulator.url,
    dialect,
    now: () => emulator.clock.now(),
    ...extra,
  });

const password = (value: string) => ({ kind: 'password' as const, password: value });

describe.each(['A', 'B', 'C'] as const)(
  'dialect %s: the five operations over real HTTP',
  (dialect) => {
    it('signs in with a cookie, shows who is signed in, survives a restore, and signs out', async () => {
      const first = client(dialect);
      const login = await first.login({ username: 'tsadmin', password: 'admin', rememberMe: true });
      expect(login.username).toBe('tsadmin');
      expect(first.sessionKind).toBe('cookie');

      const info = await first.info();
      expect(info).toMatchObject({
        username: 'tsadmin',
        displayName: 'Administrator',
        email: 'tsadmin@example.com',
        kind: 'cookie',
        dialect,
      });
      expect(info.privileges).toContain('ADMINISTRATION');
      expect(info.userId).toEqual(expect.any(String));

      // The serialized jar is what the keychain keeps; a new client resumes the same session.
      const stored = first.serializeCookies();
      expect(stored).toContain('JSESSIONID');
      const resumed = client(dialect, { cookies: stored });
      expect((await resumed.info()).username).toBe('tsadmin');

      await resumed.logout();
      expect(resumed.sessionKind).toBeUndefined();
      // The server ended the session: the old cookie no longer works anywhere.
      await expectAppError(client(dialect, { cookies: stored }).info(), 'NOT_SIGNED_IN');
    });

    it('gets a bearer token by password, uses it, validates it and revokes it', async () => {
      const c = client(dialect);
      const before = emulator.clock.now();
      const token = await c.getToken({
        username: 'analyst',
        credential: password('analyst'),
        validitySeconds: 600,
      });
      expect(token.token.length).toBeGreaterThan(10);
      expect(token).toMatchObject({ username: 'analyst', dialect });
      expect(token.createdAt).toBeGreaterThanOrEqual(before - 1000);
      expect(token.expiresAt - token.createdAt).toBe(600_000);
      expect(c.sessionKind).toBe('bearer');

      const info = await c.info();
      expect(info).toMatchObject({ username: 'analyst', kind: 'bearer' });
      expect(info.expiresAt).toBe(token.expiresAt);

      const validity = await c.validate();
      expect(validity.expiresAt).toBe(token.expiresAt);

      await c.revoke();
      expect(c.sessionKind).toBeUndefined();
      const elsewhere = client(dialect, { bearer: { token: token.token } });
      await expectAppError(elsewhere.info(), 'TOKEN_REVOKED');
    });

    it('reports an expired token as expired, by the cluster clock', async () => {
      const c = client(dialect);
      const token = await c.getToken({
        username: 'tsadmin',
        credential: password('admin'),
        validitySeconds: 60,
      });
      emulator.clock.advance(61_000);
      const error = await expectAppError(
        client(dialect, { bearer: { token: token.token } }).info(),
        'TOKEN_EXPIRED',
      );
      expect(error.message).toBe(`The session for ${emulator.url} has expired; sign in again`);
    });
  },
);

describe.each(['B', 'C'] as const)('dialect %s: trusted authentication and orgs', (dialect) => {
  it('gets a token with the secret key, for another org when the user belongs to it', async () => {
    const c = client(dialect);
    const token = await c.getToken({
      username: 'tsadmin',
      credential: { kind: 'secretKey', secretKey: 'demo-secret-key' },
      orgId: 1,
    });
    expect(token).toMatchObject({ username: 'tsadmin', orgId: 1, dialect });
    expect((await c.info()).username).toBe('tsadmin');
  });

  it('signs in an MFA user by secret key, which MFA does not block', async () => {
    const token = await client(dialect).getToken({
      username: 'mfa-user',
      credential: { kind: 'secretKey', secretKey: 'demo-secret-key' },
    });
    expect(token.username).toBe('mfa-user');
  });

  it('refuses an org the user is not a member of', async () => {
    const error = await expectAppError(
      client(dialect).getToken({ username: 'analyst', credential: password('analyst'), orgId: 1 }),
      'FORBIDDEN',
    );
    expect(error.message).toMatch(
      /^analyst is not allowed to get a token at http:\/\/127\.0\.0\.1:\d+/,
    );
  });
});

describe('dialect A: no trusted authentication', () => {
  it('refuses a secret key before sending anything', async () => {
    const sent = emulator.requests.length;
    const error = await expectAppError(
      client('A').getToken({
        username: 'tsadmin',
        credential: { kind: 'secretKey', secretKey: 'demo-secret-key' },
      }),
      'INVALID_INPUT',
    );
    expect(error.message).toBe(
      'Dialect A has no trusted authentication; use a password, or a cluster dialect (B or C) that has it',
    );
    expect(emulator.requests.length).toBe(sent);
  });
});

describe('dialect C extras', () => {
  it('turns a cookie session into its token, and validates it', async () => {
    const c = client('C');
    await c.login({ username: 'tsadmin', password: 'admin', org: 1 });
    const info = await c.info();
    expect(info.currentOrg).toEqual({ id: 1, name: 'Sales' });
    const token = await c.currentToken();
    expect(token.username).toBe('tsadmin');
    expect(token.expiresAt).toBeGreaterThan(emulator.clock.now());
    const validity = await c.validate(token.token);
    expect(validity.expiresAt).toBe(token.expiresAt);
  });

  it('revokes a named token from a cookie session', async () => {
    const issuer = client('C');
    const token = await issuer.getToken({ username: 'tsadmin', credential: password('admin') });
    const admin = client('C');
    await admin.login({ username: 'tsadmin', password: 'admin' });
    await admin.revoke(token.token);
    expect(admin.sessionKind).toBe('cookie');
    await expectAppError(client('C', { bearer: { token: token.token } }).info(), 'TOKEN_REVOKED');
  });

  it('sees a revocation made elsewhere when validating', async () => {
    const c = client('C');
    await c.getToken({ username: 'analyst', credential: password('analyst') });
    emulator.revokeAll('analyst');
    await expectAppError(c.validate(), 'TOKEN_REVOKED');
  });
});

describe('input checks before anything is sent', () => {
  it.each([
    ['an empty username', { username: ' ', credential: password('x') }, 'The username is empty'],
    [
      'a newline in the username',
      { username: 'a\nb', credential: password('x') },
      'The username contains control characters',
    ],
    [
      'an empty password',
      { username: 'tsadmin', credential: password('') },
      'The password is empty',
    ],
    [
      'a silly validity',
      { username: 'tsadmin', credential: password('admin'), validitySeconds: 0 },
      'Token validity must be a whole number of seconds between 1 and 31536000',
    ],
  ])('rejects %s', async (_label, request, message) => {
    const sent = emulator.requests.length;
    const error = await expectAppError(client('C').getToken(request), 'INVALID_INPUT');
    expect(error.message).toBe(message);
    expect(emulator.requests.length).toBe(sent);
  });

  it('rejects a cluster URL with credentials in it', () => {
    expect(() => client('C', { baseUrl: 'https://user:pw@example.com' })).toThrow(
      'The cluster URL must not contain a username or password; enter those when signing in',
    );
  });

  it('says "sign in first" for session info without a session', async () => {
    const error = await expectAppError(client('B').info(), 'INVALID_INPUT');
    expect(error.message).toBe(`Not signed in to ${emulator.url}; sign in first`);
  });
});
