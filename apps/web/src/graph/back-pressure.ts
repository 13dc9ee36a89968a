import type { ConnectionStatusView } from '../api/types.js';

/**
 * Whether a queue holds back its upstream processor. The engine's `full` flag covers both the
 * object and the data-size threshold; the count check is the same rule, kept in case a status
 * arrives from an engine that does not set the flag.
 */
export function isQueueFull(status: ConnectionStatusView | undefined): boolean {
  if (!status) return false;
  return status.full || (status.threshold > 0 && status.queued.count >= status.threshold);
}
