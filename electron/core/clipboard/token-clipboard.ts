/** The system clipboard, as Electron (or a test) provides it. */
export interface ClipboardPort {
  writeText(text: string): void | Promise<void>;
  /** Electron's clipboard answers asynchronously in recent versions. */
  readText(): string | Promise<string>;
}

/**
 * Copies secrets to the clipboard and clears them after a while, but only if the clipboard still
 * holds what we put there (the person may have copied something else since).
 */
export class TokenClipboard {
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly port: ClipboardPort) {}

  async copy(text: string, clearAfterMs: number): Promise<void> {
    await this.port.writeText(text);
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = setTimeout(() => void this.clearIfStill(text), clearAfterMs);
    this.#timer.unref();
  }

  async clearIfStill(text: string): Promise<boolean> {
    if ((await this.port.readText()) !== text) return false;
    await this.port.writeText('');
    return true;
  }

  dispose(): void {
    if (this.#timer) clearTimeout(this.#timer);
  }
}

/** A clipboard in memory, for the browser mode and tests where there is no system clipboard. */
export class MemoryClipboard implements ClipboardPort {
  text = '';
  writeText(text: string): void {
    this.text = text;
  }
  readText(): string {
    return this.text;
  }
}
