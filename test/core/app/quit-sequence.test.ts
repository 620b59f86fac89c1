import { describe, expect, it, vi } from 'vitest';
import { createQuitSequence } from '../../../electron/core/app/quit-sequence.js';

function sequence(
  revokeOnQuit: boolean,
  revoke: () => Promise<void> = () => Promise.resolve(),
  clipboardPending = false,
) {
  const calls: string[] = [];
  const quit = createQuitSequence({
    revokeOnQuit: () => revokeOnQuit,
    revokeBearerSessions: () => {
      calls.push('revoke');
      return revoke();
    },
    clipboardPending: () => clipboardPending,
    clearClipboard: () => {
      calls.push('clear');
      return Promise.resolve();
    },
    dispose: () => void calls.push('dispose'),
    quit: () => void calls.push('quit'),
  });
  return { calls, quit };
}

describe('the before-quit decision', () => {
  it('lets the quit through at once when revoke-on-quit is off', () => {
    const { calls, quit } = sequence(false);
    expect(quit.beforeQuit()).toBe(false);
    expect(calls).toEqual([]);
  });

  it('holds the first quit, revokes, disposes, quits again; the second quit goes through', async () => {
    const { calls, quit } = sequence(true);
    expect(quit.beforeQuit()).toBe(true);
    expect(calls).toEqual(['revoke']);
    await vi.waitFor(() => expect(calls).toEqual(['revoke', 'clear', 'dispose', 'quit']));
    expect(quit.beforeQuit()).toBe(false);
    expect(calls).toEqual(['revoke', 'clear', 'dispose', 'quit']);
  });

  it('still quits when revoking fails', async () => {
    const { calls, quit } = sequence(true, () => Promise.reject(new Error('offline')));
    expect(quit.beforeQuit()).toBe(true);
    await vi.waitFor(() => expect(calls).toEqual(['revoke', 'clear', 'dispose', 'quit']));
  });

  it('holds the quit to clear a copied token the clipboard promised to forget', async () => {
    const { calls, quit } = sequence(false, undefined, true);
    expect(quit.beforeQuit()).toBe(true);
    await vi.waitFor(() => expect(calls).toEqual(['clear', 'dispose', 'quit']));
    expect(quit.beforeQuit()).toBe(false);
  });

  it('reads the preference at quit time', () => {
    let on = false;
    const quit = createQuitSequence({
      revokeOnQuit: () => on,
      revokeBearerSessions: () => new Promise(() => undefined),
      clipboardPending: () => false,
      clearClipboard: () => Promise.resolve(),
      dispose: () => undefined,
      quit: () => undefined,
    });
    on = true;
    expect(quit.beforeQuit()).toBe(true);
  });
});
