/** Small helpers to drive a Sluice engine from a benchmark: start, stop at a count, wait for a count. */
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { FlowEngine, ProcessorCounters } from '@sluice/engine';

/** Starts a processor, or throws with the engine's reasons. */
export async function startOrThrow(engine: FlowEngine, processorId: string): Promise<void> {
  const result = await engine.start(processorId);
  if (!result.ok) throw new Error(`cannot start ${processorId}: ${result.reasons.join('; ')}`);
}

/** A processor's 5-minute counters (the bench's runs are shorter than the window). */
export function countersOf(engine: FlowEngine, processorId: string): ProcessorCounters {
  const node = engine.processors.get(processorId);
  if (!node) throw new Error(`no processor ${processorId}`);
  return node.stats.total();
}

/**
 * Calls `check` after every committed session of `processorId` until it returns true; resolves
 * with the `performance.now()` of that commit. Commit events are emitted synchronously inside the
 * commit, so the time is the commit's, not a poll's.
 */
export function whenCommitted(
  engine: FlowEngine,
  processorId: string,
  check: (counters: ProcessorCounters) => boolean,
): Promise<number> {
  return new Promise((resolve) => {
    const unsubscribe = engine.events.subscribe((event) => {
      if (event.type !== 'committed' || event.processorId !== processorId) return;
      if (!check(countersOf(engine, processorId))) return;
      unsubscribe();
      resolve(performance.now());
    });
  });
}

/**
 * Stops a running source once it has sent `count` flowfiles out. The stop is requested inside the
 * commit event, before the scheduler can trigger another task, so a source whose batch divides
 * `count` sends exactly `count`.
 */
export function stopAfterOut(
  engine: FlowEngine,
  processorId: string,
  count: number,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const unsubscribe = engine.events.subscribe((event) => {
      if (event.type !== 'committed' || event.processorId !== processorId) return;
      if (countersOf(engine, processorId).outCount < count) return;
      unsubscribe();
      // stop() marks the processor STOPPED synchronously, then waits for its running task.
      engine.stop(processorId).then(resolve, reject);
    });
  });
}

/** Total queued flowfiles over every connection (in memory, in flight and swapped). */
export function queuedCount(engine: FlowEngine): number {
  return engine.connectionStatus().reduce((n, c) => n + c.queued.count, 0);
}

/** Total size of the files under `dir`, in bytes (0 when it does not exist); a live directory is approximate. */
export async function directorySize(dir: string): Promise<number> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  let total = 0;
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) total += await directorySize(full);
    // A file may vanish between listing and stat (a swap file's temp being renamed): count it as 0.
    else if (entry.isFile()) total += (await stat(full).catch(() => ({ size: 0 }))).size;
  }
  return total;
}
