import { Bin, type BinEntry, type BinLimits, type EvictionReason } from './bin.js';

/** A bin taken out of the manager to be merged, with why. */
export interface ReadyBin {
  readonly bin: Bin;
  readonly reason: EvictionReason;
}

/** What became of a flowfile offered to the manager. */
export type OfferOutcome = 'binned' | 'duplicate' | 'no-room';

/**
 * The bins of one MergeContent, by group (NiFi's BinManager). It knows which flowfiles are in a
 * bin, so each queued flowfile is binned once however often the queue is looked at, and it
 * forgets flowfiles that left the queue without being merged.
 */
export class BinManager {
  readonly #groups = new Map<string | null, Bin[]>();
  readonly #binOf = new Map<string, Bin>();
  #count = 0;

  constructor(
    readonly limits: BinLimits | 'defragment',
    readonly maxBins: number,
  ) {}

  /** Number of bins. */
  get count(): number {
    return this.#count;
  }

  /** True when the flowfile is in a bin. */
  has(id: string): boolean {
    return this.#binOf.has(id);
  }

  /**
   * Puts the flowfile in the first bin of its group that takes it, or in a new bin while fewer
   * than Maximum number of Bins exist. A Defragment fragment whose fragment.index its bin already
   * has is a `duplicate`.
   */
  offer(group: string | null, entry: BinEntry, now: number, fragmentCount?: number): OfferOutcome {
    const bins = this.#groups.get(group) ?? [];
    for (const bin of bins) {
      if (bin.offer(entry, fragmentCount)) return this.#binned(bin, entry);
      if (this.limits === 'defragment') return 'duplicate';
    }
    if (this.#count >= this.maxBins) return 'no-room';
    const bin = new Bin(group, now, this.limits);
    bin.offer(entry, fragmentCount);
    bins.push(bin);
    this.#groups.set(group, bins);
    this.#count++;
    return this.#binned(bin, entry);
  }

  /** Forgets every binned flowfile not in `queued` (it left the queue some other way). */
  keepOnly(queued: ReadonlySet<string>): void {
    const gone = new Set<string>();
    for (const id of this.#binOf.keys()) if (!queued.has(id)) gone.add(id);
    if (gone.size === 0) return;
    const touched = new Set<Bin>();
    for (const id of gone) {
      touched.add(this.#binOf.get(id)!);
      this.#binOf.delete(id);
    }
    for (const bin of touched) bin.forget(gone);
    for (const [group, bins] of this.#groups) {
      const left = bins.filter((bin) => bin.entries.length > 0);
      this.#count -= bins.length - left.length;
      if (left.length === 0) this.#groups.delete(group);
      else this.#groups.set(group, left);
    }
  }

  /** Takes out the bins that are ready (see Bin.readiness). */
  takeReady(relaxed: boolean, now: number, maxAgeMs: number | undefined): ReadyBin[] {
    const ready: ReadyBin[] = [];
    for (const bins of this.#groups.values()) {
      for (const bin of bins) {
        const reason = bin.readiness(relaxed, now, maxAgeMs);
        if (reason !== undefined) ready.push({ bin, reason });
      }
    }
    for (const { bin } of ready) this.#remove(bin);
    return ready;
  }

  /** Takes out the oldest bin, to make room for a new one (NiFi's BIN_MANAGER_FULL). */
  takeOldest(): Bin | undefined {
    let oldest: Bin | undefined;
    for (const bins of this.#groups.values()) {
      for (const bin of bins)
        if (oldest === undefined || bin.created < oldest.created) oldest = bin;
    }
    if (oldest !== undefined) this.#remove(oldest);
    return oldest;
  }

  #binned(bin: Bin, entry: BinEntry): OfferOutcome {
    this.#binOf.set(entry.flowFile.id, bin);
    return 'binned';
  }

  #remove(bin: Bin): void {
    const bins = this.#groups.get(bin.group) ?? [];
    const left = bins.filter((b) => b !== bin);
    if (left.length === 0) this.#groups.delete(bin.group);
    else this.#groups.set(bin.group, left);
    this.#count--;
    for (const entry of bin.entries) this.#binOf.delete(entry.flowFile.id);
  }
}
