import { parseArgs, type ParseArgsConfig } from 'node:util';
import { InputError } from '../core/errors/index.js';
import { stripControls } from '../core/thoughtspot/server-text.js';
import { ArgumentError, UsageError } from './usage-error.js';

type Options = NonNullable<ParseArgsConfig['options']>;

/** Flags every command takes. */
export const COMMON: Options = {
  profile: { type: 'string', short: 'p' },
  json: { type: 'boolean' },
  verbose: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
};

/** Options a person might try to hand a secret through; argv is readable by every local user. */
const SECRET_OPTIONS: Record<string, string> = {
  password: 'passwords are never taken from arguments; use --password-stdin or the prompt',
  'secret-key': 'secret keys are never taken from arguments; use --secret-key-stdin or the prompt',
  token: 'tokens are never taken from arguments; use --token-stdin or the prompt',
};

/** The arguments that are tsm's own: everything before a `--` (what follows belongs to a child). */
export function ownArgs(args: readonly string[]): readonly string[] {
  const split = args.indexOf('--');
  return split < 0 ? args : args.slice(0, split);
}

/** A typed word, safe to show: no control characters, not a screenful. */
export function shown(text: string): string {
  return stripControls(text).slice(0, 40);
}

/**
 * node:util parseArgs, strict, with its errors turned into one-line messages of our own (the
 * parser's text names its internals). A secret given as an option is refused before parsing,
 * and its value is never repeated.
 */
export function parse(args: string[], options: Options, allowPositionals = true) {
  for (const arg of ownArgs(args)) {
    const secret = /^--([\w-]+)(=|$)/.exec(arg)?.[1];
    if (secret !== undefined && Object.hasOwn(SECRET_OPTIONS, secret)) {
      throw new InputError(SECRET_OPTIONS[secret] ?? '');
    }
  }
  const all = { ...COMMON, ...options };
  try {
    return parseArgs({ args, options: all, strict: true, allowPositionals });
  } catch (error) {
    throw new ArgumentError(problemWith(args, all, (error as { code?: unknown }).code));
  }
}

/** What is wrong, found in the arguments themselves rather than read from the parser's message. */
function problemWith(args: string[], options: Options, code: unknown): string {
  const own = ownArgs(args);
  const longOf = (arg: string): string | undefined => {
    if (arg.startsWith('--')) return arg.slice(2).split('=')[0];
    const short = arg.slice(1, 2);
    return Object.keys(options).find((name) => options[name]?.short === short);
  };
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
    const unknown = own.find((arg) => {
      if (!arg.startsWith('-') || arg === '-') return false;
      const name = longOf(arg);
      return name === undefined || !Object.hasOwn(options, name);
    });
    return `unknown option ${shown(unknown?.split('=')[0] ?? '?')}`;
  }
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    for (const [index, arg] of own.entries()) {
      if (!arg.startsWith('-')) continue;
      const name = longOf(arg);
      const option = name === undefined ? undefined : options[name];
      if (!option) continue;
      const inline = arg.startsWith('--') && arg.includes('=');
      if (option.type === 'boolean' && inline) return `--${name} takes no value`;
      const next = own[index + 1];
      if (option.type === 'string' && !inline && (next === undefined || next.startsWith('-'))) {
        return `--${name} needs a value`;
      }
    }
  }
  if (code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') {
    // Lenient, the parser pairs options with their values, so what is left over is the extra word.
    const { tokens } = parseArgs({
      args,
      options,
      strict: false,
      allowPositionals: true,
      tokens: true,
    });
    const positional = tokens.find((token) => token.kind === 'positional');
    return `unexpected argument ${JSON.stringify(shown(positional?.value ?? '?'))}`;
  }
  return 'the arguments could not be read';
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
