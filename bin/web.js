#!/usr/bin/env node
// `npm run web [-- --demo] [--port N]`: browser mode (dist/electron/web/main.js); with --demo,
// against the built-in demo cluster. The URL to open is the first line of stdout.
import { parseArgs } from 'node:util';
import { startDemoCluster } from './demo-cluster.js';

const { values } = parseArgs({
  options: { port: { type: 'string', default: '0' }, demo: { type: 'boolean', default: false } },
  strict: true,
});

const emulator = values.demo ? await startDemoCluster() : undefined;
const { startWebApp } = await import('../dist/electron/web/main.js');
const web = await startWebApp({
  port: Number(values.port),
  ...(emulator ? { demoClusterUrl: emulator.url } : {}),
  // The browser SAML, OIDC and the cluster's own sign-in page open in (as for tsm login).
  browser: {
    endpoint: process.env.TSM_BROWSER_ENDPOINT || undefined,
    executable: process.env.TSM_BROWSER || undefined,
    searchPath: process.env.PATH,
  },
});

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  await web.stop();
  await emulator?.close();
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
