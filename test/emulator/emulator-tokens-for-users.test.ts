// Tokens for other users over real HTTP: full with users created on the fly, object-scoped,
// custom (its own shape, persist_option required, rules kept per user), and revoking another
// user's tokens as an admin. The official 2.x SDK is the independent witness.
import { AuthenticationApi, createBasicConfig } from 'ts-sdk-v2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from './index.js';
import { call, errorDataOfC, type Answer, type CallOptions } from './test-http.js';

const C = '/api/rest/2.0/auth';
const KEY = 'demo-secret-key';
let emu: RunningEmulator;
beforeAll(async () => {
  emu = await startEmulator({ validitySeconds: 120 });
});
afterAll(() => emu.close());

const post = (path: string, options: CallOptions = {}) =>
  call(emu.url, 'POST', `${C}${path}`, options);
const get = (path: string, options: CallOptions = {}) =>
  call(emu.url, 'GET', `${C}${path}`, options);
const tokenOf = (answer: Answer) => (answer.json as { token: string }).token;
function expectFailure(answer: Answer, status: number, code: number, debug?: string) {
  expect(answer.status).toBe(status);
  const data = errorDataOfC(answer);
  expect(data.code).toBe(code);
  if (debug !== undefined) expect(data.debug).toBe(debug);
}

describe('token/full for other users', () => {
  it('creates a missing user on the fly with auto_create, in the org asked, with their groups', async () => {
    const answer = await post('/token/full', {
      body: {
        username: 'new-embed-user',
        secret_key: KEY,
        org_id: 1,
        auto_create: true,
        email: 'neu@example.com',
        display_name: 'New Embed User',
        group_identifiers: ['readers', 'emea'],
        validity_time_in_sec: 60,
      },
    });
    expect(answer.status).toBe(200);
    const body = answer.json as { scope: unknown; valid_for_username: string };
    expect(body.valid_for_username).toBe('new-embed-user');
    expect(body.scope).toEqual({ access_type: 'FULL', org_id: 1, metadata_id: null });
    expect(emu.userOf('new-embed-user')).toMatchObject({
      displayName: 'New Embed User',
      email: 'neu@example.com',
      orgs: [{ id: 1, name: 'Sales' }],
      groups: ['readers', 'emea'],
    });
    const me = await get('/session/user', { token: tokenOf(answer) });
    expect(me.json).toMatchObject({
      name: 'new-embed-user',
      current_org: { id: 1, name: 'Sales' },
    });
  });

  it('without auto_create a missing user is a 400 and nobody is created; a wrong key is a 401', async () => {
    const missing = await post('/token/full', { body: { username: 'ghost', secret_key: KEY } });
    expectFailure(missing, 400, 10004, 'User ghost does not exist; set auto_create to create it.');
    expect(emu.userOf('ghost')).toBeUndefined();
    const wrongKey = await post('/token/full', {
      body: { username: 'ghost', secret_key: 'nope', auto_create: true },
    });
    expectFailure(wrongKey, 401, 10003);
    expect(emu.userOf('ghost')).toBeUndefined();
  });

  it('records what was asked without the secret key', async () => {
    const before = emu.mintRequests().length;
    await post('/token/full', { body: { username: 'analyst', secret_key: KEY } });
    const [asked] = emu.mintRequests().slice(before);
    expect(asked).toEqual({ path: '/auth/token/full', body: { username: 'analyst' } });
  });
});

describe('token/object', () => {
  it('limits the token to one object: its scope says so, in the answer and in validate', async () => {
    const objectId = '9d93a6b8-ca3a-4146-a1c4-4d9be46c4b4b';
    const answer = await post('/token/object', {
      body: { username: 'analyst', secret_key: KEY, object_id: objectId },
    });
    expect(answer.status).toBe(200);
    const scope = { access_type: 'REPORT_BOOK_VIEW', org_id: 0, metadata_id: objectId };
    expect((answer.json as { scope: unknown }).scope).toEqual(scope);
    const token = tokenOf(answer);
    const validated = await post('/token/validate', { token, body: { token } });
    expect((validated.json as { scope: unknown }).scope).toEqual(scope);
  });

  it('needs object_id', async () => {
    const answer = await post('/token/object', { body: { username: 'analyst', secret_key: KEY } });
    expectFailure(answer, 400, 10001, 'Invalid parameter values: object_id');
  });
});

