import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  ChangeStamp,
  nextGeneration,
  sameGeneration,
  STAMP_FILE_NAME,
} from '../../../electron/core/secrets/index.js';
import { useTempDir } from '../../support/temp-dir.js';

const tempDir = useTempDir('tsm-stamp-');

describe('the change stamp', () => {
  it('reads as empty before anyone wrote, and each bump follows the one before', () => {
    const stamp = new ChangeStamp(tempDir());
    const start = stamp.read();
    expect(start).toEqual({ file: '', size: 0 });
    const first = stamp.bump();
    expect(nextGeneration(start!, first)).toBe(true);
    const second = stamp.bump();
    expect(nextGeneration(first, second)).toBe(true);
    expect(sameGeneration(second, stamp.read()!)).toBe(true);
  });

  it('shows a bump by another writer in between as not following', () => {
    const dir = tempDir();
    const mine = new ChangeStamp(dir);
    const theirs = new ChangeStamp(dir);
    const before = mine.bump();
    theirs.bump();
    const after = mine.bump();
    expect(after.size).toBe(before.size + 2);
    expect(nextGeneration(before, after)).toBe(false);
  });

  it('holds nothing but markers', () => {
    const dir = tempDir();
    const stamp = new ChangeStamp(dir);
    stamp.bump();
    stamp.bump();
    expect(readFileSync(join(dir, STAMP_FILE_NAME), 'utf8')).toBe('..');
  });

  it('starts a new file past its size limit, which no earlier generation matches', () => {
    const dir = tempDir();
    const stamp = new ChangeStamp(dir);
    stamp.bump();
    appendFileSync(stamp.path, '.'.repeat(4096));
    const before = stamp.read()!;
    const after = stamp.bump();
    expect(after.size).toBe(0);
    expect(after.file).not.toBe(before.file);
    expect(nextGeneration(before, after)).toBe(false);
  });

  it('cannot be read where the config directory is not a directory', () => {
    const file = join(tempDir(), 'not-a-dir');
    writeFileSync(file, '');
    const stamp = new ChangeStamp(file);
    expect(stamp.read()).toBeUndefined();
    expect(() => stamp.bump()).toThrow();
  });
});
