import { RollingWindow, type Counters } from './rolling-window.js';

/** Counter names of a processor's 5-minute statistics, as NiFi's status. */
export const PROCESSOR_COUNTERS = [
  'inCount',
  'inBytes',
  'outCount',
  'outBytes',
  'bytesRead',
  'bytesWritten',
  'tasks',
  'taskMillis',
] as const;
/** A processor's 5-minute statistics. */
export type ProcessorCounters = Counters<(typeof PROCESSOR_COUNTERS)[number]>;

/** Counter names of a connection's 5-minute statistics. */
export const CONNECTION_COUNTERS = ['inCount', 'inBytes', 'outCount', 'outBytes'] as const;
/** A connection's 5-minute statistics. */
export type ConnectionCounters = Counters<(typeof CONNECTION_COUNTERS)[number]>;

/** Creates the rolling window for one processor. */
export const processorWindow = (): RollingWindow<(typeof PROCESSOR_COUNTERS)[number]> =>
  new RollingWindow(PROCESSOR_COUNTERS);
/** Creates the rolling window for one connection. */
export const connectionWindow = (): RollingWindow<(typeof CONNECTION_COUNTERS)[number]> =>
  new RollingWindow(CONNECTION_COUNTERS);
