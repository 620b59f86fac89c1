import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ProfileStore } from '../../../electron/core/profiles/index.js';
import { useTempDir } from '../../support/temp-dir.js';

const tempDir = useTempDir();
const writer = fileURLToPath(new URL('./fixtures/add-many.ts', import.meta.url));

function run(configDir: string, prefix: string, count: number): Promise<number | null> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', writer, configDir, prefix, String(count)],
      {
        stdio: ['ignore', 'ignore', 'inherit'],
      },
    );
    child.on('error', reject);
    child.on('exit', resolve);
  });
}

describe('two processes writing at once (the app and the CLI)', () => {
  it('lose no profile', { timeout: 60_000 }, async () => {
    const dir = tempDir();
    const codes = await Promise.all([run(dir, 'app', 25), run(dir, 'cli', 25)]);
    expect(codes).toEqual([0, 0]);
    const names = new ProfileStore({ configDir: dir }).list().map((p) => p.name);
    expect(names).toHaveLength(50);
    for (let i = 0; i < 25; i++) {
      expect(names).toContain(`app-${i}`);
      expect(names).toContain(`cli-${i}`);
    }
  });
});
