import { describe, expect, it, vi } from 'vitest';
import {
  MemoryClipboard,
  TokenClipboard,
} from '../../../electron/core/clipboard/token-clipboard.js';
import { formatToken } from '../../../electron/core/clipboard/token-formats.js';

describe('copying a token', () => {
  it('formats the token, a curl line per dialect, and a .env line', () => {
    expect(formatToken('token', 'abc', 'https://c.example.com', 'C')).toBe('abc');
    expect(formatToken('curl', 'abc', 'https://c.example.com', 'C')).toBe(
      "curl -H 'Authorization: Bearer abc' -H 'Accept: application/json' 'https://c.example.com/api/rest/2.0/auth/session/user'",
    );
    expect(formatToken('curl', 'abc', 'https://c.example.com', 'A')).toContain(
      "'https://c.example.com/api/rest/v2/session'",
    );
    expect(formatToken('env', 'abc', 'https://c.example.com', 'B')).toBe('TS_TOKEN=abc');
  });

  it('quotes for the shell whatever the URL holds', () => {
    expect(formatToken('curl', 'abc', "https://c.example.com/it's", 'C')).toContain(
      "'https://c.example.com/it'\\''s/api",
    );
  });

  it('clears the clipboard later only if it still holds the token', async () => {
    vi.useFakeTimers();
    try {
      const port = new MemoryClipboard();
      const clipboard = new TokenClipboard(port);
      await clipboard.copy('secret-1', 30_000);
      expect(port.text).toBe('secret-1');
      await vi.advanceTimersByTimeAsync(30_000);
      expect(port.text).toBe('');

      await clipboard.copy('secret-2', 30_000);
      port.writeText('something the person copied since');
      await vi.advanceTimersByTimeAsync(30_000);
      expect(port.text).toBe('something the person copied since');
    } finally {
      vi.useRealTimers();
    }
  });

  it('clears now, on quit, what it promised to clear later, and only if still there', async () => {
    const port = new MemoryClipboard();
    const clipboard = new TokenClipboard(port);
    expect(clipboard.pending).toBe(false);
    await clipboard.copy('secret-3', 30_000);
    expect(clipboard.pending).toBe(true);
    await clipboard.clearNow();
    expect(port.text).toBe('');
    expect(clipboard.pending).toBe(false);

    await clipboard.copy('secret-4', 30_000);
    port.writeText('the person copied this since');
    await clipboard.clearNow();
    expect(port.text).toBe('the person copied this since');
    expect(clipboard.pending).toBe(false);
    clipboard.dispose();
  });
});
