import { describe, expect, it } from 'vitest';
import { InputError, NetworkError } from '../../electron/core/errors/index.js';
import { toWire } from '../../electron/ipc/dispatch.js';
import { errorFromWire, internalError, uiErrorOf } from '../../electron/ipc/wire-error.js';

describe('errors across the boundary', () => {
  it('an AppError goes to the wire and comes back as a SessionApiError with code and details', () => {
    const wire = toWire(new NetworkError('TIMEOUT', 'The cluster did not answer', { url: 'u' }));
    const rebuilt = errorFromWire(JSON.parse(JSON.stringify(wire)) as typeof wire);
    expect(rebuilt).toBeInstanceOf(Error);
    expect(rebuilt).toMatchObject({
      name: 'SessionApiError',
      code: 'TIMEOUT',
      message: 'The cluster did not answer',
      details: { url: 'u' },
    });
  });

  it('anything that is not ours goes to the wire as INTERNAL, saying nothing of its text', () => {
    const wire = toWire(new Error('secret-laden internals'));
    expect(wire).toEqual(internalError());
    expect(JSON.stringify(wire)).not.toContain('secret');
  });

  it('turns any rejection into a UiError: rebuilt errors keep code and details, others say little', () => {
    const rebuilt = errorFromWire(toWire(new InputError('The name is empty')));
    expect(uiErrorOf(rebuilt)).toEqual({
      code: 'INVALID_INPUT',
      message: 'The name is empty',
      details: {},
    });
    expect(uiErrorOf({ code: 'X', message: 'm', details: null })).toEqual({
      code: 'X',
      message: 'm',
      details: {},
    });
    for (const other of [new Error('boom'), 'text', undefined, { code: 1, message: 'm' }])
      expect(uiErrorOf(other)).toEqual(internalError());
  });

  it('hands out a fresh INTERNAL error each time, so no caller can change another’s', () => {
    const first = internalError();
    first.details.debug = 'changed';
    expect(internalError().details).toEqual({});
  });
});
