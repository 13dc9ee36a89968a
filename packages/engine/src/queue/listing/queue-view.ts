import type { FlowFile } from '../../flowfile/flowfile.js';
import type { SwapFileSummary } from '../../repository/wal-operation.js';

/**
 * What a connection holds, in queue order, at one moment: the records in memory (priority order),
 * the swap files (oldest first; their records are read from disk by whoever needs them), then the
 * records waiting to be swapped out. Positions run through the three parts in that order.
 */
export interface QueueView {
  /** Changes whenever what is queued, or where it is held, changes. */
  readonly version: number;
  readonly memory: readonly FlowFile[];
  readonly swapFiles: readonly SwapFileSummary[];
  readonly pending: readonly FlowFile[];
}

/** Where the records of a view start: one part per memory, each swap file, and pending. */
export type ViewPart =
  | { readonly kind: 'memory'; readonly start: number; readonly count: number }
  | {
      readonly kind: 'swap';
      readonly start: number;
      readonly count: number;
      readonly swap: SwapFileSummary;
    }
  | { readonly kind: 'pending'; readonly start: number; readonly count: number };

/** The parts of a view with their first positions, and the number of records in all. */
export function partsOf(view: QueueView): { parts: ViewPart[]; total: number } {
  const parts: ViewPart[] = [{ kind: 'memory', start: 0, count: view.memory.length }];
  let start = view.memory.length;
  for (const swap of view.swapFiles) {
    parts.push({ kind: 'swap', start, count: swap.count, swap });
    start += swap.count;
  }
  parts.push({ kind: 'pending', start, count: view.pending.length });
  return { parts, total: start + view.pending.length };
}

/** The part holding `position` (binary search over the parts' starts). */
export function partAt(parts: readonly ViewPart[], position: number): ViewPart {
  let low = 0;
  let high = parts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (parts[mid]!.start <= position) low = mid;
    else high = mid - 1;
  }
  // Empty parts share a start with the next one: move on to the one that holds the position.
  while (low < parts.length - 1 && position >= parts[low]!.start + parts[low]!.count) low++;
  return parts[low]!;
}
