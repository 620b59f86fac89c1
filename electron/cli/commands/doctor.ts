import { parse, stringFlag } from '../args.js';
import type { Context } from '../context.js';
import { exitCodeOf, runChecks, type CheckStatus } from '../doctor-checks.js';

const LABEL: Record<CheckStatus, string> = { ok: 'ok  ', warn: 'warn', fail: 'FAIL', skip: 'skip' };

/**
 * Runs every check (settings, secret store, cluster, TLS, dialect, clock, the profile's session),
 * one line each with a hint, and exits with the most serious failure's code.
 */
export async function run(args: string[], context: Context): Promise<number> {
  const { values } = parse(args, {}, false);
  const checks = await runChecks(context, stringFlag(values, 'profile'));
  const code = exitCodeOf(checks);
  if (values.json) {
    context.out.json({
      ok: code === 0,
      checks: checks.map(({ exit: _exit, ...check }) => ({
        ...check,
        ok: check.status !== 'fail',
      })),
    });
  } else {
    for (const check of checks) {
      const hint = check.hint ? ` — ${check.hint}` : '';
      context.out.line(`${LABEL[check.status]} ${check.name}: ${check.detail}${hint}`);
    }
  }
  return code;
}
