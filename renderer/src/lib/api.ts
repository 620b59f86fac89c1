/**
 * The renderer's one door to the app: `window.sessionApi`, whether Electron's preload or the web
 * bridge put it there. Types come from the contract; of electron/ only the dependency-free
 * wire-error module is bundled, so every side reads a failure the same way.
 */
import { uiErrorOf, type UiError } from '../../../electron/ipc/wire-error.js';
import type {
  ChannelName,
  RequestOf,
  ResponseOf,
  SessionApi,
} from '../../../electron/ipc/contract.js';

export type {
  AppEvent,
  AppSettings,
  AuditEntry,
  BrowserSignInResult,
  ChannelName,
  CopyFormat,
  CopyResult,
  Dialect,
  ErrorDetails,
  ProfileView,
  RequestOf,
  ResponseOf,
  SecretsState,
  SessionApi,
  SessionInfo,
  SessionStatus,
  TokenSummary,
} from '../../../electron/ipc/contract.js';
export type { UiError };

declare global {
  interface Window {
    sessionApi?: SessionApi;
  }
}

/** The API this window was given, or an error saying it was opened without one. */
export function windowApi(): SessionApi {
  const api = window.sessionApi;
  if (!api) throw new Error('This window was opened without the session API (preload or bridge)');
  return api;
}

/** Any rejection as a UiError: errors from the API carry code and details; others say little. */
export const toUiError: (error: unknown) => UiError = uiErrorOf;

/** Calls a channel and turns a rejection into a UiError result instead of a throw. */
export async function attempt<C extends ChannelName>(
  api: SessionApi,
  channel: C,
  request: RequestOf<C>,
): Promise<{ ok: true; data: ResponseOf<C> } | { ok: false; error: UiError }> {
  try {
    return { ok: true, data: await api.invoke(channel, request) };
  } catch (error) {
    return { ok: false, error: toUiError(error) };
  }
}
