import type { FlowFile, ProcessSession } from '@sluice/engine';

/** How much one trigger takes: at most this many flowfiles and (about) this many content bytes. */
export interface BatchLimits {
  readonly maxFlowFiles: number;
  readonly maxBytes: number;
}

/** The default batch: many small flowfiles per session, without holding many megabytes at once. */
export const DEFAULT_BATCH: BatchLimits = { maxFlowFiles: 1000, maxBytes: 4 * 1024 * 1024 };

/**
 * Per-start memory of a processor's batches. When a flowfile throws, the engine rolls back the
 * whole session and penalizes every flowfile in it; NiFi would have rolled back that one
 * flowfile alone. So after a failed batch the next triggers take one flowfile each, until as
 * many have passed as the failed batch held: a flowfile that keeps failing then only ever
 * penalizes itself, and the others are delayed once, not forever.
 *
 * It lives as long as one start of the processor (its `onScheduled` result); a Run Once starts
 * afresh each time, so there every trigger is a full batch.
 */
export class BatchGuard {
  #singles = 0;

  /** Number of flowfiles the next trigger may take. */
  limitFor(limits: BatchLimits): number {
    return this.#singles > 0 ? 1 : limits.maxFlowFiles;
  }

  /** Records a trigger that threw after taking `taken` flowfiles. */
  failed(taken: number): void {
    if (taken > 1) this.#singles = Math.max(this.#singles, taken);
  }

  /** Records a trigger that completed with `taken` flowfiles. */
  succeeded(taken: number): void {
    if (this.#singles > 0) this.#singles = Math.max(0, this.#singles - taken);
  }
}

/**
 * Reading ahead: `start` begins loading what a flowfile needs (its content) and may return
 * undefined when it needs nothing; up to `window` flowfiles are loaded ahead of the one handled.
 */
export interface Prefetch<T> {
  readonly window: number;
  start(flowFile: FlowFile): Promise<T> | undefined;
}

/**
 * Flowfiles handled between two turns of the event loop. A batch of small flowfiles otherwise
 * runs on microtasks alone, for milliseconds, and every other processor's I/O (the writes its
 * commit waits for) waits with it; on NiFi's threads nothing would.
 */
const YIELD_EVERY = 256;

const yieldToLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** Observes a prefetch promise; one function for all, not a closure per flowfile. */
const ignore = (): undefined => undefined;

/**
 * Takes flowfiles one at a time, up to the batch limits (so a batch of large flowfiles is never
 * taken at once), and hands each to `handle` in order. With `prefetch`, the content of the next
 * few flowfiles is read while one is handled: one read after another would leave the thread
 * idle, waiting on the file system, most of the time. Returns the number handled.
 */
export async function forEachFlowFile<T = undefined>(
  session: ProcessSession,
  guard: BatchGuard,
  limits: BatchLimits,
  handle: (flowFile: FlowFile, prefetched: T | undefined) => Promise<unknown> | void,
  prefetch?: Prefetch<T>,
): Promise<number> {
  const maxFlowFiles = guard.limitFor(limits);
  const window = Math.max(1, prefetch?.window ?? 1);
  // The flowfiles read ahead and their loads, side by side (no object per flowfile).
  const aheadFlowFiles: FlowFile[] = [];
  const aheadData: (Promise<T> | undefined)[] = [];
  let taken = 0;
  let done = 0;
  let bytes = 0;
  let exhausted = false;
  const fill = (): void => {
    while (
      !exhausted &&
      aheadFlowFiles.length < window &&
      taken < maxFlowFiles &&
      bytes < limits.maxBytes
    ) {
      const flowFile = session.get();
      if (!flowFile) {
        exhausted = true;
        return;
      }
      taken++;
      bytes += flowFile.size;
      const data = prefetch?.start(flowFile);
      // Observed now so a read failing while an earlier flowfile is handled is not "unhandled";
      // it still rejects where it is awaited.
      data?.catch(ignore);
      aheadFlowFiles.push(flowFile);
      aheadData.push(data);
    }
  };
  try {
    for (;;) {
      if (aheadFlowFiles.length === 0) fill();
      const flowFile = aheadFlowFiles.shift();
      if (!flowFile) break;
      const data = aheadData.shift();
      // Keep the window full while this one is handled (without prefetch, take no more yet).
      if (prefetch) fill();
      const handled = handle(flowFile, data ? await data : undefined);
      // A synchronous handler's flowfile costs no promise.
      if (handled !== undefined) await handled;
      if (++done % YIELD_EVERY === 0) await yieldToLoop();
    }
  } catch (error) {
    guard.failed(taken);
    throw error;
  }
  guard.succeeded(taken);
  return taken;
}
