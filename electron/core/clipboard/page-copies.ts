import { InputError } from '../errors/index.js';

/**
 * What a copy did: the app wrote the system clipboard itself (desktop), or the host has none and
 * hands the text to the page, which writes the browser's clipboard and then confirms (browser mode).
 */
export type CopyResult =
  | { copiedBy: 'app'; clearsAfterSeconds: number }
  | { copiedBy: 'page'; text: string; clearsAfterSeconds: number };

/** How long the page has to write a handed-out copy and say so. */
const CONFIRM_WITHIN_MS = 60_000;

/**
 * Copies made by the page itself (browser mode, where the app has no clipboard of its own): the
 * text is handed to the page for that one explicit copy, and the copy is recorded only once the
 * page says the browser took it. A handover not confirmed in time, or confirmed twice, records
 * nothing. Keys name what was handed out: a profile's own token, or one minted this run.
 */
export class PageCopies {
  readonly #pending = new Map<string, { token: string; at: number }>();

  constructor(private readonly now: () => number) {}

  handOut(key: string, token: string): void {
    this.#pending.set(key, { token, at: this.now() });
  }

  /** The token handed out under this key, once; an error when there is none to confirm. */
  confirm(key: string): string {
    const pending = this.#pending.get(key);
    this.#pending.delete(key);
    if (!pending || this.now() - pending.at > CONFIRM_WITHIN_MS)
      throw new InputError('No copy of this token is waiting to be confirmed');
    return pending.token;
  }
}
