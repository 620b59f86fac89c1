import { describe, expect, it } from 'vitest';
import { DIALECT_WORDS, sessionWords } from './dialects.js';

describe('dialects in words', () => {
  it('says the session kind and the API plainly: no dialect letter, no nested brackets', () => {
    expect(sessionWords('cookie', 'C')).toBe('Cookie session · REST API 2.0 (9.0 and later)');
    expect(sessionWords('bearer', 'V1')).toBe('Bearer token · REST API v1 (7.x and 8.x)');
    for (const words of Object.values(DIALECT_WORDS)) {
      expect(words).not.toMatch(/\([^)]*\(/);
      expect(words).not.toContain('/');
    }
  });
});
