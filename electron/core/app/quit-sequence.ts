/** What quitting needs to know and do; the Electron glue builds this from app and services. */
export interface QuitPorts {
  revokeOnQuit(): boolean;
  revokeBearerSessions(): Promise<void>;
  /** A copied token the clipboard was promised to forget is still there. */
  clipboardPending(): boolean;
  /** Keeps that promise now, since the timer that would have dies with the app. */
  clearClipboard(): Promise<void>;
  dispose(): void;
  /** Quits for real: before-quit comes again, and this time lets it through. */
  quit(): void;
}

/**
 * The before-quit decision. When there is work to do first (revoke-on-quit is on, or a copied
 * token is still on the clipboard), the first quit is held back (true: prevent it) while bearer
 * tokens are revoked and the clipboard cleared, then the app quits again for real; otherwise
 * quitting goes ahead at once (false).
 */
export function createQuitSequence(ports: QuitPorts): { beforeQuit(): boolean } {
  let done = false;
  return {
    beforeQuit() {
      if (done) return false;
      const revoke = ports.revokeOnQuit();
      if (!revoke && !ports.clipboardPending()) return false;
      done = true;
      void (async () => {
        if (revoke) await ports.revokeBearerSessions().catch(() => undefined);
        await ports.clearClipboard().catch(() => undefined);
        ports.dispose();
        ports.quit();
      })();
      return true;
    },
  };
}
