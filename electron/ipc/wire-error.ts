/**
 * Errors as they cross the boundary, and the one way to turn them back into something a caller
 * can branch on. The preload, the browser bridge and the renderer all load this module, so it
 * stays free of value imports (bundlers copy it whole; the sandboxed preload cannot require it).
 */
import type { ErrorCode, ErrorDetails } from '../core/errors/app-error.js';

/** One failure as plain data, with its stable code. */
export interface WireError {
  code: ErrorCode | 'INTERNAL';
  message: string;
  details: ErrorDetails;
}

/** A failure as the window shows it; `code` is a string because anything may have rejected. */
export interface UiError {
  code: string;
  message: string;
  details: ErrorDetails;
}

/** What a failure that is not ours says: little, since its own text may hold anything. */
export function internalError(): WireError {
  return {
    code: 'INTERNAL',
    message: 'Something unexpected went wrong; the action was not completed',
    details: {},
  };
}

/** Rebuilds a wire error as an Error named SessionApiError that carries code and details. */
export function errorFromWire(wire: WireError): Error {
  return Object.assign(new Error(wire.message), {
    name: 'SessionApiError',
    code: wire.code,
    details: wire.details ?? {},
  });
}

/** Any rejection as a UiError: a rebuilt error keeps its code and details; others say little. */
export function uiErrorOf(error: unknown): UiError {
  if (typeof error === 'object' && error !== null && 'code' in error && 'message' in error) {
    const { code, message } = error;
    const details = 'details' in error ? error.details : undefined;
    if (typeof code === 'string' && typeof message === 'string') {
      return {
        code,
        message,
        details: typeof details === 'object' && details !== null ? details : {},
      };
    }
  }
  return internalError();
}
