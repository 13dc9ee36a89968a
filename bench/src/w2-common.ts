/** The W2 workload's size and result, shared by the child and the runner. */

/** Size of the one file W2 moves: NiFi's "1 GB" (1 GiB). Override with `SLUICE_BENCH_W2_BYTES`. */
export const W2_FILE_BYTES = Number(process.env['SLUICE_BENCH_W2_BYTES'] ?? 1024 ** 3);

/** Name of the file in the input directory. */
export const W2_FILE_NAME = 'big.bin';

/** What the W2 child reports (the runner adds the hash check). */
export interface W2Result {
  readonly workload: 'W2';
  readonly fileBytes: number;
  /** From ListFile's run to PutFile's commit. */
  readonly elapsedMs: number;
  readonly mibPerSecond: number;
  /** Peak of `process.memoryUsage().rss` sampled every 50 ms from the child's start, in bytes. */
  readonly peakRssSampled: number;
  /** ru_maxrss of the child at the end, in bytes (the kernel's peak: misses nothing). */
  readonly maxRss: number;
  /** RSS after the engine opened, before the flow ran, in bytes. */
  readonly rssBeforeFlow: number;
  readonly samples: number;
  /** Size of the output file as PutFile wrote it. */
  readonly outputBytes: number;
  /** Set by the runner: the output's SHA-256 equals the input's. */
  readonly hashMatches?: boolean;
}
