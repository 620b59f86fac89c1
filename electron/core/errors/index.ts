export { AppError, isAppError, hasCode, type ErrorCode, type ErrorDetails } from './app-error.js';
export { AuthError, type AuthErrorCode } from './auth-error.js';
export { NetworkError, type NetworkErrorCode } from './network-error.js';
export { ResponseError, type ResponseErrorCode } from './response-error.js';
export { InputError } from './input-error.js';
