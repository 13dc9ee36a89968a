/** The queue-listing workload's size and results, shared by the child and the runner. */

/** Flowfiles queued. Override with `SLUICE_BENCH_QL_FLOWFILES`. */
export const QL_FLOWFILES = Number(process.env['SLUICE_BENCH_QL_FLOWFILES'] ?? 1_000_000);

/** Timed runs per scenario after the first (cold) one. Override with `SLUICE_BENCH_QL_RUNS`. */
export const QL_RUNS = Number(process.env['SLUICE_BENCH_QL_RUNS'] ?? 9);

/** Rows per page, as the inspector asks by default. */
export const QL_PAGE = 100;

/** The goal for one page. */
export const QL_GOAL_MS = 200;

/** The timings of one listing scenario. */
export interface QueueListingScenario {
  readonly name: string;
  /** What was asked, in words. */
  readonly query: string;
  /** The first run: reads what no cache holds yet. */
  readonly coldMs: number;
  /** Median and 95th percentile of the runs after it. */
  readonly p50Ms: number;
  readonly p95Ms: number;
  readonly runs: readonly number[];
  /** Matching flowfiles the listing reported. */
  readonly total: number;
}

/** What the child reports. */
export interface QueueListingResult {
  readonly workload: 'queue-listing';
  readonly queued: number;
  readonly swapped: number;
  readonly fillMs: number;
  readonly scenarios: readonly QueueListingScenario[];
  /** Swap-file records the listing indexed by the end. */
  readonly rssBeforeListing: number;
  readonly rssAfterListing: number;
  readonly heapUsedBeforeListing: number;
  readonly heapUsedAfterListing: number;
}