describe('token/custom', () => {
  const rule = (column: string, operator: string, ...values: string[]) => ({
    column_name: column,
    operator,
    values,
  });

  it('answers in its own shape and keeps REPLACE rules for the user, then APPEND adds to them', async () => {
    const answer = await post('/token/custom', {
      body: {
        username: 'analyst',
        secret_key: KEY,
        org_identifier: 'Primary',
        persist_option: 'REPLACE',
        filter_rules: [rule('Region', 'EQ', 'West'), rule('Year', 'BW_INC', '2020', '2024')],
        parameter_values: [{ name: 'Discount', values: ['0.1'] }],
      },
    });
    expect(answer.status).toBe(200);
    const body = answer.json as Record<string, unknown>;
    expect(Object.keys(body).sort()).toEqual([
      'creation_time_in_millis',
      'expiration_time_in_millis',
      'id',
      'org',
      'token',
      'user',
    ]);
    expect(body.org).toEqual({ id: 0, name: 'Primary' });
    expect(body.user).toEqual({ id: '2f1c7e3a-5b8d-4c6e-9a0f-1d2e3f4a5b6c', name: 'analyst' });
    expect(emu.persistedRules('analyst')).toEqual({
      filter_rules: [rule('Region', 'EQ', 'West'), rule('Year', 'BW_INC', '2020', '2024')],
      parameter_values: [{ name: 'Discount', values: ['0.1'] }],
      variable_values: [],
    });

    await post('/token/custom', {
      body: {
        username: 'analyst',
        secret_key: KEY,
        persist_option: 'APPEND',
        filter_rules: [rule('Channel', 'IN', 'web', 'store')],
      },
    });
    expect(emu.persistedRules('analyst')?.filter_rules).toEqual([
      rule('Region', 'EQ', 'West'),
      rule('Year', 'BW_INC', '2020', '2024'),
      rule('Channel', 'IN', 'web', 'store'),
    ]);

    await post('/token/custom', {
      body: {
        username: 'analyst',
        secret_key: KEY,
        persist_option: 'REPLACE',
        filter_rules: [rule('Region', 'NE', 'East')],
      },
    });
    expect(emu.persistedRules('analyst')).toEqual({
      filter_rules: [rule('Region', 'NE', 'East')],
      parameter_values: [],
      variable_values: [],
    });
  });

  it('refuses a request without persist_option (nothing stored, nobody created)', async () => {
    const answer = await post('/token/custom', {
      body: { username: 'no-persist', secret_key: KEY, filter_rules: [rule('A', 'EQ', '1')] },
    });
    expectFailure(answer, 400, 10001, 'Invalid parameter values: persist_option');
    expect(emu.userOf('no-persist')).toBeUndefined();
    expect(emu.persistedRules('no-persist')).toBeUndefined();
  });

  it('refuses an unknown operator and variable_values with NONE', async () => {
    const badOp = await post('/token/custom', {
      body: {
        username: 'analyst',
        secret_key: KEY,
        persist_option: 'APPEND',
        filter_rules: [rule('A', 'EQUALS', '1')],
      },
    });
    expectFailure(badOp, 400, 10001, 'Invalid parameter values: filter_rules');
    const none = await post('/token/custom', {
      body: {
        username: 'analyst',
        secret_key: KEY,
        persist_option: 'NONE',
        variable_values: [{ name: 'v', values: ['1'] }],
      },
    });
    expectFailure(none, 400, 10001, 'Invalid parameter values: variable_values');
  });

  it('creates the user by default (auto_create true), with groups and the org named', async () => {
    const answer = await post('/token/custom', {
      body: {
        username: 'custom-new',
        secret_key: KEY,
        org_identifier: 'Sales',
        persist_option: 'REPLACE',
        groups: [{ identifier: 'g1' }],
        filter_rules: [rule('Region', 'EQ', 'West')],
      },
    });
    expect(answer.status).toBe(200);
    expect((answer.json as { org: unknown }).org).toEqual({ id: 1, name: 'Sales' });
    expect(emu.userOf('custom-new')).toMatchObject({ orgs: [{ id: 1 }], groups: ['g1'] });
    const off = await post('/token/custom', {
      body: {
        username: 'custom-off',
        secret_key: KEY,
        persist_option: 'REPLACE',
        auto_create: false,
      },
    });
    expectFailure(off, 400, 10004);
  });
});

