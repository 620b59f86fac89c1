export type { Profile, ProfileInput, AuthMethod, BrowserAuthMethod } from './profile.js';
export {
  AUTH_METHODS,
  BROWSER_AUTH_METHODS,
  signsInThroughBrowser,
  DEFAULT_VALIDITY_SECONDS,
  effectiveDialect,
  profileIdSchema,
  profileInputSchema,
} from './profile.js';
export { normalizeClusterUrl } from './cluster-url.js';
export {
  ProfileStore,
  confBackend,
  type BackendFactory,
  type SettingsBackend,
} from './profile-store.js';
export type { RecoveryNotice } from './recover.js';
export {
  exportProfiles,
  importProfiles,
  profileInputOf,
  readImportFile,
  tlsWarnings,
  type ImportReport,
} from './transfer.js';
export { checkKnownOrg } from './validate.js';
