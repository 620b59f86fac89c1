export {
  AppError,
  ERROR_CODES,
  isAppError,
  hasCode,
  type ErrorCode,
  type ErrorDetails,
} from './app-error.js';
export { AuthError, type AuthErrorCode } from './auth-error.js';
export { NetworkError, type NetworkErrorCode } from './network-error.js';
export { ResponseError, type ResponseErrorCode } from './response-error.js';
export { InputError } from './input-error.js';
export { KeychainError, type KeychainProblem } from './keychain-error.js';
export { StorageError } from './storage-error.js';
export { BrowserSignInError, type BrowserSignInEnd } from './browser-sign-in-error.js';