describe('token/revoke with user_identifier', () => {
  const mint = async (username: string) =>
    tokenOf(await post('/token/full', { body: { username, secret_key: KEY } }));

  it("lets an admin revoke another user's tokens; that user's tokens then say revoked", async () => {
    const admin = await mint('tsadmin');
    const analyst = await mint('analyst');
    const revoked = await post('/token/revoke', {
      token: admin,
      body: { user_identifier: 'analyst' },
    });
    expect(revoked.status).toBe(204);
    expectFailure(await get('/session/user', { token: analyst }), 401, 10025);
    expect((await get('/session/user', { token: admin })).status).toBe(200);
  });

  it("with a token too revokes only that token, which must be the user's", async () => {
    const admin = await mint('tsadmin');
    const [first, second] = [await mint('analyst'), await mint('analyst')];
    const foreign = await post('/token/revoke', {
      token: admin,
      body: { user_identifier: 'analyst', token: admin },
    });
    expectFailure(foreign, 400, 10001, 'Invalid parameter values: token');
    const one = await post('/token/revoke', {
      token: admin,
      body: { user_identifier: 'analyst', token: first },
    });
    expect(one.status).toBe(204);
    expectFailure(await get('/session/user', { token: first }), 401, 10025);
    expect((await get('/session/user', { token: second })).status).toBe(200);
  });

  it("refuses a non-admin with 403 and leaves the other user's tokens alive", async () => {
    const admin = await mint('tsadmin');
    const analyst = await mint('analyst');
    const answer = await post('/token/revoke', {
      token: analyst,
      body: { user_identifier: 'tsadmin' },
    });
    expectFailure(answer, 403, 10040);
    expect((await get('/session/user', { token: admin })).status).toBe(200);
  });
});

describe('ts-sdk-v2 (@thoughtspot/rest-api-sdk 2.x) as a witness', () => {
  const api = () => new AuthenticationApi(createBasicConfig(emu.url));

  it('getCustomAccessToken reads the custom shape', async () => {
    const token = await api().getCustomAccessToken({
      username: 'sdk-custom',
      secret_key: KEY,
      persist_option: 'REPLACE',
      filter_rules: [{ column_name: 'Region', operator: 'IN', values: ['West', 'North'] }],
      validity_time_in_sec: 90,
    });
    expect(token.user.name).toBe('sdk-custom');
    expect(token.org).toMatchObject({ id: 0, name: 'Primary' });
    expect(token.expiration_time_in_millis - token.creation_time_in_millis).toBe(90_000);
    expect(emu.persistedRules('sdk-custom')?.filter_rules).toHaveLength(1);
  });

  it('getObjectAccessToken reads the Token shape with the object in its scope', async () => {
    const token = await api().getObjectAccessToken({
      username: 'analyst',
      secret_key: KEY,
      object_id: 'lb-1',
    });
    expect([token.valid_for_username, token.scope.access_type, token.scope.metadata_id]).toEqual([
      'analyst',
      'REPORT_BOOK_VIEW',
      'lb-1',
    ]);
  });
});
