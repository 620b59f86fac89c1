import { InputError } from '../core/errors/index.js';
import type { CliIo, CliStdin } from './io.js';

const MAX_SECRET_BYTES = 64 * 1024;

/** Reads a secret piped on stdin (`--password-stdin`): everything up to EOF, one trailing newline dropped. */
export async function readSecretFromStdin(stdin: CliStdin, label: string): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stdin) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += buffer.length;
    if (size > MAX_SECRET_BYTES)
      throw new InputError(`The ${label} on stdin is larger than 64 KiB`);
    chunks.push(buffer);
  }
  const text = Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
  if (!text) throw new InputError(`No ${label} was given on stdin`);
  return text;
}

/** Asks on the terminal with echo off. Never takes a secret from argv or the environment. */
export async function promptSecret(
  io: Pick<CliIo, 'stdin' | 'stderr'>,
  question: string,
): Promise<string> {
  const { stdin, stderr } = io;
  const setRawMode = stdin.setRawMode?.bind(stdin);
  if (!stdin.isTTY || !setRawMode) {
    throw new InputError(
      `${question.replace(/:\s*$/, '')} is needed; type it at a terminal, or pipe it with --password-stdin`,
    );
  }
  stderr.write(question);
  setRawMode(true);
  stdin.resume();
  stdin.setEncoding('utf8');
  try {
    return await new Promise<string>((resolve, reject) => {
      let typed = '';
      const onData = (key: string): void => {
        for (const char of key) {
          if (char === '\r' || char === '\n' || char === '\u0004') {
            stdin.off('data', onData);
            stderr.write('\n');
            return resolve(typed);
          }
          if (char === '\u0003') {
            stdin.off('data', onData);
            stderr.write('\n');
            return reject(new InputError('Cancelled'));
          }
          if (char === '\u007f' || char === '\b') typed = typed.slice(0, -1);
          else typed += char;
        }
      };
      stdin.on('data', onData);
    });
  } finally {
    setRawMode(false);
    stdin.pause();
  }
}
