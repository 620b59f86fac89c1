import { afterEach, describe, expect, it, vi } from 'vitest';
import { copyToken, type PageClipboard } from './copy.js';
import { FakeApi } from './testing/fake-api.js';

/** A clipboard the page may write, and read only when `readable` says so. */
function pageClipboard(readable: boolean, refuse = false): PageClipboard & { text: string } {
  const clip = {
    text: 'before',
    writeText: (text: string) => {
      if (refuse) return Promise.reject(new Error('Document is not focused.'));
      clip.text = text;
      return Promise.resolve();
    },
    readText: () => Promise.resolve(clip.text),
    mayRead: () => Promise.resolve(readable),
  };
  return clip;
}

const handedOut = { copiedBy: 'page', text: 'TS_TOKEN=abc', clearsAfterSeconds: 30 } as const;

afterEach(() => vi.useRealTimers());

describe('copyToken', () => {
  it('leaves a desktop copy to the main process and says when it clears', async () => {
    const api = new FakeApi().on('session:copyToken', () => ({
      copiedBy: 'app',
      clearsAfterSeconds: 45,
    }));
    const page = pageClipboard(true);
    const note = await copyToken(api, 'p1', 'token', page);
    expect(note).toBe('Copied the token. The clipboard is cleared in 45 s if it still holds it.');
    expect(page.text).toBe('before');
    expect(api.requests('session:confirmCopy')).toHaveLength(0);
  });

  it('writes a browser-mode copy itself, then confirms, then clears it only if still there', async () => {
    vi.useFakeTimers();
    const api = new FakeApi()
      .on('session:copyToken', () => handedOut)
      .on('session:confirmCopy', () => ({ recorded: true }));
    const page = pageClipboard(true);
    const note = await copyToken(api, 'p1', 'env', page);
    expect(page.text).toBe('TS_TOKEN=abc');
    expect(api.requests('session:confirmCopy')).toEqual([{ profileId: 'p1' }]);
    expect(note).toMatch(/^Copied a \.env line\. This tab clears it in 30 s if the clipboard/);
    await vi.advanceTimersByTimeAsync(30_000);
    expect(page.text).toBe('');

    await copyToken(api, 'p1', 'env', page);
    page.text = 'something the person copied since';
    await vi.advanceTimersByTimeAsync(30_000);
    expect(page.text).toBe('something the person copied since');
  });

  it('says plainly when the browser will not let it clear the clipboard later', async () => {
    const api = new FakeApi()
      .on('session:copyToken', () => handedOut)
      .on('session:confirmCopy', () => ({ recorded: true }));
    const note = await copyToken(api, 'p1', 'token', pageClipboard(false));
    expect(note).toBe(
      'Copied the token. The browser does not let this page clear it later: paste it, then copy something else.',
    );
  });

  it('records nothing when the browser refuses the write, and says nothing was copied', async () => {
    const api = new FakeApi()
      .on('session:copyToken', () => handedOut)
      .on('session:confirmCopy', () => ({ recorded: true }));
    const error: unknown = await copyToken(api, 'p1', 'token', pageClipboard(true, true)).catch(
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ code: 'CLIPBOARD_REFUSED' });
    expect((error as Error).message).toMatch(/Document is not focused.*nothing was copied/);
    expect(api.requests('session:confirmCopy')).toHaveLength(0);
  });
});
