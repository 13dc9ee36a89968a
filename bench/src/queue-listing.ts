/**
 * Queue-listing child (`npm run bench -- queue-listing`): queues 1,000,000 small flowfiles behind
 * a stopped processor with the engine directly (fsync off; all but 20,000 swapped to disk), then
 * times the queue inspector's listing: pages in queue order (first, middle, last), sorted by
 * size, filtered by an attribute and by any attribute, and a lookup by id. Each scenario runs
 * once cold, then QL_RUNS more times; prints one result line.
 */
import path from 'node:path';
import { parseFlowDocument } from '@sluice/flow-schema';
import type { FlowEngine, QueueListingQuery } from '@sluice/engine';
import { emitResult } from './support/result.js';
import { makeTempDir, removeDir } from './support/temp-dir.js';
import { startOrThrow, stopAfterOut } from './support/sluice.js';
import {
  QL_FLOWFILES,
  QL_PAGE,
  QL_RUNS,
  type QueueListingResult,
  type QueueListingScenario,
} from './queue-listing-common.js';

const { FlowEngine: Engine } = await import('@sluice/engine');
const { standardRegistry } = await import('@sluice/processors');

const BATCH = 10_000;
const SWAP_THRESHOLD = 20_000;
const SWAP_BATCH = 10_000;

/** GenerateFlowFile → (stopped) LogAttribute; content and a `group` (0–99) differ per flowfile. */
function document() {
  return parseFlowDocument({
    schemaVersion: 1,
    flow: {
      id: 'bench-queue-listing',
      name: 'bench-queue-listing',
      processors: [
        {
          id: 'generate',
          type: 'GenerateFlowFile',
          name: 'generate',
          position: { x: 0, y: 0 },
          // Sizes vary with the digits of a random number, so sorting by size means something.
          properties: {
            batchSize: String(BATCH),
            customText: 'flowfile ${random()}',
            group: 'group-${nextInt():mod(100)}',
          },
          state: 'STOPPED',
        },
        {
          id: 'log',
          type: 'LogAttribute',
          name: 'log',
          position: { x: 0, y: 200 },
          autoTerminatedRelationships: ['success'],
          state: 'STOPPED',
        },
      ],
      connections: [
        {
          id: 'queued',
          source: { id: 'generate' },
          relationships: ['success'],
          destination: { id: 'log' },
          // Back-pressure stops the generator at exactly the target (a stop alone may let one
          // more batch in).
          backPressure: { objectThreshold: QL_FLOWFILES },
        },
      ],
    },
  });
}

function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** Times `QL_RUNS + 1` listings; `query(run)` may vary by run (run 0 is the cold one). */
async function scenario(
  engine: FlowEngine,
  name: string,
  description: string,
  query: (run: number) => QueueListingQuery,
): Promise<QueueListingScenario> {
  const runs: number[] = [];
  let total = 0;
  for (let run = 0; run <= QL_RUNS; run++) {
    const started = performance.now();
    const page = await engine.listQueuePage('queued', query(run));
    runs.push(performance.now() - started);
    total = page.total;
    if (page.flowFiles.length === 0) throw new Error(`${name}: an empty page`);
  }
  const [coldMs, ...warm] = runs;
  const result = {
    name,
    query: description,
    coldMs: coldMs!,
    p50Ms: percentile(warm, 50),
    p95Ms: percentile(warm, 95),
    runs,
    total,
  };
  console.error(
    `queue-listing: ${name}: cold ${result.coldMs.toFixed(1)} ms, p50 ${result.p50Ms.toFixed(1)} ms, p95 ${result.p95Ms.toFixed(1)} ms (${total} matching)`,
  );
  return result;
}

