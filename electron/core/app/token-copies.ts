import { PageCopies, type CopyResult } from '../clipboard/page-copies.js';
import {
  MemoryClipboard,
  TokenClipboard,
  type ClipboardPort,
} from '../clipboard/token-clipboard.js';
import { formatToken, type CopyFormat } from '../clipboard/token-formats.js';
import { InputError } from '../errors/index.js';
import { effectiveDialect, type ProfileStore } from '../profiles/index.js';
import type { SessionManager } from '../session/index.js';

export interface TokenCopiesOptions {
  profiles: Pick<ProfileStore, 'get'>;
  /** Where the token comes from, and the audit line of each copy or reveal. */
  manager: Pick<SessionManager, 'getToken' | 'recordCopy'>;
  /** The system clipboard; 'page' where the host has none (browser mode): the page copies. */
  clipboard: ClipboardPort | 'page';
  /** The preference, read at each copy. */
  clearSeconds: () => number;
  now: () => number;
}

/**
 * A profile's own token handed out on purpose: copied in a format (cleared later if the
 * clipboard still holds it), handed to the page where the page copies, or revealed. Each one is
 * an audit line naming the token by fingerprint.
 */
export class TokenCopies {
  readonly clipboard: TokenClipboard;
  /** Set where the page copies for itself (browser mode); minted tokens' copies share it. */
  readonly pageCopies: PageCopies | undefined;
  readonly #o: TokenCopiesOptions;

  constructor(options: TokenCopiesOptions) {
    this.#o = options;
    const port = options.clipboard;
    // Where the page copies, nothing is ever written here: the clipboard never has one pending.
    this.clipboard = new TokenClipboard(port === 'page' ? new MemoryClipboard() : port);
    this.pageCopies = port === 'page' ? new PageCopies(options.now) : undefined;
  }

  /** An explicit reveal: the token itself, recorded in the audit log as shown. */
  async reveal(profileId: string): Promise<{ token: string }> {
    const token = await this.#o.manager.getToken(profileId, { minTtlSeconds: 0 });
    this.#o.manager.recordCopy(profileId, token.token, 'revealed');
    return { token: token.token };
  }

  /**
   * Copies the token in a format; the clipboard is cleared later if it still holds it. Where the
   * page copies, the text is handed to it instead, and the copy is recorded once it confirms.
   */
  async copy(profileId: string, format: CopyFormat): Promise<CopyResult> {
    const { profiles, manager } = this.#o;
    const profile = profiles.get(profileId);
    const token = await manager.getToken(profileId, { minTtlSeconds: 0 });
    const dialect = effectiveDialect(profile) ?? token.dialect;
    const text = formatToken(format, token.token, profile.url, dialect);
    const seconds = this.#o.clearSeconds();
    if (this.pageCopies) {
      this.pageCopies.handOut(profile.id, token.token);
      return { copiedBy: 'page', text, clearsAfterSeconds: seconds };
    }
    await this.clipboard.copy(text, seconds * 1000);
    manager.recordCopy(profileId, token.token);
    return { copiedBy: 'app', clearsAfterSeconds: seconds };
  }

  /** The page wrote what `copy` handed it to the browser's clipboard: now it is a copy. */
  confirmPageCopy(profileId: string): { recorded: true } {
    const profile = this.#o.profiles.get(profileId);
    if (!this.pageCopies)
      throw new InputError('This app copies by itself; there is nothing to confirm');
    this.#o.manager.recordCopy(profile.id, this.pageCopies.confirm(profile.id));
    return { recorded: true };
  }

  dispose(): void {
    this.clipboard.dispose();
  }
}
