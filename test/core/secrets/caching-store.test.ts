// The app's memory in front of the real keychain: which calls it spares, and that it never
// answers with something another writer has changed, or hides an error.
import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KeychainError } from '../../../electron/core/errors/index.js';
import {
  CachingSecretStore,
  ChangeStamp,
  KeytarStore,
  StampedSecretStore,
  type SecretStore,
} from '../../../electron/core/secrets/index.js';
import { expectAppError } from '../../support/expect-error.js';
import { useTempDir } from '../../support/temp-dir.js';
import { clearService, requireKeyring, uniqueService } from './support/keyring.js';
import { REPO } from './support/run-probe.js';

const service = uniqueService('caching');
const keychain = new KeytarStore({ service });
const tempDir = useTempDir('tsm-caching-');
const WRITER = fileURLToPath(new URL('./support/stamped-write.ts', import.meta.url));

beforeAll(requireKeyring);
afterAll(() => clearService(service));

/** The real keychain, with every call it receives written down; it can be made to fail or wait. */
class Recorded implements SecretStore {
  readonly calls: string[] = [];
  failWith: Error | undefined;
  /** Held between the keychain's answer and the caller's, to line up races. */
  hold: Promise<void> | undefined;

  constructor(readonly inner: SecretStore = keychain) {}
  get kind(): SecretStore['kind'] {
    return this.inner.kind;
  }
  describe(): string {
    return this.inner.describe();
  }
  get(account: string): Promise<string | undefined> {
    return this.#call(`get ${account}`, () => this.inner.get(account));
  }
  set(account: string, value: string): Promise<void> {
    return this.#call(`set ${account}`, () => this.inner.set(account, value));
  }
  delete(account: string): Promise<boolean> {
    return this.#call(`delete ${account}`, () => this.inner.delete(account));
  }
  accounts(): Promise<string[]> {
    return this.#call('accounts', () => this.inner.accounts());
  }
  async #call<T>(name: string, work: () => Promise<T>): Promise<T> {
    this.calls.push(name);
    if (this.failWith) throw this.failWith;
    const result = await work();
    await this.hold;
    return result;
  }
}

function setUp(options: { maxAgeMs?: number; now?: () => number } = {}) {
  const configDir = tempDir();
  const recorded = new Recorded();
  const cache = new CachingSecretStore(recorded, { stamp: new ChangeStamp(configDir), ...options });
  const sibling = new StampedSecretStore(keychain, new ChangeStamp(configDir));
  return { configDir, recorded, cache, sibling };
}

let next = 0;
const fresh = (kind = 'token'): string => `p${++next}/${kind}`;

