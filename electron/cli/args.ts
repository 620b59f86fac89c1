import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from './usage-error.js';

type Options = NonNullable<ParseArgsConfig['options']>;

/** Flags every command takes. */
export const COMMON: Options = {
  profile: { type: 'string', short: 'p' },
  json: { type: 'boolean' },
  verbose: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
};

/** node:util parseArgs, strict, with its errors turned into one-line usage errors. */
export function parse(args: string[], options: Options, allowPositionals = true) {
  try {
    return parseArgs({ args, options: { ...COMMON, ...options }, strict: true, allowPositionals });
  } catch (error) {
    throw new UsageError((error as Error).message.split('\n')[0] ?? 'bad arguments');
  }
}

export function stringFlag(values: Record<string, unknown>, name: string): string | undefined {
  const value = values[name];
  return typeof value === 'string' ? value : undefined;
}

/** A whole number flag, with a message naming the flag when it is not one. */
export function intFlag(values: Record<string, unknown>, name: string): number | undefined {
  const text = stringFlag(values, name);
  if (text === undefined) return undefined;
  if (!/^\d{1,10}$/.test(text.trim()))
    throw new UsageError(`--${name} must be a whole number, not "${text.slice(0, 40)}"`);
  return Number(text.trim());
}
