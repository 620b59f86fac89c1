import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AuditLog, fingerprint, type AuditEntry } from '../../../electron/core/audit/audit-log.js';
import { expectAppError } from '../../support/expect-error.js';
import { useTempDir } from '../../support/temp-dir.js';

const tempDir = useTempDir('tsm-audit-');

/** A clock that moves one second per reading, so every entry has its own time. */
function ticking(start = Date.UTC(2031, 4, 6, 7, 8, 9)): () => number {
  let t = start;
  return () => (t += 1000);
}

function appendNumbered(log: AuditLog, count: number, profileId = 'p1'): void {
  for (let i = 1; i <= count; i++) {
    log.append({ action: 'issued', profileId, profile: 'Prod', message: `n${i}` });
  }
}

const numbers = (entries: AuditEntry[]) => entries.map((e) => Number(e.message?.slice(1)));

function logFiles(dir: string): string[] {
  return readdirSync(dir)
    .filter((name) => name.startsWith('audit.log'))
    .sort();
}

describe('audit log: append and read', () => {
  it('reads back what was appended, newest first, with the time of the injected clock', () => {
    const dir = tempDir();
    const now = ticking(Date.UTC(2031, 0, 2, 3, 4, 5));
    const log = new AuditLog(dir, { now });
    log.append({ action: 'signed-in', profileId: 'p1', profile: 'Prod', kind: 'cookie' });
    log.append({ action: 'issued', profileId: 'p1', profile: 'Prod', fingerprint: 'abc123' });
    log.append({ action: 'error', profileId: 'p2', profile: 'Dev', code: 'AUTH_FAILED' });

    const entries = log.read();
    expect(entries.map((e) => e.action)).toEqual(['error', 'issued', 'signed-in']);
    expect(entries[2]).toEqual({
      at: new Date(Date.UTC(2031, 0, 2, 3, 4, 6)).toISOString(),
      action: 'signed-in',
      profileId: 'p1',
      profile: 'Prod',
      kind: 'cookie',
    });
    expect(entries[0]?.at).toBe(new Date(Date.UTC(2031, 0, 2, 3, 4, 8)).toISOString());
    // One JSON object per line, so `tail -f` and other processes can read it too.
    const lines = readFileSync(log.path, 'utf8').trimEnd().split('\n');
    expect(lines).toHaveLength(3);
    for (const line of lines) expect(() => JSON.parse(line) as unknown).not.toThrow();
  });

  it('filters by profile and limits the count (newest kept)', () => {
    const log = new AuditLog(tempDir(), { now: ticking() });
    for (let i = 1; i <= 6; i++) {
      log.append({
        action: 'copied',
        profileId: i % 2 ? 'odd' : 'even',
        profile: 'x',
        message: `n${i}`,
      });
    }
    expect(numbers(log.read({ profileId: 'odd' }))).toEqual([5, 3, 1]);
    expect(numbers(log.read({ profileId: 'even' }))).toEqual([6, 4, 2]);
    expect(log.read({ profileId: 'nobody' })).toEqual([]);
    expect(numbers(log.read({ limit: 2 }))).toEqual([6, 5]);
    expect(numbers(log.read({ profileId: 'odd', limit: 2 }))).toEqual([5, 3]);
    expect(numbers(log.read({ limit: 100 }))).toEqual([6, 5, 4, 3, 2, 1]);
  });

  it('a limit of 0 reads nothing (tsm log -n 0)', () => {
    const log = new AuditLog(tempDir());
    appendNumbered(log, 3);
    expect(log.read({ limit: 0 })).toEqual([]);
  });

  it('reads nothing from a directory without a log, and creates the directory on first append', () => {
    const dir = join(tempDir(), 'not', 'yet');
    const log = new AuditLog(dir);
    expect(log.read()).toEqual([]);
    appendNumbered(log, 1);
    expect(numbers(log.read())).toEqual([1]);
  });

  it('is readable only by its owner', () => {
    const log = new AuditLog(tempDir());
    appendNumbered(log, 1);
    expect(statSync(log.path).mode & 0o777).toBe(0o600);
  });

  it('passes over corrupt, partial and foreign lines', () => {
    const dir = tempDir();
    const log = new AuditLog(dir, { now: ticking() });
    appendNumbered(log, 2);
    const good = readFileSync(log.path, 'utf8');
    writeFileSync(
      log.path,
      [
        'not json at all',
        '',
        'null',
        '42',
        '["an", "array"]',
        JSON.stringify({ action: 'issued', profileId: 'p1' }), // no time
        JSON.stringify({ at: 'x', action: 'issued' }), // no profile id
        JSON.stringify({ at: 1, action: 'issued', profileId: 'p1' }), // time not a string
        good.trimEnd(),
        '   ',
        '{"at":"2031-01-01T00:00:00.000Z","action":"iss', // a line cut short by a crash
      ].join('\n'),
    );
    expect(numbers(log.read())).toEqual([2, 1]);
  });

  it('ends a line left unfinished by a failed write before appending, so no entry is lost', () => {
    const dir = tempDir();
    const log = new AuditLog(dir, { now: ticking() });
    appendNumbered(log, 1);
    writeFileSync(
      log.path,
      `${readFileSync(log.path, 'utf8')}{"at":"2031-01-01T00:00:00.000Z","ac`,
    );
    log.append({ action: 'revoked', profileId: 'p1', profile: 'Prod', message: 'n2' });
    expect(numbers(log.read())).toEqual([2, 1]);
    expect(readFileSync(log.path, 'utf8').endsWith('\n')).toBe(true);
  });
});

