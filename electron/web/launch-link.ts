import { randomBytes } from 'node:crypto';
import { sameSecret } from './guard.js';

export type Exchange = { ok: true; cookie: string } | { ok: false; refused: string };

export const LINK_USED =
  'This link was used already; open the app in the browser that used it, or restart npm run web for a new one';

/**
 * The printed link's key: good for one exchange, for the cookie that then carries the browser.
 * The cookie is a different secret, so the link (in scrollback, shell and browser history) is
 * worthless once used, and a second person who sees it later cannot get in.
 */
export class LaunchLink {
  readonly key = randomBytes(24).toString('base64url');
  readonly cookie = randomBytes(24).toString('base64url');
  private used = false;

  exchange(given: string): Exchange {
    if (!sameSecret(given, this.key)) return { ok: false, refused: 'Wrong key' };
    if (this.used) return { ok: false, refused: LINK_USED };
    this.used = true;
    return { ok: true, cookie: this.cookie };
  }
}
