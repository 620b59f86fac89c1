/**
 * The one place the tab copies a minted token. The main process puts it on the clipboard and
 * clears it later; a page that writes to its own clipboard (browser mode) changes only this.
 */
import type { MintedCopyFormat, SessionApi } from '../../../electron/ipc/contract.js';

export const COPY_LABELS: Record<MintedCopyFormat, string> = {
  token: 'the token',
  curl: 'a curl command',
  sdk: 'a Visual Embed SDK snippet',
};

export function copyMinted(
  api: SessionApi,
  mintId: string,
  format: MintedCopyFormat,
): Promise<{ clearsAfterSeconds: number }> {
  return api.invoke('tokens:copyMinted', { mintId, format });
}