describe('audit log: fingerprints', () => {
  it('is the first 12 hex digits of SHA-256 (the FIPS 180-2 "abc" vector)', () => {
    expect(fingerprint('abc')).toBe('ba7816bf8f01');
  });

  it('is stable, short, and tells tokens apart without revealing them', () => {
    const token = 'eyJhbGciOiJIUzI1NiJ9.payload-part.signature-part';
    expect(fingerprint(token)).toBe(fingerprint(token));
    expect(fingerprint(token)).toMatch(/^[0-9a-f]{12}$/);
    expect(fingerprint(`${token}x`)).not.toBe(fingerprint(token));
    expect(token).not.toContain(fingerprint(token));
    const many = new Set(Array.from({ length: 500 }, (_, i) => fingerprint(`token-${i}`)));
    expect(many.size).toBe(500);
  });
});

describe('audit log: rotation', () => {
  it.each([1, 2, 3])('keeps at most %i rotated file(s) and reads across them', (keep) => {
    const dir = tempDir();
    const maxBytes = 400;
    const log = new AuditLog(dir, { maxBytes, keep, now: ticking() });
    appendNumbered(log, 60);

    const files = logFiles(dir);
    const expected = ['audit.log', ...Array.from({ length: keep }, (_, i) => `audit.log.${i + 1}`)];
    for (const file of files) expect(expected).toContain(file);
    expect(files.length).toBeLessThanOrEqual(keep + 1);
    expect(files).toContain(`audit.log.${keep}`);
    // Each file stays about the limit (it rotates as soon as a line takes it past).
    for (const file of files) expect(statSync(join(dir, file)).size).toBeLessThan(maxBytes * 2);
    // No lock file is left behind by rotation.
    expect(readdirSync(dir).filter((name) => name.endsWith('.lock'))).toEqual([]);

    const read = numbers(log.read());
    const current = readFileSync(log.path, { encoding: 'utf8', flag: 'a+' })
      .split('\n')
      .filter(Boolean).length;
    // Newest first, contiguous from the last entry, reaching into the rotated files...
    expect(read[0]).toBe(60);
    expect(read).toEqual(Array.from({ length: read.length }, (_, i) => 60 - i));
    expect(read.length).toBeGreaterThan(current);
    // ...and the oldest entries are gone.
    expect(read.length).toBeLessThan(60);
    expect(read).not.toContain(1);
  });

  it('a keep of 0 keeps no rotated file', () => {
    const dir = tempDir();
    const log = new AuditLog(dir, { maxBytes: 200, keep: 0 });
    appendNumbered(log, 20);
    expect(logFiles(dir).filter((name) => name !== 'audit.log')).toEqual([]);
  });

  it('a second writer on the same directory (the CLI beside the app) shares the files', () => {
    const dir = tempDir();
    const now = ticking();
    const app = new AuditLog(dir, { maxBytes: 500, keep: 2, now });
    const cli = new AuditLog(dir, { maxBytes: 500, keep: 2, now });
    for (let i = 1; i <= 30; i++) {
      (i % 2 ? app : cli).append({
        action: 'copied',
        profileId: 'p',
        profile: 'P',
        message: `n${i}`,
      });
    }
    expect(numbers(app.read())).toEqual(numbers(cli.read()));
    expect(numbers(app.read())[0]).toBe(30);
    expect(logFiles(dir).length).toBeLessThanOrEqual(3);
  });
});

describe('audit log: storage failures', () => {
  it('a directory that cannot be created gives a StorageError, not a raw errno error', async () => {
    const parent = tempDir();
    const blocker = join(parent, 'a-file');
    writeFileSync(blocker, 'in the way');
    const log = new AuditLog(join(blocker, 'config'));
    const error = await expectAppError(
      Promise.resolve().then(() => log.append({ action: 'issued', profileId: 'p', profile: 'P' })),
      'STORAGE_FAILED',
    );
    expect(error.name).toBe('StorageError');
    expect(error.message).toContain(log.path);
    expect(error.details.cause).toBe('ENOTDIR');
  });

  it('a log path that cannot be written (a directory in its place) gives a StorageError', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'audit.log'));
    const log = new AuditLog(dir);
    const error = await expectAppError(
      Promise.resolve().then(() => log.append({ action: 'issued', profileId: 'p', profile: 'P' })),
      'STORAGE_FAILED',
    );
    expect(error.details.cause).toBe('EISDIR');
  });

  if (process.getuid?.() === 0) {
    console.log(
      'Skipped: the read-only directory case, since root writes anyway (EISDIR and ENOTDIR cover it)',
    );
  }
  it.skipIf(process.getuid?.() === 0)(
    'a read-only directory gives a StorageError (not run as root: root writes anyway)',
    async () => {
      const { chmodSync } = await import('node:fs');
      const dir = tempDir();
      chmodSync(dir, 0o500);
      try {
        const log = new AuditLog(dir);
        const error = await expectAppError(
          Promise.resolve().then(() =>
            log.append({ action: 'issued', profileId: 'p', profile: 'P' }),
          ),
          'STORAGE_FAILED',
        );
        expect(error.details.cause).toBe('EACCES');
      } finally {
        chmodSync(dir, 0o700);
      }
    },
  );
});
