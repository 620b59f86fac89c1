import type { StoredToken } from '../core/secrets/index.js';
import { jsonText } from './output.js';
import { stripControls } from '../core/thoughtspot/server-text.js';

/**
 * What `tsm token` prints: the token alone (so `$(tsm token)` works), or with --json the details.
 * One function for the full command and its fast path, so the two cannot print differently.
 */
export function tokenText(
  profileName: string,
  token: StoredToken,
  now: number,
  json: boolean,
): string {
  if (!json) return `${stripControls(token.token)}\n`;
  const document = {
    profile: profileName,
    token: token.token,
    expiresAt: new Date(token.expiresAt).toISOString(),
    expiresInSeconds: Math.max(0, Math.floor((token.expiresAt - now) / 1000)),
    username: token.username,
    dialect: token.dialect,
  };
  return `${jsonText(document)}\n`;
}
