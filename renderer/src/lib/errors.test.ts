import { describe, expect, it } from 'vitest';
import { toUiError } from './api.js';
import { detailRows, errorTitle, isCancelledSignIn } from './errors.js';
import { apiError } from './testing/fake-api.js';

describe('errors as the window shows them', () => {
  it('has a heading for every code, and a plain one for unknown codes', () => {
    expect(errorTitle('MFA_REQUIRED')).toBe('Multi-factor authentication required');
    expect(errorTitle('NOT_THOUGHTSPOT')).toBe('Not a ThoughtSpot cluster');
    expect(errorTitle('SOMETHING_NEW')).toBe('Something went wrong');
  });

  it("shows the live envelope's error code beside the server's numeric one", () => {
    expect(detailRows({ serverCode: 10097, errorCode: 'AUTHENTICATION_FAILED' })).toEqual([
      ['Server code', '10097'],
      ['Error code', 'AUTHENTICATION_FAILED'],
    ]);
  });

  it('lists details in a fixed order, incident id first, skipping absent ones', () => {
    expect(
      detailRows({ debug: 'bad password', status: 401, incidentId: 'inc-1', other: 'x' }),
    ).toEqual([
      ['Incident id', 'inc-1'],
      ['HTTP status', '401'],
      ['Server reason', 'bad password'],
    ]);
  });

  it('keeps code, message and details of an API rejection', () => {
    const error = apiError('AUTH_FAILED', 'Wrong password', { incidentId: 'inc-2' });
    expect(toUiError(error)).toEqual({
      code: 'AUTH_FAILED',
      message: 'Wrong password',
      details: { incidentId: 'inc-2' },
    });
  });

  it('says little about anything else (its text may hold anything)', () => {
    const ui = toUiError(new TypeError('secret-ish text'));
    expect(ui.code).toBe('INTERNAL');
    expect(ui.message).not.toContain('secret');
    expect(toUiError(undefined).code).toBe('INTERNAL');
  });

  it('tells a browser sign-in called off from one that failed', () => {
    const ended = (cause: string) => toUiError(apiError('SIGN_IN_UNFINISHED', 'ended', { cause }));
    expect(isCancelledSignIn(ended('cancelled'))).toBe(true);
    expect(isCancelledSignIn(ended('closed'))).toBe(false);
    expect(isCancelledSignIn(ended('timeout'))).toBe(false);
    expect(isCancelledSignIn(toUiError(apiError('CANCELLED', 'x', { cause: 'cancelled' })))).toBe(
      false,
    );
    expect(errorTitle('SIGN_IN_UNFINISHED')).toBe('Sign-in not finished');
  });
});
