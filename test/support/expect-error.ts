import { expect } from 'vitest';
import { isAppError, type AppError, type ErrorCode } from '../../electron/core/errors/index.js';

/** Awaits a promise that must fail with an AppError of `code`, and returns that error. */
export async function expectAppError(
  promise: Promise<unknown>,
  code: ErrorCode,
): Promise<AppError> {
  let caught: unknown;
  try {
    await promise;
  } catch (error) {
    caught = error;
  }
  expect(caught, `expected an error with code ${code}`).toBeDefined();
  if (!isAppError(caught)) throw caught instanceof Error ? caught : new Error(String(caught));
  expect({ code: caught.code, message: caught.message }).toMatchObject({ code });
  return caught;
}

/** Asserts that none of `secrets` appears in the error's message, details or serialized form. */
export function expectNoSecrets(error: AppError, secrets: readonly string[]): void {
  const text = `${error.message}\n${JSON.stringify(error)}\n${error.stack ?? ''}`;
  for (const secret of secrets) expect(text).not.toContain(secret);
}
