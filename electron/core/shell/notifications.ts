import { isAppError } from '../errors/index.js';
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

/** Said for a failure that is not one of ours: its own text may hold anything, a secret included. */
export const UNEXPECTED_TRAY_FAILURE =
  'The action failed unexpectedly; open the window to try again';

/**
 * A tray action that failed has no window to show its error in: it becomes a notification. Only
 * our own errors are quoted (their messages are written for people); others say little, as IPC does.
 */
export function errorNotification(error: unknown): NotificationText {
  return { title: PRODUCT_NAME, body: isAppError(error) ? error.message : UNEXPECTED_TRAY_FAILURE };
}
