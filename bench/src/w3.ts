/**
 * W3 child entry. `w3.ts fill <dataDir>` queues 1,000,000 small flowfiles behind a stopped
 * ReplaceText, prints one result line and waits to be SIGKILLed. `w3.ts restore <dataDir>` opens
 * the engine on the same directory and reports how long until every queue is back, and the RSS.
 */
import path from 'node:path';
import { maxRssBytes, memoryAfterFullGc, memoryAtRest, RssSampler } from './support/memory.js';
import { emitResult } from './support/result.js';
import { directorySize, queuedCount, startOrThrow, stopAfterOut } from './support/sluice.js';
import {
  W3_BATCH,
  W3_FLOWFILES,
  W3_OBJECT_THRESHOLD,
  type W3FillResult,
  type W3RestoreResult,
} from './w3-common.js';

/** Engine defaults (NiFi's): records above this many per queue are swapped, this many per file. */
const SWAP_THRESHOLD = 20_000;
const SWAP_BATCH = 10_000;
/** Swapping counts as stopped after this long without a new swap file. */
const SETTLE_QUIET_MS = 5_000;
/** Longest wait for swapping to settle before measuring anyway. */
const SETTLE_MAX_MS = 300_000;

/** Idle time before the "at rest" memory reading. */
const REST_MS = 10_000;

/** How long the restarted child waits for the queues to reach the expected count. */
const RESTORE_WAIT_MS = 120_000;

const [mode, dataDir] = process.argv.slice(2);
if ((mode !== 'fill' && mode !== 'restore') || !dataDir)
  throw new Error('usage: w3.ts <fill|restore> <dataDir>');

const importStarted = performance.now();
const { FlowEngine } = await import('@sluice/engine');
const { standardRegistry } = await import('@sluice/processors');
const { w3Flow } = await import('./flows.js');
const importMs = performance.now() - importStarted;
const options = {
  dataDir,
  document: w3Flow(W3_BATCH, W3_OBJECT_THRESHOLD),
  registry: standardRegistry(),
  fsync: 'batch',
  autoStart: false,
} as const;

if (mode === 'restore') {
  const openCalled = performance.now();
  const engine = await FlowEngine.open(options);
  const openedAt = performance.now();
  // open() replays the WAL and rebuilds the queues before it resolves; check, do not assume, and
  // give up after a bound so a restore that loses flowfiles is reported rather than waited on.
  let lastLog = openedAt;
  while (queuedCount(engine) < W3_FLOWFILES && performance.now() - openedAt < RESTORE_WAIT_MS) {
    await new Promise((resolve) => setTimeout(resolve, 1));
    if (performance.now() - lastLog > 5_000) {
      lastLog = performance.now();
      console.error(
        `W3 restore: ${queuedCount(engine)} of ${W3_FLOWFILES} queued after ${Math.round(lastLog - openCalled)} ms`,
      );
    }
  }
  const restoredAt = performance.now();
  const memory = process.memoryUsage();
  const result: W3RestoreResult = {
    workload: 'W3-restore',
    restored: queuedCount(engine),
    swapped: engine.connectionStatus().reduce((n, c) => n + c.swapped, 0),
    sinceProcessStartMs: restoredAt,
    restoredAtEpochMs: performance.timeOrigin + restoredAt,
    complete: queuedCount(engine) === W3_FLOWFILES,
    sinceOpenMs: restoredAt - openCalled,
    openMs: openedAt - openCalled,
    importMs,
    rssAfterRestore: memory.rss,
    heapUsedAfterRestore: memory.heapUsed,
    maxRss: maxRssBytes(),
    afterFullGc: memoryAfterFullGc(),
    atRest: await memoryAtRest(REST_MS),
  };
  emitResult(result);
  // Closing is not measured, but it must finish: the runner reports a close that never returns.
  const closeStarted = performance.now();
  await engine.close();
  console.error(`W3 restore: engine closed in ${Math.round(performance.now() - closeStarted)} ms`);
  process.exit(0);
}

const engine = await FlowEngine.open(options);
const sampler = new RssSampler(50).start();
// Records held in memory (queued minus swapped): shows whether swapping keeps up with the generator.
let maxInMemory = 0;
const inMemoryProbe = setInterval(() => {
  const swapped = engine.connectionStatus().reduce((n, c) => n + c.swapped, 0);
  maxInMemory = Math.max(maxInMemory, queuedCount(engine) - swapped);
}, 100);
const startedAt = performance.now();
await startOrThrow(engine, 'generate');
await stopAfterOut(engine, 'generate', W3_FLOWFILES);
const fillMs = performance.now() - startedAt;
// Swapping to disk runs behind the commits, one swap file at a time: wait until the records left
// in memory are within one swap batch of the threshold, or the swapped count has held still for
// SETTLE_QUIET_MS (swapping stopped), at most SETTLE_MAX_MS.
const swappedNow = (): number => engine.connectionStatus().reduce((n, c) => n + c.swapped, 0);
const settleStarted = performance.now();
let lastChange = settleStarted;
for (let last = swappedNow(); ;) {
  await new Promise((resolve) => setTimeout(resolve, 250));
  const now = performance.now();
  const swapped = swappedNow();
  if (swapped !== last) {
    last = swapped;
    lastChange = now;
  }
  const inMemory = queuedCount(engine) - swapped;
  if (
    inMemory <= SWAP_THRESHOLD + SWAP_BATCH ||
    now - lastChange > SETTLE_QUIET_MS ||
    now - settleStarted > SETTLE_MAX_MS
  )
    break;
}
const settledMs = performance.now() - startedAt;
clearInterval(inMemoryProbe);
const { peakRss } = sampler.stop();
const memory = process.memoryUsage();
const result: W3FillResult = {
  workload: 'W3-fill',
  queued: queuedCount(engine),
  swapped: swappedNow(),
  maxInMemory,
  fillMs,
  settledMs,
  rssWhileQueued: memory.rss,
  heapUsedWhileQueued: memory.heapUsed,
  peakRssWhileFilling: peakRss,
  maxRss: maxRssBytes(),
  flowFileRepositoryBytes: await directorySize(path.join(dataDir, 'flowfile')),
  afterFullGc: memoryAfterFullGc(),
  atRest: await memoryAtRest(REST_MS),
};
emitResult(result);
// Hold everything as it is until the runner SIGKILLs this process: no close, no checkpoint.
setInterval(() => {}, 60_000);
