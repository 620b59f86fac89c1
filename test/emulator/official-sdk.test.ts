// ThoughtSpot's official clients as independent witnesses: if they accept the emulator's answers
// (and its errors surface as they document), the emulator speaks the real API.
//   ts-sdk-v2 = @thoughtspot/rest-api-sdk 2.x, dialect C (fetch)
//   ts-sdk-v1 = @thoughtspot/rest-api-sdk 1.11.0, dialect B (axios via @apimatic/core)
import {
  ApiException,
  AuthenticationApi,
  createBasicConfig,
  createBearerAuthenticationConfig,
  createConfiguration,
  ServerConfiguration,
  ThoughtSpotRestApi,
  type GetFullAccessTokenRequest,
  type Middleware,
} from 'ts-sdk-v2';
import { ApiError, Client, LoginRememberMeEnum, SessionController } from 'ts-sdk-v1';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from './index.js';
import { errorDataOfBodyC, upstreamOfBody, type ErrorAB, type ErrorC } from './test-http.js';

let emu: RunningEmulator;
beforeAll(async () => {
  emu = await startEmulator();
});
afterAll(() => emu.close());

const fullToken = (body: Partial<GetFullAccessTokenRequest>) => body as GetFullAccessTokenRequest;

/** Node's fetch keeps no cookies; the v2 SDK expects a browser to. This middleware plays one. */
function cookieJar(): Middleware {
  let cookie: string | undefined;
  return {
    pre: (ctx) => {
      if (cookie !== undefined) ctx.setHeaderParam('Cookie', cookie);
      return Promise.resolve(ctx);
    },
    post: (ctx) => {
      const set = ctx.headers['set-cookie'];
      if (set !== undefined) cookie = set.split(';')[0];
      return Promise.resolve(ctx);
    },
  };
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (err) {
    return err;
  }
  throw new Error('expected the SDK call to fail');
}

describe('ts-sdk-v2 (@thoughtspot/rest-api-sdk 2.x, dialect C)', () => {
  const basic = () => new AuthenticationApi(createBasicConfig(emu.url));

  it('gets full tokens by password and by secret key, and validates and revokes them', async () => {
    const byPassword = await basic().getFullAccessToken(
      fullToken({ username: 'tsadmin', password: 'admin' }),
    );
    expect(byPassword.valid_for_username).toBe('tsadmin');
    expect(byPassword.expiration_time_in_millis - byPassword.creation_time_in_millis).toBe(300_000);
    expect(byPassword.scope.access_type).toBe('FULL');
    const byKey = await basic().getFullAccessToken(
      fullToken({ username: 'analyst', secret_key: 'demo-secret-key', validity_time_in_sec: 60 }),
    );
    expect(byKey.valid_for_username).toBe('analyst');

    const api = new AuthenticationApi(
      createBearerAuthenticationConfig(emu.url, () => Promise.resolve(byKey.token)),
    );
    const user = await api.getCurrentUserInfo();
    expect([user.name, user.display_name, user.visibility, user.current_org?.name]).toEqual([
      'analyst',
      'Ada Analyst',
      'SHARABLE',
      'Primary',
    ]);
    const current = await api.getCurrentUserToken();
    expect(current.token).toBe(byKey.token);
    const valid = await api.validateToken({ token: byKey.token });
    expect([valid.token_type, valid.valid_for_user_id]).toEqual(['Bearer', user.id]);

    await api.revokeToken({});
    const err = await rejection(api.getCurrentUserInfo());
    expect(err).toBeInstanceOf(ApiException);
    const ex = err as ApiException<ErrorC>;
    const data = errorDataOfBodyC(ex.body);
    expect([ex.code, data.code, data.debug]).toEqual([401, 10025, 'The token has been revoked.']);
  });

  it('signs in with a username/password bearer config (one token request per call)', async () => {
    const before = emu.tokenRequests();
    const api = new ThoughtSpotRestApi(
      createBearerAuthenticationConfig(emu.url, { username: 'tsadmin', password: 'admin' }),
    );
    expect((await api.getCurrentUserInfo()).name).toBe('tsadmin');
    expect(emu.tokenRequests()).toBe(before + 1);
  });

  it('logs in with a cookie session, reads it, and logs out', async () => {
    const config = createConfiguration({
      baseServer: new ServerConfiguration(emu.url, {}),
      promiseMiddleware: [cookieJar()],
    });
    const api = new AuthenticationApi(config);
    await api.login({
      username: 'tsadmin',
      password: 'admin',
      org_identifier: 'Sales',
      remember_me: true,
    });
    const user = await api.getCurrentUserInfo();
    expect([user.name, user.current_org]).toEqual([
      'tsadmin',
      expect.objectContaining({ id: 1, name: 'Sales' }),
    ]);
    expect((await api.getCurrentUserToken()).valid_for_username).toBe('tsadmin');
    await api.logout();
    expect(await rejection(api.getCurrentUserInfo())).toMatchObject({ code: 401 });
  });

  it('reports a wrong password as a 401 ApiException with the debug reason', async () => {
    const err = await rejection(
      basic().getFullAccessToken(fullToken({ username: 'tsadmin', password: 'wrong' })),
    );
    expect(err).toBeInstanceOf(ApiException);
    const ex = err as ApiException<ErrorC>;
    expect(ex.code).toBe(401);
    expect(errorDataOfBodyC(ex.body)).toMatchObject({
      code: 10002,
      debug: 'Authentication failed. Verify that the username and password are correct.',
    });
    expect(
      await rejection(basic().login({ username: 'mfa-user', password: 'mfa-user' })),
    ).toMatchObject({ code: 401 });
  });
});

