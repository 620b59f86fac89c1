/**
 * What the desktop app's sign-in window may do. It shows pages of the cluster and of the identity
 * provider, which we do not write, so it gets none of our window's powers: no preload, a sandboxed
 * renderer, an in-memory partition of its own, and only web pages.
 */

/** A partition name without `persist:` is in memory: nothing of the sign-in reaches the disk. */
export const SIGN_IN_PARTITION_PREFIX = 'tsm-sign-in-';

export function signInPartition(unique: string): string {
  return `${SIGN_IN_PARTITION_PREFIX}${unique}`;
}

export const SIGN_IN_WINDOW_SIZE = { width: 520, height: 720 } as const;

/**
 * Where the sign-in window's main frame may go: web pages only. `file:`, `javascript:`, `data:`,
 * custom app schemes (an IdP's "open the desktop app" link) and anything unparsable stay blocked.
 */
export function isSignInNavigation(target: string): boolean {
  try {
    const { protocol } = new URL(target);
    return protocol === 'https:' || protocol === 'http:';
  } catch {
    return false;
  }
}

/**
 * Popups (window.open, target=_blank) are denied. The flows we start are full-page redirects (the
 * SAML bindings, the OIDC code flow, the cluster's own form), so none needs one; a popup would be a
 * second window outside the one we clear and close, and one the person may not even see.
 */
export const SIGN_IN_POPUPS = 'deny' as const;
