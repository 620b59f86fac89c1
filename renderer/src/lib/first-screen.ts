/**
 * What the window opens on, decided from the first profile list alone so that the server's
 * prerendered page and the window's first render agree. Pure: tested beside this file.
 */
import type { ProfileView, ResponseOf } from './api.js';
import type { Route } from './navigation.svelte.js';
import { defaultTab } from './status.js';

/** The profile list the window starts from (the web bridge puts it in the page). */
export type FirstData = ResponseOf<'profiles:list'>;

/** The id of the JSON block that carries FirstData in a prerendered page. */
export const FIRST_DATA_ID = 'tsm-first';

/**
 * The default profile (or the only one) opens straight away — on its sign-in form, or on its
 * session when it has a live one — since that is what most launches are for; otherwise the list.
 */
export function firstRoute(profiles: readonly ProfileView[]): Route {
  const first =
    profiles.find((p) => p.isDefault) ?? (profiles.length === 1 ? profiles[0] : undefined);
  return first
    ? { screen: 'profile', profileId: first.id, tab: defaultTab(first.status) }
    : { screen: 'profiles' };
}

/** The FirstData a prerendered page carries, or undefined when it has none or it is unreadable. */
export function readFirstData(text: string | null | undefined): FirstData | undefined {
  if (!text) return undefined;
  try {
    const data: unknown = JSON.parse(text);
    if (typeof data !== 'object' || data === null) return undefined;
    const { profiles, secrets } = data as Partial<Record<keyof FirstData, unknown>>;
    if (!Array.isArray(profiles) || typeof secrets !== 'object' || secrets === null)
      return undefined;
    return data as FirstData;
  } catch {
    return undefined;
  }
}
