import type { Dialect } from '../thoughtspot/types.js';

/** What a copy puts on the clipboard: the bare token, a curl command, or a .env line. */
export const COPY_FORMATS = ['token', 'curl', 'env'] as const;
export type CopyFormat = (typeof COPY_FORMATS)[number];
/** A token minted for another user: the bare token, curl, or a Visual Embed SDK snippet. */
export const MINTED_COPY_FORMATS = ['token', 'curl', 'sdk'] as const;
export type MintedCopyFormat = (typeof MINTED_COPY_FORMATS)[number];

/** Where each dialect asks "who am I": a harmless request for a copied curl line. */
const SESSION_INFO_PATH: Record<Dialect, string> = {
  A: '/api/rest/v2/session',
  B: '/tspublic/rest/v2/session',
  C: '/api/rest/2.0/auth/session/user',
  V1: '/callosum/v1/tspublic/v1/session/info',
};

/** Single quotes for a POSIX shell: safe whatever the token or URL holds. */
function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

/** A JavaScript string literal in single quotes: safe whatever the text holds. */
function jsQuote(text: string): string {
  const body = JSON.stringify(text).slice(1, -1).replace(/\\"/g, '"').replace(/'/g, "\\'");
  return `'${body}'`;
}

/**
 * The Visual Embed SDK's cookieless trusted authentication with this token: what an embed
 * developer pastes into a page to try a token minted for one of their users.
 */
function sdkSnippet(token: string, clusterUrl: string): string {
  return [
    "import { AuthType, init } from '@thoughtspot/visual-embed-sdk';",
    '',
    'init({',
    `  thoughtSpotHost: ${jsQuote(clusterUrl)},`,
    '  authType: AuthType.TrustedAuthTokenCookieless,',
    `  getAuthToken: () => Promise.resolve(${jsQuote(token)}),`,
    '});',
  ].join('\n');
}

/** The text put on the clipboard for a copy: the token, a curl command, a .env line, SDK code. */
export function formatToken(
  format: CopyFormat | MintedCopyFormat,
  token: string,
  clusterUrl: string,
  dialect: Dialect,
): string {
  switch (format) {
    case 'token':
      return token;
    case 'curl':
      return `curl -H ${shellQuote(`Authorization: Bearer ${token}`)} -H 'Accept: application/json' ${shellQuote(clusterUrl + SESSION_INFO_PATH[dialect])}`;
    case 'env':
      return `TS_TOKEN=${token}`;
    case 'sdk':
      return sdkSnippet(token, clusterUrl);
  }
}
