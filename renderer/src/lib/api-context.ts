/**
 * How every screen reaches the API: App provides the one it was mounted with, and a screen asks
 * for it while it initialises. Tests mount a screen with `apiContext(fake)`.
 */
import { getContext, setContext } from 'svelte';
import type { SessionApi } from './api.js';

const KEY = Symbol('session-api');

/** Makes `api` the one every component below the caller reaches. */
export function provideApi(api: SessionApi): void {
  setContext(KEY, api);
}

/** The API provided above this component; a screen mounted without one is a wiring mistake. */
export function useApi(): SessionApi {
  const api = getContext<SessionApi | undefined>(KEY);
  if (!api) throw new Error('No session API was provided above this component');
  return api;
}

/** The context for mounting a component on its own (tests): `render(X, { props, context })`. */
export function apiContext(api: SessionApi): Map<symbol, SessionApi> {
  return new Map([[KEY, api]]);
}
