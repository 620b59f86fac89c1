import { describe, expect, it } from 'vitest';
import type { KeychainProblem } from '../../../electron/core/errors/index.js';
import { keychainIsUnreachable } from '../../../electron/core/secrets/index.js';

describe('the encrypted-file decision the window is sent', () => {
  it('is offered only when there is no keychain at all, never for a locked or refusing one', () => {
    const offered: KeychainProblem[] = ['NO_DBUS', 'NO_SECRET_SERVICE', 'NATIVE_MODULE'];
    const refused: KeychainProblem[] = [
      'LOCKED',
      'REFUSED',
      'WRONG_PASSPHRASE',
      'NO_PASSPHRASE',
      'CORRUPT',
      'WRITE_FAILED',
      'UNKNOWN',
    ];
    for (const problem of offered) expect(keychainIsUnreachable(problem), problem).toBe(true);
    for (const problem of refused) expect(keychainIsUnreachable(problem), problem).toBe(false);
  });
});
