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
