import { parseDataSize, parseDuration, type ConnectionConfig } from '@sluice/flow-schema';
import type { QueueSettings } from '../queue/connection-queue.js';

/** Queue settings of a connection from its flow JSON. */
export function settingsOf(connection: ConnectionConfig, defaults: QueueSettings): QueueSettings {
  return {
    ...defaults,
    objectThreshold: connection.backPressure.objectThreshold,
    bytesThreshold: parseDataSize(connection.backPressure.dataSizeThreshold),
    prioritizers: connection.prioritizers,
    expirationMs: parseDuration(connection.expiration),
  };
}
