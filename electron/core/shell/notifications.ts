import { PRODUCT_NAME } from '../product.js';
import type { SessionStatus } from '../session/session-state.js';

export interface NotificationText {
  title: string;
  body: string;
}

/** Which session changes deserve a desktop notification, and what it says. */
export function notificationFor(
  profileName: string,
  status: SessionStatus,
  previous: SessionStatus,
  enabled: boolean,
): NotificationText | undefined {
  if (!enabled || status.state === previous.state) return undefined;
  if (status.state === 'expiring-soon') {
    return {
      title: `${profileName}: session expiring`,
      body: 'The session ends in less than two minutes. Renew it to keep working.',
    };
  }
  if (status.state === 'expired') {
    return { title: `${profileName}: session expired`, body: 'Sign in again to get a new token.' };
  }
  if (status.state === 'revoked') {
    return {
      title: `${profileName}: token revoked`,
      body: 'The token no longer works anywhere. Sign in again to get a new one.',
    };
  }
  return undefined;
}

/** A tray action that failed has no window to show its error in: it becomes a notification. */
export function errorNotification(error: unknown): NotificationText {
  return { title: PRODUCT_NAME, body: error instanceof Error ? error.message : String(error) };
}