describe('the caching secret store', () => {
  it('answers a repeated read from memory, and stores every write in the keychain', async () => {
    const { cache, recorded } = setUp();
    const account = fresh();
    await cache.set(account, 'v1');
    expect(await keychain.get(account)).toBe('v1');
    expect(await cache.get(account)).toBe('v1');
    expect(await cache.get(account)).toBe('v1');
    expect(recorded.calls).toEqual([`set ${account}`]);

    const missing = fresh();
    expect(await cache.get(missing)).toBeUndefined();
    expect(await cache.get(missing)).toBeUndefined();
    expect(recorded.calls.filter((call) => call === `get ${missing}`)).toHaveLength(1);
  });

  it('spares the keychain the delete of an entry known to be absent', async () => {
    const { cache, recorded } = setUp();
    const gone = fresh();
    await cache.set(gone, 'v');
    expect(await cache.delete(gone)).toBe(true);
    expect(await keychain.get(gone)).toBeUndefined();
    expect(await cache.delete(gone)).toBe(false);
    const never = fresh();
    expect(await cache.get(never)).toBeUndefined();
    expect(await cache.delete(never)).toBe(false);
    expect(recorded.calls).toEqual([`set ${gone}`, `delete ${gone}`, `get ${never}`]);
  });

  it('sees what another store sharing the stamp wrote, and deletes what it created', async () => {
    const { cache, sibling } = setUp();
    const account = fresh();
    await cache.set(account, 'mine');
    await sibling.set(account, 'theirs');
    expect(await cache.get(account)).toBe('theirs');
    await sibling.delete(account);
    expect(await cache.get(account)).toBeUndefined();
    await sibling.set(account, 'again');
    expect(await cache.delete(account)).toBe(true);
    expect(await keychain.get(account)).toBeUndefined();
  });

  it('sees what another process wrote', async () => {
    const { cache, configDir } = setUp();
    const account = fresh();
    await cache.set(account, 'mine');
    const write = (value: string) =>
      promisify(execFile)(
        process.execPath,
        ['--import', 'tsx', WRITER, configDir, service, account, value],
        { cwd: REPO },
      );
    await write('from-tsm');
    expect(await cache.get(account)).toBe('from-tsm');
    await write('--delete');
    expect(await cache.get(account)).toBeUndefined();
  });

  it('asks again once a kept answer is older than maxAgeMs (writers that do not stamp)', async () => {
    let now = 0;
    const { cache } = setUp({ maxAgeMs: 1000, now: () => now });
    const account = fresh();
    await cache.set(account, 'mine');
    await keychain.set(account, 'behind its back');
    now = 1000;
    expect(await cache.get(account)).toBe('mine');
    now = 1001;
    expect(await cache.get(account)).toBe('behind its back');
  });

  it('reports keychain errors as they are, and then trusts nothing it kept', async () => {
    const { cache, recorded } = setUp();
    const account = fresh();
    await cache.set(account, 'v');
    recorded.failWith = new KeychainError('LOCKED', 'The keychain is locked');
    await expectAppError(cache.set(fresh(), 'w'), 'KEYCHAIN_UNAVAILABLE');
    await expectAppError(cache.get(account), 'KEYCHAIN_UNAVAILABLE');
    recorded.failWith = undefined;
    expect(await cache.get(account)).toBe('v');
    expect(recorded.calls.at(-1)).toBe(`get ${account}`);
    // The store's own checks still speak: an empty value is refused, nothing is kept.
    await expectAppError(cache.set(account, ''), 'INVALID_INPUT');
    expect(await cache.get(account)).toBe('v');
    expect(recorded.calls.at(-1)).toBe(`get ${account}`);
  });

  it('keeps nothing when the stamp cannot be read', async () => {
    const file = join(tempDir(), 'a-file');
    writeFileSync(file, '');
    const recorded = new Recorded();
    const cache = new CachingSecretStore(recorded, { stamp: new ChangeStamp(file) });
    const account = fresh();
    await cache.set(account, 'v');
    expect(await cache.get(account)).toBe('v');
    expect(await cache.get(account)).toBe('v');
    expect(recorded.calls).toEqual([`set ${account}`, `get ${account}`, `get ${account}`]);
  });

  it('does not keep what a read saw before a write that overlapped it', async () => {
    const { cache, recorded } = setUp();
    const account = fresh();
    await keychain.set(account, 'old');
    let release = (): void => undefined;
    recorded.hold = new Promise((resolve) => (release = resolve));
    const reading = cache.get(account);
    await new Promise((resolve) => setTimeout(resolve, 50)); // the read has its answer by now
    recorded.hold = undefined;
    await cache.set(account, 'new');
    release();
    expect(await reading).toBe('old');
    expect(await cache.get(account)).toBe('new');
  });

  it('keeps neither of two writes to one entry that overlapped', async () => {
    const { cache, recorded } = setUp();
    const account = fresh();
    let release = (): void => undefined;
    recorded.hold = new Promise((resolve) => (release = resolve));
    const first = cache.set(account, 'first');
    recorded.hold = undefined;
    await cache.set(account, 'second');
    release();
    await first;
    const calls = recorded.calls.length;
    expect(await cache.get(account)).toBe(await keychain.get(account));
    expect(recorded.calls.length).toBe(calls + 1);
  });
});
