import { flushSync } from 'svelte';
import { describe, expect, it } from 'vitest';
import { Action } from './action.svelte.js';
import { apiError } from './testing/fake-api.js';

/** A promise and the functions that settle it, for holding a run open. */
function pending<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('Action', () => {
  it('is busy with its kind while it runs, and returns the answer', async () => {
    const action = new Action<'save' | 'detect'>();
    const call = pending<string>();
    const running = action.run(() => call.promise, 'save');
    expect(action.busy).toBe(true);
    expect(action.is('save')).toBe(true);
    expect(action.is('detect')).toBe(false);
    call.resolve('saved');
    expect(await running).toBe('saved');
    expect(action.busy).toBe(false);
    expect(action.running).toBe(undefined);
    expect(action.error).toBe(undefined);
  });

  it('is busy without a kind when none is given', async () => {
    const action = new Action();
    const call = pending<number>();
    const running = action.run(() => call.promise);
    expect(action.running).toBe(true);
    call.resolve(1);
    expect(await running).toBe(1);
    expect(action.busy).toBe(false);
  });

  it('turns a rejection into the error to show, with its code and details', async () => {
    const action = new Action();
    const result = await action.run(() =>
      Promise.reject(apiError('AUTH_FAILED', 'Wrong password', { incidentId: 'inc-1' })),
    );
    expect(result).toBe(undefined);
    expect(action.busy).toBe(false);
    expect(action.error).toEqual({
      code: 'AUTH_FAILED',
      message: 'Wrong password',
      details: { incidentId: 'inc-1' },
    });
  });

  it('says little about a throw that is not an API error', async () => {
    const action = new Action();
    await action.run(() => Promise.reject(new TypeError('x is undefined')));
    expect(action.error?.code).toBe('INTERNAL');
    expect(action.error?.message).not.toContain('x is undefined');
  });

  it('clears the last error when it runs again', async () => {
    const action = new Action();
    await action.run(() => Promise.reject(apiError('NETWORK', 'offline')));
    expect(action.error?.code).toBe('NETWORK');
    const call = pending<string>();
    const running = action.run(() => call.promise);
    expect(action.error).toBe(undefined);
    call.resolve('ok');
    await running;
    expect(action.error).toBe(undefined);
  });

  it('ignores a second run while busy, as a second press of a busy button', async () => {
    const action = new Action<'cookie' | 'bearer'>();
    const call = pending<string>();
    let calls = 0;
    const first = action.run(() => {
      calls += 1;
      return call.promise;
    }, 'cookie');
    const second = await action.run(() => {
      calls += 1;
      return Promise.resolve('second');
    }, 'bearer');
    expect(second).toBe(undefined);
    expect(calls).toBe(1);
    expect(action.is('cookie')).toBe(true);
    call.resolve('first');
    expect(await first).toBe('first');
    expect(action.busy).toBe(false);
  });

  it('with latestWins, runs a second read at once and keeps only the latest answer', async () => {
    const action = new Action({ latestWins: true });
    const older = pending<string>();
    const newer = pending<string>();
    const first = action.run(() => older.promise);
    const second = action.run(() => newer.promise);
    newer.resolve('newer');
    expect(await second).toBe('newer');
    expect(action.busy).toBe(false);
    older.resolve('older');
    expect(await first).toBe(undefined);
    expect(action.busy).toBe(false);
  });

  it('with latestWins, drops the error of a read that was overtaken, and stays busy', async () => {
    const action = new Action({ latestWins: true });
    const older = pending<string>();
    const newer = pending<string>();
    const first = action.run(() => older.promise);
    const second = action.run(() => newer.promise);
    older.reject(apiError('NETWORK', 'offline'));
    expect(await first).toBe(undefined);
    expect(action.error).toBe(undefined);
    expect(action.busy).toBe(true);
    newer.resolve('fresh');
    expect(await second).toBe('fresh');
    expect(action.busy).toBe(false);
  });

  it('started from an effect, does not make that effect run again', async () => {
    const action = new Action();
    let runs = 0;
    const stop = $effect.root(() => {
      $effect(() => {
        runs += 1;
        // Bounded, so a regression fails here instead of looping for ever.
        if (runs <= 3) void action.run(() => Promise.resolve('read'));
      });
    });
    flushSync();
    await Promise.resolve();
    flushSync();
    expect(runs).toBe(1);
    expect(action.busy).toBe(false);
    stop();
  });
});
