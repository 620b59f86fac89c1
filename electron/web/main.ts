// `npm run web`: the real renderer in a real browser against the real core, over loopback HTTP.
// Prints the URL to open as the first line of stdout. Never packaged.
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { AppServices } from '../core/app/app-services.js';
import { ensureDemoProfile } from '../core/app/demo-profile.js';
import { MemoryClipboard } from '../core/clipboard/token-clipboard.js';
import { configDir } from '../core/config-dir.js';
import { createHandlers } from '../ipc/handlers.js';
import { firstScreen } from './first-screen.js';
import { startWebBridge } from './server.js';

const { values } = parseArgs({
  options: { port: { type: 'string', default: '0' }, demo: { type: 'boolean', default: false } },
  strict: true,
});

const dir = configDir();
const clipboard = new MemoryClipboard();
const services = new AppServices({ configDir: dir, env: process.env, clipboard });
const stops: (() => Promise<void>)[] = [];

if (values.demo) {
  // The emulator is test code: it is here for the demo, and never in a packaged app.
  const { startEmulator } = await import('../../test/emulator/index.js');
  const emulator = await startEmulator({ port: 0 });
  stops.push(() => emulator.close());
  await ensureDemoProfile(services.profiles, emulator.url);
}
await services.restoreSessions();

const handlers = createHandlers(services);
// A list that cannot be read now is left for the window to ask for, and show the error of.
const listProfiles = () => handlers['profiles:list']({}).catch(() => undefined);
const bridge = await startWebBridge({
  services,
  handlers,
  clipboard,
  rendererDir: fileURLToPath(new URL('../../../renderer/dist', import.meta.url)),
  firstScreen: firstScreen(
    fileURLToPath(new URL('../../renderer-ssr/first-screen.server.js', import.meta.url)),
    listProfiles,
  ),
  port: Number(values.port),
});
process.stdout.write(`${bridge.url}\n`);
process.stderr.write(`Open the URL above in a browser. Settings: ${dir}. Ctrl-C stops.\n`);

let stopping = false;
const stop = async (): Promise<void> => {
  if (stopping) return;
  stopping = true;
  await bridge.close();
  for (const close of stops) await close();
  services.dispose();
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
