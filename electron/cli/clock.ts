/** This process's clock. TSM_CLOCK_OFFSET_MS shifts it: tests and "what if" checks of expiry. */
export function cliClock(env: NodeJS.ProcessEnv): () => number {
  const offset = Number(env.TSM_CLOCK_OFFSET_MS ?? 0) || 0;
  return () => Date.now() + offset;
}
