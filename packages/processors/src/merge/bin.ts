import type { FlowFile } from '@sluice/engine';

/** Why a bin was merged: NiFi's EvictionReason names, written to `merge.reason`. */
export type EvictionReason =
  | 'MAX_BYTES_THRESHOLD_REACHED'
  | 'MAX_ENTRIES_THRESHOLD_REACHED'
  | 'MIN_THRESHOLDS_REACHED'
  | 'TIMEOUT'
  | 'BIN_MANAGER_FULL'
  | 'UNSET';

/** How full a bin may and must be (Bin-Packing); Defragment bins are complete by fragment count. */
export interface BinLimits {
  readonly minEntries: number;
  readonly maxEntries: number;
  readonly minSize: number;
  /** Infinity when Maximum Group Size is not set. */
  readonly maxSize: number;
}

/** A flowfile in a bin: it stays in the input queue until its bin is merged. */
export interface BinEntry {
  readonly flowFile: FlowFile;
  /** Defragment: the flowfile's fragment.index. */
  readonly fragmentIndex?: number;
}

/** What a Defragment bin learned about its fragments. */
interface Fragments {
  readonly indexes: Set<number>;
  /** The fragment.count the fragments carry, once one carried it. */
  expected: number | undefined;
  /** Set when two fragments disagree on fragment.count: the bin can only fail. */
  conflict: string | undefined;
}

/**
 * A bin of flowfiles to merge together, as NiFi's Bin: it accepts flowfiles while they fit its
 * Maximum Number of Entries and Maximum Group Size, and counts the offers it refused in a row (a
 * bin that meets its minimums and keeps refusing is full). A Defragment bin has no size limits:
 * it accepts each fragment.index once and is complete at fragment.count fragments.
 */
export class Bin {
  readonly entries: BinEntry[] = [];
  size = 0;
  #refusedInARow = 0;
  readonly #fragments: Fragments | undefined;

  constructor(
    /** The correlation value (Bin-Packing) or fragment.identifier (Defragment); null for none. */
    readonly group: string | null,
    /** Epoch millis the bin was made, for Max Bin Age and merge.bin.age. */
    readonly created: number,
    readonly limits: BinLimits | 'defragment',
  ) {
    this.#fragments =
      limits === 'defragment'
        ? { indexes: new Set(), expected: undefined, conflict: undefined }
        : undefined;
  }

  /** Adds the flowfile if it fits; false when it does not (or repeats a fragment.index). */
  offer(entry: BinEntry, fragmentCount?: number): boolean {
    const fragments = this.#fragments;
    const limits = this.limits;
    if (fragments !== undefined) {
      const index = entry.fragmentIndex!;
      if (fragments.indexes.has(index)) return false;
      fragments.indexes.add(index);
      if (fragmentCount !== undefined) {
        if (fragments.expected === undefined) fragments.expected = fragmentCount;
        else if (fragments.expected !== fragmentCount) {
          fragments.conflict ??= `fragments disagree on fragment.count (${fragments.expected} and ${fragmentCount})`;
        }
      }
    } else if (limits !== 'defragment') {
      if (
        this.size + entry.flowFile.size > limits.maxSize ||
        this.entries.length >= limits.maxEntries
      ) {
        this.#refusedInARow++;
        return false;
      }
    }
    this.entries.push(entry);
    this.size += entry.flowFile.size;
    this.#refusedInARow = 0;
    return true;
  }

  /**
   * Why the bin is ready to merge, or undefined. `relaxed` (nothing new was binned in this
   * trigger) lets a bin that meets its minimums go; otherwise it must be full (NiFi's
   * removeReadyBins). Max Bin Age makes any bin ready.
   */
  readiness(
    relaxed: boolean,
    now: number,
    maxAgeMs: number | undefined,
  ): EvictionReason | undefined {
    const fragments = this.#fragments;
    const limits = this.limits;
    if (fragments !== undefined) {
      if (fragments.conflict !== undefined) return 'UNSET';
      if (fragments.expected !== undefined && this.entries.length >= fragments.expected) {
        return 'MAX_ENTRIES_THRESHOLD_REACHED';
      }
    } else if (limits !== 'defragment') {
      if (this.size >= limits.maxSize) return 'MAX_BYTES_THRESHOLD_REACHED';
      if (this.entries.length >= limits.maxEntries) return 'MAX_ENTRIES_THRESHOLD_REACHED';
      const minimumsMet = this.size >= limits.minSize && this.entries.length >= limits.minEntries;
      if (minimumsMet && (relaxed || this.#refusedInARow > 5)) return 'MIN_THRESHOLDS_REACHED';
    }
    if (maxAgeMs !== undefined && now - this.created >= maxAgeMs) return 'TIMEOUT';
    return undefined;
  }

  /**
   * Why a Defragment bin cannot be merged (missing or conflicting fragments), or undefined when
   * it holds exactly fragment.count fragments.
   */
  defragmentProblem(): string | undefined {
    const fragments = this.#fragments;
    if (fragments === undefined) return undefined;
    if (fragments.conflict !== undefined) return fragments.conflict;
    const id = this.group ?? '';
    if (fragments.expected === undefined) {
      return `no fragment with fragment.identifier ${id} carried fragment.count, so the number of fragments is unknown`;
    }
    if (this.entries.length !== fragments.expected) {
      return `fragment.identifier ${id} expects ${fragments.expected} fragments but only ${this.entries.length} arrived`;
    }
    return undefined;
  }

  /** Drops the entries whose flowfiles left the queue otherwise (emptied, expired); true if any. */
  forget(gone: ReadonlySet<string>): boolean {
    const kept = this.entries.filter((e) => !gone.has(e.flowFile.id));
    if (kept.length === this.entries.length) return false;
    this.entries.length = 0;
    this.entries.push(...kept);
    this.size = kept.reduce((n, e) => n + e.flowFile.size, 0);
    this.#fragments?.indexes.clear();
    for (const e of kept)
      if (e.fragmentIndex !== undefined) this.#fragments!.indexes.add(e.fragmentIndex);
    return true;
  }
}
