export {
  SessionManager,
  DEFAULT_MIN_TTL_SECONDS,
  type SessionManagerOptions,
  type SignInRequest,
  type SessionChange,
} from './session-manager.js';
export { ClusterAccess, type FetchFactory } from './cluster-access.js';
export { signInRequestSchema } from './sign-in.js';
export {
  transition,
  dueEvent,
  nextCheckAt,
  type SessionStatus,
  type SessionState,
  type SessionEventType,
} from './session-state.js';
export {
  DEFAULT_BROWSER_SIGN_IN_TIMEOUT_MS,
  type BrowserSignInOptions,
  type BrowserSignInResult,
} from './browser-session.js';
