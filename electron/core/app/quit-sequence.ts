/** What quitting needs to know and do; the Electron glue builds this from app and services. */
export interface QuitPorts {
  revokeOnQuit(): boolean;
  revokeBearerSessions(): Promise<void>;
  dispose(): void;
  /** Quits for real: before-quit comes again, and this time lets it through. */
  quit(): void;
}

/**
 * The before-quit decision. With revoke-on-quit on, the first quit is held back (true: prevent
 * it) while bearer tokens are revoked, then the app quits again for real; otherwise quitting
 * goes ahead at once (false).
 */
export function createQuitSequence(ports: QuitPorts): { beforeQuit(): boolean } {
  let revoked = false;
  return {
    beforeQuit() {
      if (revoked || !ports.revokeOnQuit()) return false;
      revoked = true;
      void ports
        .revokeBearerSessions()
        .catch(() => undefined)
        .then(() => {
          ports.dispose();
          ports.quit();
        });
      return true;
    },
  };
}