const dataDir = await makeTempDir('queue-listing');
try {
  const engine = await Engine.open({
    dataDir,
    document: document(),
    registry: standardRegistry(),
    fsync: 'never',
    autoStart: false,
    queueDefaults: { swapThreshold: SWAP_THRESHOLD, swapBatch: SWAP_BATCH },
  });
  const queue = engine.connections.get('queued')!;
  const fillStarted = performance.now();
  await startOrThrow(engine, 'generate');
  await stopAfterOut(engine, 'generate', QL_FLOWFILES);
  // Wait for swapping to settle: what is left in memory is the swap threshold's worth.
  while (queue.size().count - queue.swappedCount() > SWAP_THRESHOLD + SWAP_BATCH) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  // The last swap file is written in the background: wait until the queue holds still for a
  // second, so no timed run pays for a view that changed under it.
  for (let version = queue.version, still = 0; still < 10;) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    still = queue.version === version ? still + 1 : 0;
    version = queue.version;
  }
  const fillMs = performance.now() - fillStarted;
  console.error(
    `queue-listing: ${queue.size().count} queued, ${queue.swappedCount()} swapped, in ${Math.round(fillMs)} ms`,
  );
  // Memory after a full collection (the child runs with --expose-gc): what is held, not garbage.
  const held = () => {
    globalThis.gc?.();
    return process.memoryUsage();
  };
  const before = held();
  const n = queue.size().count;
  const middle = Math.floor(n / 2);
  const scenarios: QueueListingScenario[] = [];
  scenarios.push(
    await scenario(engine, 'first page', 'queue order, offset 0', () => ({
      offset: 0,
      limit: QL_PAGE,
    })),
    await scenario(engine, 'middle page', `queue order, offset ${middle}`, () => ({
      offset: middle,
      limit: QL_PAGE,
    })),
    await scenario(engine, 'last page', 'queue order, the last 100', () => ({
      offset: n - QL_PAGE,
      limit: QL_PAGE,
    })),
    await scenario(
      engine,
      'sorted by size',
      'size, largest first; runs alternate direction (one sort serves both)',
      (run) => ({
        offset: 0,
        limit: QL_PAGE,
        sort: 'size',
        direction: run % 2 === 0 ? 'desc' : 'asc',
      }),
    ),
    await scenario(
      engine,
      'sorted anew',
      'runs cycle through entry date, lineage start, queued date, size: each sorts all anew',
      (run) => ({
        offset: 0,
        limit: QL_PAGE,
        sort: (['entryDate', 'lineageStartDate', 'queuedDate', 'size'] as const)[run % 4],
        direction: 'desc',
      }),
    ),
    await scenario(engine, 'sorted by size, middle page', `size, offset ${middle}`, () => ({
      offset: middle,
      limit: QL_PAGE,
      sort: 'size',
      direction: 'desc',
    })),
    await scenario(
      engine,
      'filtered on an attribute',
      "group contains 'group-42' (10,000 match; runs alternate with 'group-17')",
      (run) => ({
        offset: 0,
        limit: QL_PAGE,
        filter: { text: run % 2 === 0 ? 'group-42' : 'group-17', attribute: 'group' },
      }),
    ),
    await scenario(
      engine,
      'filtered on any attribute, sorted',
      "any value contains 'abc', sorted by queued date, newest first",
      () => ({
        offset: 0,
        limit: QL_PAGE,
        sort: 'queuedDate',
        direction: 'desc',
        filter: { text: 'abc' },
      }),
    ),
  );
  const [row] = (await engine.listQueuePage('queued', { offset: middle, limit: 1 })).flowFiles;
  const findRuns: number[] = [];
  for (let run = 0; run <= QL_RUNS; run++) {
    const started = performance.now();
    const found = await engine.findQueued('queued', row!.id);
    findRuns.push(performance.now() - started);
    if (!found) throw new Error('a queued flowfile was not found');
  }
  const [findCold, ...findWarm] = findRuns;
  scenarios.push({
    name: 'find by id',
    query: `a swapped flowfile at position ${middle + 1}, with its attributes`,
    coldMs: findCold!,
    p50Ms: percentile(findWarm, 50),
    p95Ms: percentile(findWarm, 95),
    runs: findRuns,
    total: 1,
  });
  const after = held();
  const result: QueueListingResult = {
    workload: 'queue-listing',
    queued: n,
    swapped: queue.swappedCount(),
    fillMs,
    scenarios,
    rssBeforeListing: before.rss,
    rssAfterListing: after.rss,
    heapUsedBeforeListing: before.heapUsed,
    heapUsedAfterListing: after.heapUsed,
  };
  emitResult(result);
  await engine.close();
} finally {
  await removeDir(path.resolve(dataDir));
}
