// `npm run web`: the real renderer in a real browser against the real core, over loopback HTTP.
// Prints the URL to open as the first line of stdout. Never packaged. Started by bin/web.js, which
// also starts the demo cluster (test code, so never imported from here) for `--demo`.
import { fileURLToPath } from 'node:url';
import { AppServices } from '../core/app/app-services.js';
import {
  devToolsBrowser,
  type DevToolsBrowserOptions,
} from '../core/browser-sign-in/devtools-browser.js';
import { ensureDemoProfile } from '../core/app/demo-profile.js';
import { configDir } from '../core/config-dir.js';
import { createHandlers } from '../ipc/handlers.js';
import { firstScreen } from './first-screen.js';
import { startWebBridge } from './server.js';

export interface WebAppOptions {
  port: number;
  /** A cluster to point the "Demo cluster" profile at (the emulator, for `--demo`). */
  demoClusterUrl?: string;
  /**
   * The browser SAML, OIDC and the cluster's own page open in (bin/web.js reads TSM_BROWSER_ENDPOINT,
   * TSM_BROWSER and PATH): with an endpoint, a tab of that running browser.
   */
  browser?: DevToolsBrowserOptions;
}

export interface RunningWebApp {
  url: string;
  /** Closes the bridge and the services; the caller then exits. */
  stop(): Promise<void>;
}

export async function startWebApp(options: WebAppOptions): Promise<RunningWebApp> {
  const dir = configDir();
  const services = new AppServices({
    configDir: dir,
    env: process.env,
    // The person's clipboard is the browser's: the page writes it (lib/copy.ts), not this process.
    clipboard: 'page',
    browser: devToolsBrowser(options.browser ?? {}),
  });

  if (options.demoClusterUrl !== undefined)
    await ensureDemoProfile(services.profiles, options.demoClusterUrl);
  await services.start();

  const handlers = createHandlers(services);
  // A list that cannot be read now is left for the window to ask for, and show the error of.
  const listProfiles = () => handlers['profiles:list']({}).catch(() => undefined);
  const bridge = await startWebBridge({
    services,
    handlers,
    rendererDir: fileURLToPath(new URL('../../../renderer/dist', import.meta.url)),
    firstScreen: firstScreen(
      fileURLToPath(new URL('../../renderer-ssr/first-screen.server.js', import.meta.url)),
      listProfiles,
    ),
    port: options.port,
  });
  process.stdout.write(`${bridge.url}\n`);
  process.stderr.write(
    `Open the URL above in a browser: it works once, then that browser's cookie carries on ` +
      `(reloads, new tabs). Settings: ${dir}. Ctrl-C stops.\n`,
  );

  return {
    url: bridge.url,
    stop: async () => {
      await bridge.close();
      services.dispose();
    },
  };
}
