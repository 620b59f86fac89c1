import type { Readable } from 'node:stream';

/** Where text goes: the real standard streams in the binary, a buffer in tests. */
export interface TextSink {
  write(text: string): unknown;
}

/** Standard input, and the terminal controls the echo-off prompt needs when it is a terminal. */
export type CliStdin = Readable & {
  readonly isTTY?: boolean;
  setRawMode?(raw: boolean): unknown;
};

/**
 * Everything of the outside world a command touches. bin/tsm.cjs passes the real process's;
 * tests pass their own, so `main` runs in-process with its own environment and streams.
 */
export interface CliIo {
  readonly stdout: TextSink;
  readonly stderr: TextSink;
  readonly stdin: CliStdin;
  readonly env: NodeJS.ProcessEnv;
  /**
   * How `tsm exec` connects its child: 'inherit' hands it this process's own stdio (a terminal
   * stays a terminal, output is never copied); 'pipe' carries it through stdin/stdout/stderr above.
   */
  readonly childStdio: 'inherit' | 'pipe';
  /**
   * Ctrl-C: call `listener` instead of dying at once, for a command with something to close (the
   * browser of a sign-in). Returns the way to stop listening. Absent: Ctrl-C ends the process.
   */
  onInterrupt?(listener: () => void): () => void;
}
