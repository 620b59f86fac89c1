import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const START = fileURLToPath(new URL('../../bin/start-app.js', import.meta.url));
const hasBinary = existsSync(
  fileURLToPath(new URL('../../node_modules/electron/path.txt', import.meta.url)),
);

describe('npm start', () => {
  it.skipIf(hasBinary)(
    'without the Electron binary: one line pointing to the browser mode, no stack trace, no download',
    () => {
      const result = spawnSync(process.execPath, [START], { encoding: 'utf8', timeout: 10_000 });
      expect(result.status).toBe(1);
      expect(result.stderr).toBe(
        'The Electron binary is not installed here (offline install); run the same app in a browser with `npm run web -- --demo`\n',
      );
    },
  );
});
