import { ServiceError } from '../service-error.js';
import { tailOf, type ServiceProcess } from './service-process.js';

/**
 * How long a JVM server may take to answer after its spawn. Generous on purpose: alone it takes
 * 10-40 s, but `npm test` on 2 cores starts up to eight JVMs at once beside the other suites (90 s
 * and more measured); a server that dies during start still fails at once ({@link exitedDuringStart}).
 */
export const JVM_READY_TIMEOUT_MS = 300_000;

/** How a start waits for the server it spawned, and what it cleans up when that fails. */
export interface AwaitReadyOptions {
  /** The server and where it listens, for the message: `Kafka on 127.0.0.1:9092`. */
  what: string;
  /** Resolves once the server answers; rejects with the reason it never did. */
  ready: () => Promise<unknown>;
  /** Stops whatever was started; its own failure is ignored, as the start failure is the news. */
  stop: () => Promise<unknown>;
  /** The server's logs, whose last lines explain most failed starts. */
  logFiles: readonly string[];
}

/**
 * Waits for a freshly spawned server; when it does not become ready, stops it and throws a
 * `not-ready` {@link ServiceError} with the reason and the last lines of each log.
 */
export async function awaitReady(options: AwaitReadyOptions): Promise<void> {
  try {
    await options.ready();
  } catch (error) {
    await options.stop().catch(() => undefined);
    throw new ServiceError(
      'not-ready',
      `${options.what} did not become ready: ${(error as Error).message}\n` +
        options.logFiles.map((file) => `Last lines of ${file}:\n${tailOf(file)}`).join('\n'),
    );
  }
}

/**
 * An `abortReason` for `waitUntil`: set once `process` has exited, so a wait for a server that
 * died during start ends at once instead of at its timeout.
 */
export function exitedDuringStart(
  process: Pick<ServiceProcess, 'exitDescription'>,
  name: string,
): () => string | undefined {
  return () => {
    const exit = process.exitDescription();
    return exit && `${name} exited during start (${exit})`;
  };
}
