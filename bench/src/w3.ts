/**
 * W3 child entry. `w3.ts fill <dataDir>` queues 1,000,000 small flowfiles behind a stopped
 * ReplaceText, prints one result line and waits to be SIGKILLed. `w3.ts restore <dataDir>` opens
 * the engine on the same directory and reports how long until every queue is back, and the RSS.
 */
import path from 'node:path';
import { maxRssBytes, RssSampler } from './support/memory.js';
import { emitResult } from './support/result.js';
import { directorySize, queuedCount, startOrThrow, stopAfterOut } from './support/sluice.js';
import { W3_BATCH, W3_FLOWFILES, W3_OBJECT_THRESHOLD, type W3FillResult, type W3RestoreResult } from './w3-common.js';

const [mode, dataDir] = process.argv.slice(2);
if ((mode !== 'fill' && mode !== 'restore') || !dataDir) throw new Error('usage: w3.ts <fill|restore> <dataDir>');

const importStarted = performance.now();
const { FlowEngine } = await import('@sluice/engine');
const { standardRegistry } = await import('@sluice/processors');
const { w3Flow } = await import('./flows.js');
const importMs = performance.now() - importStarted;
const options = { dataDir, document: w3Flow(W3_BATCH, W3_OBJECT_THRESHOLD), registry: standardRegistry(), fsync: 'batch', autoStart: false } as const;

if (mode === 'restore') {
  const openCalled = performance.now();
  const engine = await FlowEngine.open(options);
  // open() replays the WAL and rebuilds the queues before it resolves; check, do not assume.
  while (queuedCount(engine) < W3_FLOWFILES) await new Promise((resolve) => setTimeout(resolve, 1));
  const restoredAt = performance.now();
  const memory = process.memoryUsage();
  const result: W3RestoreResult = {
    workload: 'W3-restore',
    restored: queuedCount(engine),
    swapped: engine.connectionStatus().reduce((n, c) => n + c.swapped, 0),
    sinceProcessStartMs: restoredAt,
    sinceOpenMs: restoredAt - openCalled,
    importMs,
    rssAfterRestore: memory.rss,
    heapUsedAfterRestore: memory.heapUsed,
    maxRss: maxRssBytes(),
  };
  await engine.close();
  emitResult(result);
  process.exit(0);
}

const engine = await FlowEngine.open(options);
const sampler = new RssSampler(50).start();
const startedAt = performance.now();
await startOrThrow(engine, 'generate');
await stopAfterOut(engine, 'generate', W3_FLOWFILES);
const fillMs = performance.now() - startedAt;
// Swapping to disk runs behind the commits; wait until the swapped count holds still.
const swappedNow = (): number => engine.connectionStatus().reduce((n, c) => n + c.swapped, 0);
for (let last = -1; swappedNow() !== last; ) {
  last = swappedNow();
  await new Promise((resolve) => setTimeout(resolve, 500));
}
const settledMs = performance.now() - startedAt;
const { peakRss } = sampler.stop();
const memory = process.memoryUsage();
const result: W3FillResult = {
  workload: 'W3-fill',
  queued: queuedCount(engine),
  swapped: swappedNow(),
  fillMs,
  settledMs,
  rssWhileQueued: memory.rss,
  heapUsedWhileQueued: memory.heapUsed,
  peakRssWhileFilling: peakRss,
  maxRss: maxRssBytes(),
  flowFileRepositoryBytes: await directorySize(path.join(dataDir, 'flowfile')),
};
emitResult(result);
// Hold everything as it is until the runner SIGKILLs this process: no close, no checkpoint.
setInterval(() => {}, 60_000);
