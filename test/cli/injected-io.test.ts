// The CLI reaches the outside world only through the io it is given (bin/tsm.cjs passes the real
// process's), so in-process runs cannot leak into the test runner or read its environment.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const CLI_DIR = fileURLToPath(new URL('../../electron/cli', import.meta.url));

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? sources(join(dir, entry.name))
      : entry.name.endsWith('.ts')
        ? [join(dir, entry.name)]
        : [],
  );
}

describe('electron/cli', () => {
  it('never touches the process directly (env, streams, argv, exit)', () => {
    const files = sources(CLI_DIR);
    expect(files.length).toBeGreaterThan(10);
    const uses = files.flatMap((file) =>
      readFileSync(file, 'utf8')
        .split('\n')
        .map((line, index) => ({ file, line: index + 1, text: line }))
        .filter(({ text }) =>
          /\bprocess\s*\.\s*(env|stdout|stderr|stdin|argv|exit|exitCode|on|once|kill)\b/.test(text),
        ),
    );
    expect(uses).toEqual([]);
  });
});
