import type { PreferencesFile } from '../app/preferences.js';
import type { ProfileStore } from '../profiles/index.js';
import type { SessionChange, SessionManager } from '../session/index.js';
import { notificationFor, type NotificationText } from './notifications.js';

export interface SessionNotifierSource {
  manager: Pick<SessionManager, 'subscribe'>;
  profiles: Pick<ProfileStore, 'find'>;
  preferences: Pick<PreferencesFile, 'read'>;
}

/**
 * Shows a notification for every session change that deserves one (notificationFor), for profiles
 * that still exist, as long as the person has notifyBeforeExpiry on (read at each change, so a
 * settings change applies at once). Returns the unsubscribe.
 */
export function notifySessionChanges(
  source: SessionNotifierSource,
  show: (text: NotificationText) => void,
): () => void {
  return source.manager.subscribe(({ profileId, status, previous }: SessionChange) => {
    const profile = source.profiles.find(profileId);
    if (!profile) return;
    const text = notificationFor(
      profile.name,
      status,
      previous,
      source.preferences.read().notifyBeforeExpiry,
    );
    if (text) show(text);
  });
}
