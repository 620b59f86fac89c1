/**
 * The screens and tabs the first screen never shows, each in a chunk of its own that loads when
 * someone opens it: the window's first load stays within its budget (`npm run bench`). The first
 * screens (the list, a profile's Sign-in and Session tabs) stay in the entry, so the prerendered
 * page is taken over without waiting.
 */
import { LazyModule } from './lazy.svelte.js';

export const activityScreen = new LazyModule(() => import('../screens/ActivityScreen.svelte'));
export const profileEditor = new LazyModule(() => import('../screens/ProfileEditor.svelte'));
export const tokenScreen = new LazyModule(() => import('../screens/TokenScreen.svelte'));
export const tokensForUsersScreen = new LazyModule(
  () => import('../screens/TokensForUsersScreen.svelte'),
);
