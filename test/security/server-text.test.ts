import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { AuditLog } from '../../electron/core/audit/audit-log.js';
import { errorFromResponse } from '../../electron/core/thoughtspot/classify.js';
import { readServerReason } from '../../electron/core/thoughtspot/error-body.js';
import {
  cleanServerText,
  redactSecrets,
  stripControls,
} from '../../electron/core/thoughtspot/server-text.js';

const ESC = '\u001b';
const HOSTILE = `boom${ESC}]52;c;ZWNobyBwd25lZA==\u0007 ${ESC}[2J${ESC}[31mred\u009b1m\nnext\u007fline`;
const SECRET = 'pw-Quokka/5f1c+9e=';

const flat = (debug: string) => ({ error: { message: { code: 10002, debug } } });
const nested = (message: string) => ({ error: { errors: { message } } });

describe('server text, cleaned where it is read', () => {
  it('strips ESC, OSC 52, CSI, BEL, DEL and C1 from debug; a newline becomes a space', () => {
    for (const body of [flat(HOSTILE), nested(HOSTILE), { error: { message: HOSTILE } }]) {
      const debug = readServerReason(body)?.debug ?? '';
      expect(debug).toBe('boom]52;c;ZWNobyBwd25lZA== [2J[31mred1m nextline');
      expect(
        [...debug].some((c) => c.charCodeAt(0) < 0x20 || (c >= '\u007f' && c <= '\u009f')),
      ).toBe(false);
    }
    expect(stripControls('a\tb\r\nc')).toBe('a b  c');
  });

  it('redacts a secret echoed across the 500-character cut, so no prefix of it leaks', () => {
    const debug = `${'x'.repeat(495)}${SECRET} tail`;
    const reason = readServerReason(flat(debug), [SECRET]);
    expect(reason?.debug).toBe(`${'x'.repeat(495)}[reda`);
    expect(reason?.debug).not.toContain(SECRET.slice(0, 5));
    const error = errorFromResponse(401, flat(debug), {
      operation: 'sign in',
      origin: 'https://c.example.com',
      secrets: [SECRET],
    });
    expect(JSON.stringify(error)).not.toContain(SECRET.slice(0, 5));
  });

  it('redacts URL-encoded and base64 echoes of a secret too', () => {
    const echoes = [
      encodeURIComponent(SECRET),
      Buffer.from(SECRET).toString('base64'),
      Buffer.from(SECRET).toString('base64url'),
    ];
    const text = redactSecrets(`a ${echoes.join(' b ')} c`, [SECRET]);
    expect(text).toBe('a [redacted] b [redacted] b [redacted] c');
    expect(cleanServerText(`${'y'.repeat(498)}${echoes[1] ?? ''}`, [SECRET])).toBe(
      `${'y'.repeat(498)}[r`,
    );
  });
});

describe('the audit log keeps no control characters', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tsm-audit-clean-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('strips them when an entry is written', () => {
    const log = new AuditLog(join(dir, 'w'));
    log.append({ action: 'error', profileId: 'p1', profile: `Prod${ESC}[2J`, message: HOSTILE });
    const raw = readFileSync(log.path, 'utf8');
    expect(raw).not.toContain('\\u001b');
    expect(raw).not.toContain('\\u0007');
    const [entry] = log.read();
    expect(entry?.profile).toBe('Prod[2J');
    expect(entry?.message).toContain('boom]52');
  });

  it('strips them when a line written by an older version is read', () => {
    const log = new AuditLog(join(dir, 'r'));
    log.append({ action: 'signed-in', profileId: 'p1', profile: 'Prod' });
    const line = JSON.stringify({
      at: '2026-01-01T00:00:00.000Z',
      action: 'error',
      profileId: 'p1',
      profile: 'Prod',
      message: HOSTILE,
    });
    writeFileSync(log.path, `${readFileSync(log.path, 'utf8')}${line}\n`);
    const [newest] = log.read();
    expect(newest?.message).toBe('boom]52;c;ZWNobyBwd25lZA== [2J[31mred1m nextline');
  });
});
