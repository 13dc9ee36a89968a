/** Bytes per mebibyte, for every MiB figure the bench prints. */
export const MIB = 1024 * 1024;

/** Peak resident set size as the kernel accounts it (ru_maxrss), in bytes. */
export function maxRssBytes(): number {
  // Node reports maxRSS in kilobytes.
  return process.resourceUsage().maxRSS * 1024;
}

/**
 * Samples `process.memoryUsage().rss` on a timer and keeps the peak. The timer is unref'd so it
 * never keeps a child alive; a sample is also taken on stop so a short run is not missed.
 */
export class RssSampler {
  #peak = 0;
  #samples = 0;
  #timer: NodeJS.Timeout | undefined;

  constructor(private readonly intervalMs = 50) {}

  /** Starts sampling (idempotent). */
  start(): this {
    if (this.#timer) return this;
    this.#sample();
    this.#timer = setInterval(() => this.#sample(), this.intervalMs);
    this.#timer.unref();
    return this;
  }

  /** Stops sampling and returns the peak seen, in bytes. */
  stop(): { readonly peakRss: number; readonly samples: number } {
    this.#sample();
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = undefined;
    return { peakRss: this.#peak, samples: this.#samples };
  }

  #sample(): void {
    this.#samples++;
    const rss = process.memoryUsage.rss();
    if (rss > this.#peak) this.#peak = rss;
  }
}

/** Formats bytes as MiB with one decimal. */
export function mib(bytes: number): string {
  return (bytes / MIB).toFixed(1);
}
