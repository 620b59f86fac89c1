import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PRODUCT_NAME, PRODUCT_VERSION } from '../../electron/core/product.js';

describe('product constants', () => {
  it('takes the version from package.json, the one place it is written', () => {
    const pkg = JSON.parse(
      readFileSync(new URL('../../package.json', import.meta.url), 'utf8'),
    ) as {
      version: string;
    };
    expect(PRODUCT_VERSION).toBe(pkg.version);
    expect(PRODUCT_NAME).toBe('ThoughtSpot Session Manager');
  });
});
