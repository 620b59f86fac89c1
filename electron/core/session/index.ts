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
  problemOf,
  type SessionProblem,
  type SessionStatus,
  type SessionState,
  type SessionEventType,
} from './session-state.js';
// Types only: the browser sign-in itself is loaded when one opens, off `tsm token`'s path.
export type { BrowserSignInOptions, BrowserSignInResult } from './browser-session.js';
