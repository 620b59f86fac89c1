import type { BrowserAuthMethod } from '../profiles/index.js';

/** How each browser way of signing in is named to people. */
export const BROWSER_AUTH_LABELS: Readonly<Record<BrowserAuthMethod, string>> = {
  saml: 'SAML',
  oidc: 'OpenID Connect',
  browser: "the cluster's sign-in page",
};

/** Where sign-in returns to: the cluster's own home (a path on the cluster needs no allow-list). */
export function returnPath(clusterUrl: string): string {
  const path = new URL(clusterUrl).pathname.replace(/\/+$/, '');
  return `${path}/`;
}

/**
 * The page a browser sign-in starts at: the cluster's SAML or OIDC start with a `targetURLPath`
 * on the cluster itself, or the cluster's root, which shows its own sign-in (MFA, IAMv2).
 */
export function startUrl(clusterUrl: string, method: BrowserAuthMethod): string {
  const base = clusterUrl.replace(/\/+$/, '');
  if (method === 'browser') return `${base}/`;
  const start = new URL(`${base}/callosum/v1/${method}/login`);
  start.searchParams.set('targetURLPath', returnPath(clusterUrl));
  return start.toString();
}
