/** The queue-listing workload's runner side and its markdown table (docs/benchmarks.md). */
import type { ChildOptions } from './support/child.js';
import { runWorkload } from './support/child.js';
import { mib } from './support/memory.js';
import { expectResult } from './support/result.js';
import { QL_GOAL_MS, QL_RUNS, type QueueListingResult } from './queue-listing-common.js';

/** Runs the queue-listing child (a fresh process) and returns its result. */
export async function runQueueListing(options: ChildOptions): Promise<QueueListingResult> {
  console.error('queue-listing: filling the queue');
  return expectResult<QueueListingResult>(
    await runWorkload('queue-listing.ts', [], { ...options, exposeGc: true }),
    'queue-listing',
  );
}

const ms = (value: number) => value.toFixed(1);

/** The markdown section of a queue-listing result. */
export function queueListingReport(result: QueueListingResult): string {
  const rows = result.scenarios.map((s) => {
    const met = s.p95Ms < QL_GOAL_MS ? 'met' : 'not met';
    return `| ${s.name} | ${s.query} | ${s.total.toLocaleString('en-US')} | ${ms(s.coldMs)} | ${ms(s.p50Ms)} | ${ms(s.p95Ms)} | ${met} |`;
  });
  return [
    `### Queue listing: ${result.queued.toLocaleString('en-US')} queued (${result.swapped.toLocaleString('en-US')} swapped), pages of 100`,
    '',
    `Filled in ${(result.fillMs / 1000).toFixed(1)} s. Each scenario runs once cold (nothing cached), then ${QL_RUNS} times; p50/p95 are of those ${QL_RUNS}. Goal: a page in < ${QL_GOAL_MS} ms (judged on p95).`,
    '',
    `| scenario | query | matching | cold ms | p50 ms | p95 ms | goal < ${QL_GOAL_MS} ms |`,
    '| --- | --- | ---: | ---: | ---: | ---: | --- |',
    ...rows,
    '',
    `After a full GC: RSS ${mib(result.rssBeforeListing)} MiB before listing, ${mib(result.rssAfterListing)} MiB after; heap used ${mib(result.heapUsedBeforeListing)} → ${mib(result.heapUsedAfterListing)} MiB (the swap-file index and attribute text the inspector keeps, dropped after 2 idle minutes).`,
  ].join('\n');
}
