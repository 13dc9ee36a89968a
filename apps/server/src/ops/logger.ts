import { pino, type DestinationStream, type Level, type Logger } from 'pino';
import { maskSecrets } from '@sluice/engine';

/** The server's structured logger (pino): JSON lines, one record per event. */
export type SluiceLogger = Logger;

/** The levels `SLUICE_LOG_LEVEL` accepts, most severe first; `silent` logs nothing. */
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
/** A level a Sluice logger can be set to. */
export type LogLevelName = (typeof LOG_LEVELS)[number];

/**
 * Paths whose values never reach a log, whatever a caller passes: session cookies, credentials
 * and passwords. The request and response serializers already keep only an allowlist of fields;
 * this is the second fence, for a record built by hand.
 */
export const REDACTED_PATHS: readonly string[] = [
  'req.headers.cookie',
  'req.headers.authorization',
  'req.headers["proxy-authorization"]',
  'res.headers["set-cookie"]',
  'headers.cookie',
  'headers.authorization',
  'password',
  '*.password',
  'token',
  '*.token',
  'cookie',
  '*.cookie',
];

/** How to build a logger: its level, and where the lines go (stdout by default). */
export interface LoggerOptions {
  readonly level?: LogLevelName;
  /** Anything with `write(line)`: tests pass an in-memory sink. */
  readonly destination?: DestinationStream;
}

/**
 * Creates the server's logger: JSON lines with an ISO `time`, the level as a word (`"level":
 * "info"`, what log shippers expect) and `name: "sluice"`, secrets redacted ({@link REDACTED_PATHS}).
 */
export function createLogger(options: LoggerOptions = {}): SluiceLogger {
  return pino(
    {
      name: 'sluice',
      level: options.level ?? 'info',
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: [...REDACTED_PATHS], censor: '[Redacted]' },
    },
    options.destination ?? pino.destination({ dest: 1, sync: false }),
  );
}

/** What `whenLogsWritten` needs of a destination: pino's SonicBoom to stdout has it. */
interface EndableStream {
  end(): void;
  once(event: 'close', listener: () => void): unknown;
}

function isEndable(stream: unknown): stream is EndableStream {
  const candidate = stream as Partial<EndableStream> | undefined;
  return typeof candidate?.end === 'function' && typeof candidate.once === 'function';
}

/**
 * Calls `done` once every line logged so far is written, for the last thing before
 * `process.exit`. Not `logger.flush(cb)`: with an asynchronous destination that calls back at
 * once while a write is still in flight, and the process exited without its last lines
 * ("Shutdown complete" went missing on a loaded machine). Ending the stream waits for that
 * write; `timeoutMs` bounds the wait for a destination that never closes. Nothing is logged after.
 */
export function whenLogsWritten(logger: SluiceLogger, done: () => void, timeoutMs = 5_000): void {
  const stream: unknown = (logger as unknown as Record<symbol, unknown>)[pino.symbols.streamSym];
  if (!isEndable(stream)) {
    logger.flush(() => done());
    return;
  }
  let called = false;
  const once = (): void => {
    if (called) return;
    called = true;
    clearTimeout(timer);
    done();
  };
  const timer = setTimeout(once, timeoutMs);
  stream.once('close', once);
  stream.end();
}

/** A logger that writes nothing: the default of an app embedded in tests or the browser tests. */
export function silentLogger(): SluiceLogger {
  // A destination that drops lines: no stdout stream is opened for a logger that never writes.
  return pino({ level: 'silent' }, { write: () => {} });
}

/** The pino level of a bulletin level (NiFi's DEBUG, INFO, WARN, ERROR). */
export function levelOfBulletin(level: 'DEBUG' | 'INFO' | 'WARN' | 'ERROR'): Level {
  switch (level) {
    case 'DEBUG':
      return 'debug';
    case 'INFO':
      return 'info';
    case 'WARN':
      return 'warn';
    case 'ERROR':
      return 'error';
    default: {
      const exhaustive: never = level;
      return exhaustive;
    }
  }
}

/**
 * An error as a log field (`type`, `message`, `stack`, `code`) with the flows' secrets masked:
 * a processor's or a client library's message may quote a password.
 */
export function errorRecord(
  error: unknown,
  secrets: readonly string[],
): { type: string; message: string; stack?: string; code?: string } {
  const mask = (text: string) => maskSecrets(text, secrets);
  if (!(error instanceof Error)) return { type: typeof error, message: mask(String(error)) };
  const code = (error as { code?: unknown }).code;
  return {
    type: error.name,
    message: mask(error.message),
    ...(error.stack ? { stack: mask(error.stack) } : {}),
    ...(typeof code === 'string' ? { code } : {}),
  };
}
