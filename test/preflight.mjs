// Checks, before any test runs, that the system parts the suite needs are installed, and names
// each missing one with the command that installs it (rather than letting tests skip silently).
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const APT = 'apt-get update && apt-get install -y';

function onPath(command) {
  try {
    execFileSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

function hasLibsecret() {
  try {
    execFileSync('pkg-config', ['--exists', 'libsecret-1'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

const parts = [
  { name: 'Chromium', ok: () => existsSync('/usr/bin/chromium'), install: `${APT} chromium` },
  {
    name: 'gnome-keyring',
    ok: () => onPath('gnome-keyring-daemon'),
    install: `${APT} gnome-keyring`,
  },
  { name: 'D-Bus', ok: () => onPath('dbus-run-session'), install: `${APT} dbus-daemon` },
  { name: 'libsecret', ok: hasLibsecret, install: `${APT} libsecret-1-dev pkg-config` },
  { name: 'OpenSSL', ok: () => onPath('openssl'), install: `${APT} openssl` },
  { name: 'Xvfb', ok: () => onPath('Xvfb'), install: `${APT} xvfb` },
];

const missing = parts.filter((part) => !part.ok());
if (missing.length > 0) {
  console.error('The test suite needs system parts that are not installed:');
  for (const part of missing) console.error(`  - ${part.name}: install with \`${part.install}\``);
  console.error('(.ci/run installs all of them.)');
  process.exit(1);
}
