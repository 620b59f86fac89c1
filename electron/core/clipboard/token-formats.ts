import type { Dialect } from '../thoughtspot/types.js';

/** What a copy puts on the clipboard: the bare token, a curl command, or a .env line. */
export const COPY_FORMATS = ['token', 'curl', 'env'] as const;
export type CopyFormat = (typeof COPY_FORMATS)[number];

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

/** The text put on the clipboard for a copy: the token, a curl command, or a .env line. */
export function formatToken(
  format: CopyFormat,
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
  }
}
