/** The W1 workload's size and its result, shared by the Sluice and Node-RED sides. */

/** Flowfiles (messages) W1 pushes through the regex replacement. */
export const W1_FLOWFILES = 100_000;

/** Content size of each flowfile: NiFi's "1 KB", which is 1 KiB. */
export const W1_CONTENT_BYTES = 1024;

/** Flowfiles generated per GenerateFlowFile run (and messages per generator burst in Node-RED). */
export const W1_BATCH = 1000;

/**
 * The systems W1 runs: Sluice, Node-RED with a function node, Node-RED with a change node, and a
 * plain Node.js loop doing the same work with no framework (the ceiling).
 */
export type W1System = 'sluice' | 'node-red-function' | 'node-red-change' | 'plain-loop';

/** Every W1 system, in the order the runner alternates them. */
export const W1_SYSTEMS: readonly W1System[] = [
  'sluice',
  'node-red-function',
  'node-red-change',
  'plain-loop',
];

/** Narrows a command-line argument to a {@link W1System}. */
export function isW1System(value: string | undefined): value is W1System {
  return W1_SYSTEMS.some((s) => s === value);
}

/** What one W1 child reports. */
export interface W1Result {
  readonly workload: 'W1';
  readonly system: W1System;
  /** Flowfiles processed by the replacement when the clock stopped. */
  readonly flowFiles: number;
  /** Content bytes into the replacement (flowfiles × 1 KiB). */
  readonly bytesIn: number;
  /** Content bytes out of the replacement: a cross-check that both systems did the same work. */
  readonly bytesOut: number;
  /** Clock: from the start of generation to the moment the last flowfile left the replacement. */
  readonly elapsedMs: number;
  readonly flowFilesPerSecond: number;
  /** Input MiB per second (MiB = 2^20 bytes). */
  readonly mibPerSecond: number;
  /** Peak RSS sampled every 50 ms during the clocked run, in bytes. */
  readonly peakRss: number;
  /** The process's ru_maxrss at the end, in bytes (includes startup and shutdown). */
  readonly maxRss: number;
  /** Anything else worth printing (failures, queue depths, repository sizes). */
  readonly notes: Readonly<Record<string, number | string>>;
}

/** Builds a {@link W1Result} from the raw measurements. */
export function w1Result(
  system: W1System,
  measured: {
    flowFiles: number;
    bytesOut: number;
    elapsedMs: number;
    peakRss: number;
    maxRss: number;
  },
  notes: Readonly<Record<string, number | string>>,
): W1Result {
  const bytesIn = measured.flowFiles * W1_CONTENT_BYTES;
  const seconds = measured.elapsedMs / 1000;
  return {
    workload: 'W1',
    system,
    flowFiles: measured.flowFiles,
    bytesIn,
    bytesOut: measured.bytesOut,
    elapsedMs: measured.elapsedMs,
    flowFilesPerSecond: measured.flowFiles / seconds,
    mibPerSecond: bytesIn / (1024 * 1024) / seconds,
    peakRss: measured.peakRss,
    maxRss: measured.maxRss,
    notes,
  };
}
