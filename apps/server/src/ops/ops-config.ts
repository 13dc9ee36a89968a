import { LOG_LEVELS, type LogLevelName } from './logger.js';

/** Operational settings read from the environment. */
export interface OpsConfig {
  /** `SLUICE_LOG_LEVEL`: fatal, error, warn, info (default), debug, trace or silent. */
  readonly logLevel: LogLevelName;
  /**
   * `SLUICE_SHUTDOWN_TIMEOUT_MS`: how long a graceful shutdown may take before the process is
   * forced out with exit code 1 (default 30,000).
   */
  readonly shutdownTimeoutMs: number;
}

/** Default of {@link OpsConfig.shutdownTimeoutMs}: long enough for tasks to finish their sessions. */
export const DEFAULT_SHUTDOWN_TIMEOUT_MS = 30_000;

/** Reads {@link OpsConfig} from the environment; throws with a message naming the bad value. */
export function readOpsConfig(env: Readonly<Record<string, string | undefined>>): OpsConfig {
  const levelText = (env['SLUICE_LOG_LEVEL'] ?? 'info').trim().toLowerCase();
  if (!(LOG_LEVELS as readonly string[]).includes(levelText)) {
    throw new Error(`SLUICE_LOG_LEVEL '${levelText}' is not one of ${LOG_LEVELS.join(', ')}`);
  }
  const timeoutText = env['SLUICE_SHUTDOWN_TIMEOUT_MS'] ?? String(DEFAULT_SHUTDOWN_TIMEOUT_MS);
  const timeout = Number(timeoutText);
  if (!Number.isInteger(timeout) || timeout < 1 || timeout > 3_600_000) {
    throw new Error(
      `SLUICE_SHUTDOWN_TIMEOUT_MS '${timeoutText}' is not a number of milliseconds (1-3600000)`,
    );
  }
  return { logLevel: levelText as LogLevelName, shutdownTimeoutMs: timeout };
}
