import { createRequire } from 'node:module';
import type { KeytarApi } from '../../electron/core/secrets/keytar-store.js';

/** One keychain write the product made: which step of the cycle, what kind, how big. */
export interface KeychainWrite {
  step: number;
  op: 'set' | 'delete';
  account: string;
  length: number;
}

/** One keychain call of any kind, in the order made: what the cycle's traffic lists. */
export interface KeychainCall {
  step: number;
  op: 'get' | 'find' | 'set' | 'delete';
  account: string;
  length: number;
}

/**
 * keytar as this process loads it: the same module object the product's store gets (one
 * require cache), so wrapping it here sees every write the product makes.
 */
export function keytarModule(): KeytarApi {
  return createRequire(import.meta.url)('keytar') as KeytarApi;
}

/**
 * Records the product's keychain writes (setPassword, deletePassword) while a step is set,
 * tagged with the step the caller says it is in, so the floor can make the same writes; counts
 * its reads (getPassword, findCredentials) too, which the floor does not make.
 */
export function recordWrites(keytar: KeytarApi): {
  writes: KeychainWrite[];
  /** Every call (reads and writes) made while a step was set, in order. */
  calls: KeychainCall[];
  readonly reads: number;
  setStep(step: number | undefined): void;
  restore(): void;
} {
  const writes: KeychainWrite[] = [];
  const calls: KeychainCall[] = [];
  let reads = 0;
  let step: number | undefined;
  // The originals themselves, put back by restore(); the bound ones are what the wrappers call.
  /* eslint-disable @typescript-eslint/unbound-method */
  const original = {
    setPassword: keytar.setPassword,
    deletePassword: keytar.deletePassword,
    getPassword: keytar.getPassword,
    findCredentials: keytar.findCredentials,
  };
  /* eslint-enable @typescript-eslint/unbound-method */
  const setPassword = keytar.setPassword.bind(keytar);
  const deletePassword = keytar.deletePassword.bind(keytar);
  const getPassword = keytar.getPassword.bind(keytar);
  const findCredentials = keytar.findCredentials.bind(keytar);
  keytar.getPassword = (service, account) => {
    if (step !== undefined) {
      reads++;
      calls.push({ step, op: 'get', account, length: 0 });
    }
    return getPassword(service, account);
  };
  keytar.findCredentials = (service) => {
    if (step !== undefined) {
      reads++;
      calls.push({ step, op: 'find', account: '*', length: 0 });
    }
    return findCredentials(service);
  };
  keytar.setPassword = (service, account, password) => {
    if (step !== undefined) {
      writes.push({ step, op: 'set', account, length: password.length });
      calls.push({ step, op: 'set', account, length: password.length });
    }
    return setPassword(service, account, password);
  };
  keytar.deletePassword = (service, account) => {
    if (step !== undefined) {
      writes.push({ step, op: 'delete', account, length: 0 });
      calls.push({ step, op: 'delete', account, length: 0 });
    }
    return deletePassword(service, account);
  };
  return {
    writes,
    calls,
    get reads() {
      return reads;
    },
    setStep: (next) => (step = next),
    restore: () => Object.assign(keytar, original),
  };
}

/** The same writes made directly with keytar, under the floor's own service. */
export async function replayWrites(
  keytar: KeytarApi,
  service: string,
  writes: readonly KeychainWrite[],
): Promise<void> {
  for (const write of writes) {
    if (write.op === 'set')
      await keytar.setPassword(service, write.account, 'x'.repeat(write.length));
    else await keytar.deletePassword(service, write.account);
  }
}

/** The cycle's keychain traffic, one line per call: "1 session:info: get <id>/token". */
export function describeTraffic(
  calls: readonly KeychainCall[],
  steps: readonly string[],
): string[] {
  return calls.map((c) => {
    const entry = c.account.replace(/^[^/]+\//, '<id>/');
    const size = c.op === 'set' ? ` (${c.length} chars)` : '';
    return `${c.step} ${steps[c.step] ?? '?'}: ${c.op} ${entry}${size}`;
  });
}
