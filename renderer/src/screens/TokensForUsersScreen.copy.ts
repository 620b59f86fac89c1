/**
 * The one place the tab copies a minted token, through the window's one copy path: the main
 * process copies and clears it later (desktop), or the page writes its own clipboard (browser mode).
 */
import type { MintedCopyFormat, SessionApi } from '../../../electron/ipc/contract.js';
import { browserClipboard, finishCopy, type PageClipboard } from '../lib/copy.js';

export const COPY_LABELS: Record<MintedCopyFormat, string> = {
  token: 'the token',
  curl: 'a curl command',
  sdk: 'a Visual Embed SDK snippet',
};

/** Resolves with the note to show; rejects when nothing was copied. */
export async function copyMinted(
  api: SessionApi,
  mintId: string,
  format: MintedCopyFormat,
  page: PageClipboard = browserClipboard(),
): Promise<string> {
  const result = await api.invoke('tokens:copyMinted', { mintId, format });
  const confirm = () => api.invoke('tokens:confirmCopy', { mintId });
  return finishCopy(result, COPY_LABELS[format], confirm, page);
}
