import { BrowserSignInError } from '../errors/index.js';
import type { Profile } from '../profiles/index.js';
import type { BrowserSignIn } from '../browser-sign-in/port.js';
import { isAppError } from '../errors/index.js';
import type {
  BrowserSessionContext,
  BrowserSignInOptions,
  BrowserSignInResult,
} from './browser-session.js';
import type { SessionState, SessionStatus } from './session-state.js';

export interface BrowserSignInsOptions {
  context: BrowserSessionContext;
  /** The host's browser; absent where none can be opened. */
  port: BrowserSignIn | undefined;
  restore: (profileId: string) => Promise<unknown>;
  fail: (profile: Profile, error: unknown, back?: SessionStatus) => unknown;
  refuseWhileBusy: (profile: Profile, busy: readonly SessionState[]) => void;
}

interface Flight {
  result: Promise<BrowserSignInResult>;
  abort: AbortController;
  /** Past the wait: the session is being kept, and a profile change is our own. */
  phase: { keeping: boolean };
}

/**
 * The browser sign-ins under way, one per profile: a second request for the same profile (the tray
 * beside the window) joins the first; Cancel, or an edit of the profile, ends it.
 */
export class BrowserSignIns {
  readonly #flights = new Map<string, Flight>();

  constructor(private readonly options: BrowserSignInsOptions) {}

  signIn(profile: Profile, options: BrowserSignInOptions = {}): Promise<BrowserSignInResult> {
    const running = this.#flights.get(profile.id);
    if (running) return running.result;
    const { port } = this.options;
    if (!port)
      throw new BrowserSignInError(
        'no-browser',
        'This app cannot open a browser window to sign in here; paste a token instead',
      );
    this.options.refuseWhileBusy(profile, ['signing-in', 'renewing']);
    const abort = new AbortController();
    const signal = options.signal ? AbortSignal.any([options.signal, abort.signal]) : abort.signal;
    const phase = { keeping: false };
    const before = this.options.context.states.status(profile.id);
    this.options.context.states.apply(profile.id, { type: 'begin-sign-in' });
    const result = this.#run(profile, port, { ...options, signal }, phase, before).finally(() =>
      this.#flights.delete(profile.id),
    );
    this.#flights.set(profile.id, { result, abort, phase });
    return result;
  }

  /** Ends a sign-in under way; says whether there was one. */
  cancel(profileId: string, reason?: BrowserSignInError): boolean {
    const flight = this.#flights.get(profileId);
    if (!flight || flight.phase.keeping) return false;
    flight.abort.abort(reason ?? new BrowserSignInError('cancelled', 'Sign-in was cancelled'));
    return true;
  }

  /** The profile now names another cluster or user: a sign-in for the old one must not finish. */
  profileChanged(profile: Profile): void {
    this.cancel(
      profile.id,
      new BrowserSignInError(
        'cancelled',
        `Sign-in was cancelled because "${profile.name}" was changed while it was open`,
      ),
    );
  }

  async #run(
    profile: Profile,
    port: BrowserSignIn,
    options: BrowserSignInOptions,
    phase: Flight['phase'],
    before: SessionStatus,
  ): Promise<BrowserSignInResult> {
    try {
      // Loaded when a sign-in opens: the cookie jar it needs stays off `tsm token`'s path.
      const { signInThroughBrowser } = await import('./browser-session.js');
      return await signInThroughBrowser(this.options.context, profile, port, {
        ...options,
        keeping: () => (phase.keeping = true),
      });
    } catch (error) {
      if (!isAppError(error) || error.code !== 'SIGN_IN_UNFINISHED')
        throw this.options.fail(profile, error, before);
      // Nothing changed: the session is what it was before the window opened.
      this.options.context.log(profile, 'error', {
        operation: 'sign-in',
        code: error.code,
        message: error.message,
      });
      await this.options.restore(profile.id).catch(() => undefined);
      throw error;
    }
  }
}
