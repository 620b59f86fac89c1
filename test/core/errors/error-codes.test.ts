import { describe, expect, it } from 'vitest';
import {
  AppError,
  ERROR_CODES,
  hasCode,
  isAppError,
  KeychainError,
} from '../../../electron/core/errors/index.js';

describe('error codes, declared once', () => {
  it('lists each stable code once, the ones the design names among them', () => {
    expect(new Set(ERROR_CODES).size).toBe(ERROR_CODES.length);
    expect(ERROR_CODES).toHaveLength(18);
    for (const code of [
      'AUTH_FAILED',
      'FORBIDDEN',
      'KEYCHAIN_UNAVAILABLE',
      'INVALID_INPUT',
      'SIGN_IN_UNFINISHED',
    ])
      expect(ERROR_CODES).toContain(code);
  });

  it('the guard knows every listed code, also on plain objects that crossed IPC', () => {
    for (const code of ERROR_CODES) {
      expect(isAppError({ code, message: 'm' }), code).toBe(true);
      expect(isAppError(JSON.parse(JSON.stringify(new AppError(code, 'm')))), code).toBe(true);
    }
    expect(hasCode(new KeychainError('LOCKED', 'locked'), 'KEYCHAIN_UNAVAILABLE')).toBe(true);
  });

  it('the guard refuses codes that are not in the list', () => {
    for (const code of ['INTERNAL', 'forbidden', '', 'toString', '__proto__'])
      expect(isAppError({ code, message: 'm' }), code).toBe(false);
    expect(isAppError({ code: 'FORBIDDEN' })).toBe(false);
    expect(isAppError(null)).toBe(false);
  });
});
