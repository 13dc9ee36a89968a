/** Numeric counters summed over a window. */
export type Counters<K extends string> = Record<K, number>;

/**
 * Sums counters over a sliding window (NiFi's 5-minute stats) in fixed buckets, so memory stays
 * constant however many tasks run.
 */
export class RollingWindow<K extends string> {
  readonly #keys: readonly K[];
  readonly #bucketMs: number;
  readonly #buckets: { start: number; values: Counters<K> }[] = [];
  readonly #bucketCount: number;

  constructor(keys: readonly K[], windowMs = 5 * 60_000, bucketMs = 10_000) {
    this.#keys = keys;
    this.#bucketMs = bucketMs;
    this.#bucketCount = Math.ceil(windowMs / bucketMs);
  }

  add(values: Partial<Counters<K>>, now = Date.now()): void {
    const start = now - (now % this.#bucketMs);
    let bucket = this.#buckets[this.#buckets.length - 1];
    if (!bucket || bucket.start !== start) {
      bucket = { start, values: this.#zero() };
      this.#buckets.push(bucket);
      while (this.#buckets.length > this.#bucketCount) this.#buckets.shift();
    }
    for (const key of this.#keys) bucket.values[key] += values[key] ?? 0;
  }

  total(now = Date.now()): Counters<K> {
    const since = now - this.#bucketCount * this.#bucketMs;
    const sum = this.#zero();
    for (const bucket of this.#buckets) {
      if (bucket.start <= since) continue;
      for (const key of this.#keys) sum[key] += bucket.values[key];
    }
    return sum;
  }

  #zero(): Counters<K> {
    return Object.fromEntries(this.#keys.map((k) => [k, 0])) as Counters<K>;
  }
}
