// CLI: `npm run emulator -- --port 0`. Line 1 of stdout is the base URL, line 2 the IdP's URL
// (line 3 the CA file with --tls), so scripts can read them; everything else goes to stderr.
// Bad flags exit 2.
import { parseCliArgs, USAGE, UsageError } from './cli-args.js';
import { startEmulator } from './index.js';

let options;
try {
  options = parseCliArgs(process.argv.slice(2));
} catch (err) {
  process.stderr.write(`emulator: ${err instanceof UsageError ? err.message : String(err)}\n`);
  process.exit(2);
}
if (options === 'help') {
  process.stdout.write(`${USAGE}\n`);
  process.exit(0);
}

try {
  const emulator = await startEmulator(options);
  process.stdout.write(`${emulator.url}\n${emulator.idpUrl}\n`);
  if (emulator.caFile !== undefined) process.stdout.write(`${emulator.caFile}\n`);
  const dialects = (options.dialects ?? ['A', 'B', 'C']).join(',');
  process.stderr.write(`ThoughtSpot emulator serving dialects ${dialects}; Ctrl-C stops it\n`);

  const stop = () => {
    emulator.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  // `on`, not `once`: Ctrl-C reaches both tsx and us, and tsx relays it, so a signal can come
  // twice; a second one must not kill us before the temp dir is cleaned. close() is idempotent.
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
} catch (err) {
  process.stderr.write(`emulator: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
}
