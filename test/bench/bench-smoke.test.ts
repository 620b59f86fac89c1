// The bench's own code, run once quickly (one run, one cycle): every figure comes out, and the
// cached `tsm token` loads the fast bundle and no package at all (the Secret Service is read
// directly, not through keytar), and reads the keychain once. Not a timing test.
import { describe, expect, it } from 'vitest';
import { requireKeyring } from '../cli/support/run-tsm.js';
import { benchClientOverhead } from './client-overhead.bench.js';
import { benchTsmToken } from './tsm-token.bench.js';

describe('npm run bench (smoke)', () => {
  it('tsm token: ratio, floor and the files the cached path loads', async () => {
    requireKeyring();
    const [ratio, floor, reads, files] = await benchTsmToken(1);
    expect(ratio).toMatchObject({ target: 1.3, unit: '×' });
    expect(ratio?.value).toBeGreaterThan(0);
    expect(ratio?.detail).toMatch(
      /node start \d+ ms, fast bundle [\d.]+ ms, 1 keychain read\(s\) from the Secret Service \d+ ms/,
    );
    expect(ratio?.detail).toMatch(/keytar 0 ms/);
    expect(reads).toMatchObject({ value: 1, target: 1 });
    expect(floor?.target).toBeUndefined();
    const loaded = files?.detail.split(', ') ?? [];
    expect(loaded).toContain('dist/cli/tsm-token.cjs');
    expect(loaded).not.toContain('dist/cli/tsm.cjs');
    expect(loaded.filter((f) => f.startsWith('node_modules/'))).toEqual([]);
    expect(files?.value).toBe(loaded.length);
  }, 60_000);

  it('client overhead: the fair floor replays the keychain writes; the SDK is timed too', async () => {
    requireKeyring();
    const [floor, sdk, likeForLike] = await benchClientOverhead(1, 0);
    expect(floor).toMatchObject({ target: 1.05, unit: '×' });
    expect(floor?.detail).toMatch(
      /; [1-9]\d* keychain writes a cycle \([\d.]+ ms of the floor's\)/,
    );
    expect(floor?.detail).toMatch(/, \d+ keychain reads \(the floor makes none\)/);
    expect(likeForLike).toMatchObject({ target: 1, unit: '×' });
    expect(likeForLike?.value).toBeGreaterThan(0);
    expect(sdk).toMatchObject({ target: 1, unit: '×' });
    expect(sdk?.value).toBeGreaterThan(0);
  }, 60_000);
});
