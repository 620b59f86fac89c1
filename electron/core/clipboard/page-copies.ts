import { InputError } from '../errors/index.js';

/** How long the page has to write a handed-out copy and say so. */
const CONFIRM_WITHIN_MS = 60_000;

/**
 * Copies made by the page itself (browser mode, where the app has no clipboard of its own): the
 * text is handed to the page for that one explicit copy, and the copy is recorded only once the
 * page says the browser took it. A handover not confirmed in time, or confirmed twice, records
 * nothing.
 */
export class PageCopies {
  readonly #pending = new Map<string, { token: string; at: number }>();

  constructor(private readonly now: () => number) {}

  handOut(profileId: string, token: string): void {
    this.#pending.set(profileId, { token, at: this.now() });
  }

  /** The token handed out for this profile, once; an error when there is none to confirm. */
  confirm(profileId: string): string {
    const pending = this.#pending.get(profileId);
    this.#pending.delete(profileId);
    if (!pending || this.now() - pending.at > CONFIRM_WITHIN_MS)
      throw new InputError('No copy of this profile’s token is waiting to be confirmed');
    return pending.token;
  }
}