describe('ts-sdk-v1 (@thoughtspot/rest-api-sdk 1.11.0, dialect B)', () => {
  const session = (config: ConstructorParameters<typeof Client>[0] = {}) =>
    new SessionController(new Client({ baseUrl: emu.url, ...config }));
  // The SDK's ES5 build subclasses Error in a way that loses the prototype chain: a thrown
  // ErrorResponseError is a plain Error carrying statusCode/result, so `instanceof ApiError`
  // is false. Check the shape it documents instead.
  const asApiError = (err: unknown) => {
    expect(err).toBeInstanceOf(Error);
    expect(err).toHaveProperty('statusCode');
    return err as ApiError<ErrorAB>;
  };
  const upstream = (err: unknown) => upstreamOfBody((err as ApiError<ErrorAB>).result);

  it('gets tokens by password and by secret key, reads session info, and revokes', async () => {
    const byPassword = await session().getToken({
      userName: 'tsadmin',
      password: 'admin',
      tokenExpiryDuration: '600',
    });
    expect(byPassword.statusCode).toBe(200);
    expect(byPassword.result).toMatchObject({
      userName: 'tsadmin',
      tokenType: 'Bearer',
      tokenExpiryDuration: '600',
    });
    const byKey = await session().getToken({ userName: 'analyst', secretKey: 'demo-secret-key' });
    const token = byKey.result.token ?? '';
    expect(token).not.toBe('');

    const authed = session({ accessToken: token });
    const info = await authed.getSessionInfo();
    expect(info.result).toMatchObject({
      userName: 'analyst',
      userGUID: '2f1c7e3a-5b8d-4c6e-9a0f-1d2e3f4a5b6c',
    });
    expect((await authed.revokeToken()).result).toBe(true);
    const err = await rejection(authed.getSessionInfo());
    expect(asApiError(err).statusCode).toBe(500);
    expect(upstream(err)).toMatchObject({ status: 401, data: { code: 10025 } });
  });

  it('logs in with a cookie session (rememberMe as the SDK sends it) and logs out', async () => {
    const login = await session().login({
      userName: 'tsadmin',
      password: 'admin',
      rememberMe: LoginRememberMeEnum.True,
    });
    expect(login.result).toMatchObject({
      userName: 'tsadmin',
      token: '',
      tokenType: 'Cookie',
      tokenExpiryDuration: '604800',
    });
    const cookie = String(login.headers['set-cookie']).split(';')[0] ?? '';
    // The SDK sends "Authorization: Bearer " with an empty token; the cookie must still count.
    const withCookie = session({ unstable_httpClientOptions: { headers: { Cookie: cookie } } });
    expect((await withCookie.getSessionInfo()).result).toMatchObject({ userName: 'tsadmin' });
    expect((await withCookie.logout()).result).toBe(true);
    expect(upstream(await rejection(withCookie.getSessionInfo()))).toMatchObject({
      status: 401,
      data: { code: 10023 },
    });
  });

  it('reports a wrong password as an HTTP 500 ErrorResponse with the upstream 401 inside', async () => {
    const err = await rejection(session().getToken({ userName: 'tsadmin', password: 'wrong' }));
    expect(asApiError(err).statusCode).toBe(500);
    expect((err as Error).message).toBe('Operation failed or unauthorized request');
    expect(upstream(err)).toMatchObject({
      status: 401,
      data: {
        code: 10002,
        debug: 'Authentication failed. Verify that the username and password are correct.',
      },
    });
  });
});

describe.each(['live', 'documented'] as const)(
  'both SDKs on the %s error envelope: they see the status and hand the body over as sent',
  (errorEnvelope) => {
    let other: RunningEmulator;
    beforeAll(async () => {
      other = await startEmulator({ errorEnvelope });
    });
    afterAll(() => other.close());
    const wrong = 'Authentication failed. Verify that the username and password are correct.';
    const debugOf = (text: string, incident: string) =>
      errorEnvelope === 'documented'
        ? text
        : JSON.stringify([
            `Error Code: AUTHENTICATION_FAILED Incident Id: ${incident}\nError Message: ${text}`,
          ]);

    it('ts-sdk-v2: a 401 ApiException with the body in this envelope', async () => {
      const api = new AuthenticationApi(createBasicConfig(other.url));
      const ex = (await rejection(
        api.getFullAccessToken(fullToken({ username: 'tsadmin', password: 'wrong' })),
      )) as ApiException<unknown>;
      expect(ex.code).toBe(401);
      const outer = (ex.body as { error: { message: Record<string, unknown> } }).error.message;
      const data = (errorEnvelope === 'live' ? outer.debug : outer) as Record<string, unknown>;
      expect(Object.keys(outer)).toEqual(
        errorEnvelope === 'live'
          ? ['debug']
          : ['code', 'incident_id_guid', 'trace_id_guid', 'debug'],
      );
      expect(data).toEqual({
        code: 10002,
        incident_id_guid: expect.any(String) as unknown,
        trace_id_guid: expect.any(String) as unknown,
        debug: debugOf(wrong, String(data.incident_id_guid)),
      });
    });

    it('ts-sdk-v1: an HTTP 500 whose upstream data carries debug in this envelope', async () => {
      const err = await rejection(
        new SessionController(new Client({ baseUrl: other.url })).getToken({
          userName: 'tsadmin',
          password: 'wrong',
        }),
      );
      expect((err as ApiError<ErrorAB>).statusCode).toBe(500);
      const result = (err as ApiError<ErrorAB>).result as ErrorAB;
      const { status, data } = result.error.errors.extension.exception.upstreamResponse;
      expect(status).toBe(401);
      expect(data.debug).toBe(debugOf(wrong, data.incident_id_guid));
    });
  },
);
