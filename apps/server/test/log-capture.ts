import { createLogger, type LogLevelName, type SluiceLogger } from '../src/ops/logger.js';

/** A parsed log line. */
export type LogRecord = Record<string, unknown> & { level: string; msg?: string };

/** A real Sluice logger (redaction and all) writing to memory, for tests to read what it logged. */
export interface LogCapture {
  readonly logger: SluiceLogger;
  /** Every line written, as written. */
  text(): string;
  /** Every line, parsed. */
  records(): LogRecord[];
}

/** Creates a {@link LogCapture} at `level` (debug by default, to see everything). */
export function captureLogs(level: LogLevelName = 'debug'): LogCapture {
  const lines: string[] = [];
  const logger = createLogger({
    level,
    destination: { write: (line: string) => lines.push(line) },
  });
  return {
    logger,
    text: () => lines.join(''),
    records: () => lines.map((line) => JSON.parse(line) as LogRecord),
  };
}
