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
 * Takes flowfiles one at a time (so a large batch is never read into memory at once) and hands
 * each to `handle`, up to the batch limits. Returns the number handled.
 */
export async function forEachFlowFile(
  session: ProcessSession,
  guard: BatchGuard,
  limits: BatchLimits,
  handle: (flowFile: FlowFile) => Promise<void> | void,
): Promise<number> {
  const maxFlowFiles = guard.limitFor(limits);
  let taken = 0;
  let bytes = 0;
  try {
    while (taken < maxFlowFiles && bytes < limits.maxBytes) {
      const flowFile = session.get();
      if (!flowFile) break;
      taken++;
      bytes += flowFile.size;
      await handle(flowFile);
    }
  } catch (error) {
    guard.failed(taken);
    throw error;
  }
  guard.succeeded(taken);
  return taken;
}
