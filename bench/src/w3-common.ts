/** The W3 workload's size and results, shared by the child and the runner. */

/** Flowfiles W3 queues behind the stopped processor. Override with `SLUICE_BENCH_W3_FLOWFILES`. */
export const W3_FLOWFILES = Number(process.env['SLUICE_BENCH_W3_FLOWFILES'] ?? 1_000_000);

/** GenerateFlowFile's batch size in W3. */
export const W3_BATCH = 10_000;

/**
 * Back-pressure of W3's connection: the target itself, so back-pressure stops the generator at
 * exactly that many (a stop alone could let one more batch in: the next task may be running while
 * the previous commit becomes durable).
 */
export const W3_OBJECT_THRESHOLD = W3_FLOWFILES;

/** Memory after a forced full garbage collection, in bytes. */
export interface MemoryAfterGc {
  readonly rss: number;
  readonly heapUsed: number;
  /** Heap V8 still holds from the OS, used or not. */
  readonly heapTotal: number;
  /** Memory outside the JS heap owned by JS objects (Buffers among it). */
  readonly external: number;
  readonly arrayBuffers: number;
}

/** What the filling child reports before it is killed. */
export interface W3FillResult {
  readonly workload: 'W3-fill';
  readonly queued: number;
  readonly swapped: number;
  /** Most records held in memory (queued − swapped) at any 100 ms probe while filling. */
  readonly maxInMemory: number;
  /** From starting the generator to its last commit. */
  readonly fillMs: number;
  /** From starting the generator to the swapped count holding still for 500 ms. */
  readonly settledMs: number;
  /** RSS with every flowfile queued and swapping settled, in bytes. */
  readonly rssWhileQueued: number;
  readonly heapUsedWhileQueued: number;
  /** Peak RSS sampled every 50 ms while filling, in bytes. */
  readonly peakRssWhileFilling: number;
  readonly maxRss: number;
  /** Size of the flowfile repository (WAL, snapshots, swap files) when killed, in bytes. */
  readonly flowFileRepositoryBytes: number;
  /** RSS and heap after a forced full GC, taken after the figures above. */
  readonly afterFullGc: MemoryAfterGc | undefined;
  /** The same 10 s later, idle: what the process settles at holding the same queue. */
  readonly atRest: MemoryAfterGc | undefined;
}

/** What the restarted child reports. */
export interface W3RestoreResult {
  readonly workload: 'W3-restore';
  readonly restored: number;
  /** True when exactly every queued flowfile came back (false: lost or duplicated). */
  readonly complete: boolean;
  readonly swapped: number;
  /** `performance.now()` when every queue was restored: ms since the process's time origin. */
  readonly sinceProcessStartMs: number;
  /** The same moment in epoch ms, so the runner can time it from the spawn. */
  readonly restoredAtEpochMs: number;
  /** From calling `FlowEngine.open` to every queue restored. */
  readonly sinceOpenMs: number;
  /** From calling `FlowEngine.open` to its promise resolving. */
  readonly openMs: number;
  /** Loading the engine and processors modules (tsx transpiles the TypeScript sources). */
  readonly importMs: number;
  /** RSS right after restore, in bytes. */
  readonly rssAfterRestore: number;
  readonly heapUsedAfterRestore: number;
  /** ru_maxrss at the end: the restart's peak, in bytes. */
  readonly maxRss: number;
  /** RSS and heap after a forced full GC, taken after the figures above. */
  readonly afterFullGc: MemoryAfterGc | undefined;
  /** The same 10 s later, idle: what the process settles at holding the same queue. */
  readonly atRest: MemoryAfterGc | undefined;
}

/** W3's two children: fill then SIGKILL, restart and restore. */
export interface W3Results {
  readonly fill: W3FillResult;
  readonly restore: W3RestoreResult;
  /** From the runner spawning the restart to every queue restored (includes Node's own start). */
  readonly restartWallMs: number;
  /** Signal the filling child died of (must be SIGKILL). */
  readonly killedBy: string | null;
  /** False when the restarted engine's close() did not finish within a minute. */
  readonly closedCleanly: boolean;
}
