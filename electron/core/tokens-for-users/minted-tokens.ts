import { fingerprint, type AuditLog } from '../audit/audit-log.js';
import type { CopyResult, PageCopies } from '../clipboard/page-copies.js';
import type { TokenClipboard } from '../clipboard/token-clipboard.js';
import { formatToken, type MintedCopyFormat } from '../clipboard/token-formats.js';
import type { ProfileStore } from '../profiles/index.js';
import { sessionLog, type SessionLog } from '../session/session-log.js';
import { InputError } from '../errors/index.js';
import { readMintForm, type MintForm } from './mint-form.js';
import { MintedThisRun, type MintedSummary } from './minted-this-run.js';
import type { TokensForUsers } from './tokens-for-users.js';

export interface MintedTokensOptions {
  tokens: TokensForUsers;
  profiles: ProfileStore;
  clipboard: TokenClipboard;
  /** Set where the page copies for itself (browser mode): the text is handed to it instead. */
  pageCopies?: PageCopies;
  /** How long a copy stays on the clipboard (the person's preference), in seconds. */
  clearSeconds: () => number;
  audit: AuditLog;
  now?: () => number;
  cap?: number;
}

/**
 * Tokens for other users as the window drives them: mint from the form, keep the token in this
 * run's memory, and hand it over only for an explicit reveal or copy (both in the audit log, by
 * fingerprint). The window is told a token's facts, never the token, unless it asks.
 */
export class MintedTokens {
  readonly #o: MintedTokensOptions;
  readonly #run: MintedThisRun;
  readonly #log: SessionLog;

  constructor(options: MintedTokensOptions) {
    this.#o = options;
    this.#run = new MintedThisRun({
      ...(options.cap !== undefined ? { cap: options.cap } : {}),
      ...(options.now ? { now: options.now } : {}),
    });
    this.#log = sessionLog(options.audit);
  }

  async mint(profileId: string, form: MintForm): Promise<MintedSummary> {
    const profile = this.#o.profiles.get(profileId);
    // Whether the profile can mint at all is said before what the form got wrong.
    const minted = await this.#o.tokens.mint(profile.id, form, () => readMintForm(form));
    return this.#run.add(profile, minted);
  }

  list(profileId: string): MintedSummary[] {
    return this.#run.list(this.#o.profiles.get(profileId).id);
  }

  reveal(mintId: string): { token: string } {
    const { token, profileId, summary } = this.#run.token(mintId);
    this.#record(profileId, token, `revealed the token minted for ${summary.user}`);
    return { token };
  }

  async copy(mintId: string, format: MintedCopyFormat): Promise<CopyResult> {
    const { token, profileId, summary } = this.#run.token(mintId);
    const profile = this.#o.profiles.get(profileId);
    const seconds = this.#o.clearSeconds();
    // Tokens for other users come from /api/rest/2.0 (dialect C): curl asks who they are there.
    const text = formatToken(format, token, profile.url, 'C');
    if (this.#o.pageCopies) {
      this.#o.pageCopies.handOut(pageCopyKey(mintId), token);
      return { copiedBy: 'page', text, clearsAfterSeconds: seconds };
    }
    await this.#o.clipboard.copy(text, seconds * 1000);
    this.#record(profileId, token, `copied the token minted for ${summary.user}`);
    return { copiedBy: 'app', clearsAfterSeconds: seconds };
  }

  /** The page wrote what copy handed it to the browser's clipboard: now it is a copy. */
  confirmCopy(mintId: string): { recorded: true } {
    const { profileId, summary } = this.#run.token(mintId);
    if (!this.#o.pageCopies)
      throw new InputError('This app copies by itself; there is nothing to confirm');
    const token = this.#o.pageCopies.confirm(pageCopyKey(mintId));
    this.#record(profileId, token, `copied the token minted for ${summary.user}`);
    return { recorded: true };
  }

  /** Every token of `user` revoked at the cluster with the profile's own (admin) session. */
  async revokeForUser(
    profileId: string,
    user: string,
  ): Promise<{ user: string; forgotten: number }> {
    const profile = this.#o.profiles.get(profileId);
    await this.#o.tokens.revoke(profile.id, { user });
    return { user: user.trim(), forgotten: this.#run.revoked(profile.url, user.trim()) };
  }

  #record(profileId: string, token: string, message: string): void {
    this.#log(this.#o.profiles.get(profileId), 'copied', {
      fingerprint: fingerprint(token),
      message,
    });
  }
}

/** Minted tokens wait for the page's confirmation under their own keys, apart from profiles'. */
function pageCopyKey(mintId: string): string {
  return `minted:${mintId}`;
}
