import { errorRecord, type SluiceLogger } from './logger.js';

/** What a shutdown does and how it ends. */
export interface ShutdownOptions {
  /** Stops the server in order (readiness, listener, flows); see `SluiceServer.close`. */
  readonly close: () => Promise<void>;
  readonly logger: SluiceLogger;
  /** After this long the process is forced out with code 1 (`SLUICE_SHUTDOWN_TIMEOUT_MS`). */
  readonly timeoutMs: number;
  /** Ends the process: `process.exit` in `main.ts`, a spy in tests. */
  readonly exit: (code: number) => void;
}

/** Where a shutdown is: a signal starts it, a second one or the timeout forces it. */
export type ShutdownState = 'running' | 'stopping' | 'exited';

/** A process's graceful shutdown, driven by signals. */
export interface GracefulShutdown {
  readonly state: ShutdownState;
  /**
   * Handles a signal: the first begins the shutdown, a second forces the exit (code 1), as an
   * operator pressing Ctrl+C twice expects.
   */
  signal(name: string): void;
}

/**
 * A graceful shutdown: on the first signal it logs, runs `close` and exits 0 once it is done
 * (1 if it failed); a second signal, or `timeoutMs` passing first, logs why and exits 1 at once.
 * The timer is not unref'd: a close waiting on something that will never come must still end
 * with the timeout rather than with the process quietly running out of work.
 */
export function gracefulShutdown(options: ShutdownOptions): GracefulShutdown {
  const { logger, exit } = options;
  let state: ShutdownState = 'running';
  let timer: NodeJS.Timeout | undefined;
  let started = 0;
  const finish = (code: number) => {
    if (state === 'exited') return;
    state = 'exited';
    clearTimeout(timer);
    exit(code);
  };
  return {
    get state() {
      return state;
    },
    signal(name) {
      if (state === 'exited') return;
      if (state === 'stopping') {
        logger.error(
          { signal: name, durationMs: Date.now() - started },
          `Second ${name} during shutdown: exiting now without waiting for the flows to close`,
        );
        finish(1);
        return;
      }
      state = 'stopping';
      started = Date.now();
      logger.info(
        { signal: name, timeoutMs: options.timeoutMs },
        `${name} received: shutting down (a second signal forces the exit)`,
      );
      timer = setTimeout(() => {
        logger.error(
          { signal: name, timeoutMs: options.timeoutMs },
          `Shutdown did not finish within ${options.timeoutMs} ms: forcing the exit`,
        );
        finish(1);
      }, options.timeoutMs);
      options.close().then(
        () => {
          if (state === 'exited') return;
          logger.info({ durationMs: Date.now() - started }, 'Shutdown complete');
          finish(0);
        },
        (error: unknown) => {
          if (state === 'exited') return;
          logger.error({ error: errorRecord(error, []) }, 'Shutdown failed');
          finish(1);
        },
      );
    },
  };
}

/** The signals that stop Sluice: `docker stop`/systemd/Kubernetes send SIGTERM, Ctrl+C SIGINT. */
export const SHUTDOWN_SIGNALS = ['SIGTERM', 'SIGINT'] as const;

/**
 * Sends SIGTERM and SIGINT to `shutdown` (every time, so a second one can force the exit);
 * returns a function that removes the handlers.
 */
export function handleShutdownSignals(
  shutdown: GracefulShutdown,
  target: Pick<NodeJS.Process, 'on' | 'off'> = process,
): () => void {
  const handlers = SHUTDOWN_SIGNALS.map((name) => {
    const handler = () => shutdown.signal(name);
    target.on(name, handler);
    return [name, handler] as const;
  });
  return () => {
    for (const [name, handler] of handlers) target.off(name, handler);
  };
}
