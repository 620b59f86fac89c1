// What every bad-server case is: the server it starts and the typed error the client must end in.
import type { ErrorCode } from '../../../electron/core/errors/index.js';
import type { RawServer } from '../../support/raw-server.js';
import type { EmulatorOptions, RunningEmulator } from '../../emulator/index.js';
import { BASELINES } from './field-cases.js';
import type { Handler, Op, Target } from './bad-server-kit.js';

/** What a case may start; everything started is closed after the case. */
export interface Servers {
  raw(handler: Handler): Promise<RawServer>;
  emulator(options: EmulatorOptions): Promise<RunningEmulator>;
}

export interface TransportCase {
  name: string;
  op: Op;
  /** Starts the misbehaving server(s); `after` runs extra checks once the error is in. */
  start(servers: Servers): Promise<Target & { after?: () => void }>;
  code: ErrorCode;
  /** A fragment of the message; `{origin}` stands for the target's origin. */
  fragment: string;
  /** The client's whole-call deadline (ms). */
  timeoutMs?: number;
}

export const infoText = JSON.stringify(BASELINES.info);

/** A case whose one server answers every request with `handler`. */
export const serve =
  (handler: Handler) =>
  async (servers: Servers): Promise<Target> => ({ url: (await servers.raw(handler)).url });
