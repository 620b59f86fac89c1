import { KeychainError, type KeychainProblem } from '../errors/index.js';

/**
 * Turns what keytar/libsecret (or macOS/Windows) threw into a KeychainError that says which
 * problem it is and what to do. The patterns are the library messages observed on Debian 12
 * (libsecret 0.20, gnome-keyring 42, dbus 1.14); see test/core/secrets for where each one comes from.
 */
export interface KeychainErrorContext {
  /** A desktop display is present, so an unlock prompt could have been shown (and dismissed). */
  hasDisplay: boolean;
  /** The value being written, if any: a raw message that contains it is not kept even in debug. */
  secret?: string;
}

type Rule = {
  pattern: RegExp;
  problem: (context: KeychainErrorContext) => KeychainProblem;
  message: (context: KeychainErrorContext) => string;
};

const FALLBACK_HINT = 'or use the encrypted-file fallback';

const NO_DBUS =
  'No D-Bus session is running, so the keychain (Secret Service) cannot be reached; start the ' +
  `app from a desktop session, ${FALLBACK_HINT}`;

const rules: Rule[] = [
  {
    // No bus address (unset or empty) and no X11 to autolaunch one; or no dbus-launch for DISPLAY.
    pattern: /Cannot autolaunch D-Bus|autolaunch|dbus-launch|The given address is empty/i,
    problem: () => 'NO_DBUS',
    message: () => NO_DBUS,
  },
  {
    // DBUS_SESSION_BUS_ADDRESS names a bus that is gone (e.g. a stale address from an old login).
    pattern: /Could not connect:|Failed to connect to socket|Connection refused/i,
    problem: () => 'NO_DBUS',
    message: () =>
      'The D-Bus session named by DBUS_SESSION_BUS_ADDRESS does not answer (it may belong to a ' +
      'session that has ended), so the keychain (Secret Service) cannot be reached; start the app ' +
      `from a running desktop session, ${FALLBACK_HINT}`,
  },
  {
    pattern: /org\.freedesktop\.secrets was not provided by any|ServiceUnknown/,
    problem: () => 'NO_SECRET_SERVICE',
    message: () =>
      'A D-Bus session is running but no keychain (Secret Service, e.g. gnome-keyring or ' +
      'KeePassXC) is available in it; install or start one (e.g. `gnome-keyring-daemon --start ' +
      `--components=secrets\`), ${FALLBACK_HINT}`,
  },
  {
    pattern: /StartServiceByName for org\.freedesktop\.secrets|Process org\.freedesktop\.secrets/,
    problem: () => 'NO_SECRET_SERVICE',
    message: () =>
      'The keychain (Secret Service) is installed but failed to start in this D-Bus session; ' +
      `check that gnome-keyring (or another Secret Service) runs here, ${FALLBACK_HINT}`,
  },
  {
    // The Secret Service died (or was restarted) while in use: libsecret keeps asking the old one.
    pattern:
      /The name :[\d.]+ was not provided by any \.service files|The session wrapping the secret does not exist/,
    problem: () => 'NO_SECRET_SERVICE',
    message: () =>
      'The keychain (Secret Service) stopped while in use (it may have crashed or been ' +
      'restarted), so nothing was read or stored; restart the app, or run the command again, to ' +
      'reconnect to it',
  },
  {
    // gnome-keyring after the unlock prompt was dismissed, or could not be shown at all.
    pattern: /locked collection|IsLocked|User interaction is not allowed/i,
    problem: lockedOrRefused,
    message: ({ hasDisplay }) =>
      hasDisplay
        ? 'The keychain stayed locked because its unlock prompt was dismissed; try again and ' +
          'unlock it when asked'
        : 'The keychain is locked, and no unlock prompt can be shown without a desktop display; ' +
          'unlock it (e.g. sign in to the desktop, or run `gnome-keyring-daemon --unlock`) and ' +
          'try again',
  },
  {
    // No default (login) keyring yet, and the prompt that creates one was dismissed or not shown.
    pattern: /Object does not exist at path .*\/collection\//,
    problem: lockedOrRefused,
    message: ({ hasDisplay }) =>
      hasDisplay
        ? 'The keychain has no default keyring, and the prompt to create one was dismissed; try ' +
          'again and create it when asked'
        : 'The keychain has no default keyring, and none can be created without a desktop ' +
          'display to ask for its password; sign in to the desktop once (or run ' +
          '`gnome-keyring-daemon --unlock`, which creates it) and try again',
  },
  {
    pattern: /cancel+ed|dismissed/i,
    problem: () => 'REFUSED',
    message: () => 'The keychain prompt was cancelled, so nothing was read or stored; try again',
  },
];

function lockedOrRefused({ hasDisplay }: KeychainErrorContext): KeychainProblem {
  return hasDisplay ? 'REFUSED' : 'LOCKED';
}

/** The library's own words for debugging, unless they could hold the secret being written. */
function debugText(raw: string, secret: string | undefined): { debug?: string } {
  if (raw.length === 0 || (secret !== undefined && raw.includes(secret))) return {};
  return { debug: raw.slice(0, 500) };
}

export function rawMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  return typeof error === 'string' ? error : '';
}

export function keychainErrorFrom(error: unknown, context: KeychainErrorContext): KeychainError {
  if (error instanceof KeychainError) return error;
  const raw = rawMessage(error);
  const rule = rules.find((candidate) => candidate.pattern.test(raw));
  const details = debugText(raw, context.secret);
  if (rule === undefined) {
    return new KeychainError(
      'UNKNOWN',
      'The keychain failed in an unexpected way, so nothing was read or stored; try again, and ' +
        'report it if it keeps happening',
      details,
    );
  }
  return new KeychainError(rule.problem(context), rule.message(context), details);
}

/** keytar could not be loaded: not installed, built for another Node/Electron, or no libsecret. */
export function nativeModuleError(error: unknown): KeychainError {
  if (error instanceof KeychainError) return error;
  return new KeychainError(
    'NATIVE_MODULE',
    'The keychain module (keytar) could not be loaded, so secrets cannot be reached; reinstall ' +
      'the app (or run `npm rebuild keytar`; on Linux it needs libsecret), or use the ' +
      'encrypted-file fallback',
    debugText(rawMessage(error), undefined),
  );
}

export function hasDisplay(env: NodeJS.ProcessEnv): boolean {
  return Boolean(env.DISPLAY) || Boolean(env.WAYLAND_DISPLAY);
}
