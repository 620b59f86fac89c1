/**
 * Every copy button's one path. The desktop app copies in the main process, which clears the
 * system clipboard later; in browser mode the host has no clipboard of the person's, so it hands
 * the text to this page for that one explicit copy, the page writes the browser's clipboard, and
 * only then is the copy recorded. The note says what really happened, clearing included.
 */
import type { CopyFormat, CopyResult, SessionApi } from './api.js';

/** The browser's clipboard as this page may use it (navigator.clipboard and its permission). */
export interface PageClipboard {
  writeText(text: string): Promise<void>;
  readText(): Promise<string>;
  /** Whether the page may read the clipboard later, without asking (to clear only its own text). */
  mayRead(): Promise<boolean>;
}

export const COPY_LABELS: Record<CopyFormat, string> = {
  token: 'the token',
  curl: 'a curl command',
  env: 'a .env line',
};

export function browserClipboard(): PageClipboard {
  return {
    writeText: (text) => navigator.clipboard.writeText(text),
    readText: () => navigator.clipboard.readText(),
    mayRead: async () => {
      try {
        const name = 'clipboard-read' as PermissionName;
        return (await navigator.permissions.query({ name })).state === 'granted';
      } catch {
        return false; // a browser that does not know the permission cannot promise to read
      }
    },
  };
}

/** The one copy this page will clear, if it still holds it when the time comes. */
let clearing: ReturnType<typeof setTimeout> | undefined;

function refused(reason: unknown): Error {
  const why = reason instanceof Error && reason.message ? ` (${reason.message})` : '';
  return Object.assign(
    new Error(
      `The browser did not let this page write the clipboard${why}; nothing was copied. Click the window first, or allow clipboard access for this page.`,
    ),
    { code: 'CLIPBOARD_REFUSED', details: {} },
  );
}

/** Copies the profile's token in a format; resolves with the note to show, rejects if nothing was copied. */
export async function copyToken(
  api: SessionApi,
  profileId: string,
  format: CopyFormat,
  page: PageClipboard = browserClipboard(),
): Promise<string> {
  const result = await api.invoke('session:copyToken', { profileId, format });
  const confirm = () => api.invoke('session:confirmCopy', { profileId });
  return finishCopy(result, COPY_LABELS[format], confirm, page);
}

/**
 * What every copy button does with its channel's answer: nothing more when the app copied; in
 * browser mode, write the browser's clipboard, confirm, and clear it later only where it may.
 */
export async function finishCopy(
  result: CopyResult,
  what: string,
  confirm: () => Promise<unknown>,
  page: PageClipboard = browserClipboard(),
): Promise<string> {
  const seconds = result.clearsAfterSeconds;
  if (result.copiedBy === 'app')
    return `Copied ${what}. The clipboard is cleared in ${seconds} s if it still holds it.`;
  try {
    await page.writeText(result.text);
  } catch (error) {
    throw refused(error);
  }
  await confirm();
  if (clearing) clearTimeout(clearing);
  clearing = undefined;
  if (!(await page.mayRead()))
    return `Copied ${what}. The browser does not let this page clear it later: paste it, then copy something else.`;
  const text = result.text;
  clearing = setTimeout(() => {
    clearing = undefined;
    void page
      .readText()
      .then((now) => (now === text ? page.writeText('') : undefined))
      .catch(() => undefined); // the tab lost focus or the permission: nothing more it can do
  }, seconds * 1000);
  return `Copied ${what}. This tab clears it in ${seconds} s if the clipboard still holds it and the browser lets the tab read it then.`;
}
