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

/**
 * RSS and heap after a full garbage collection, when the process runs with `--expose-gc`
 * (undefined otherwise): what the process really retains, as opposed to garbage V8 has not yet
 * collected. Only ever called after a measurement, since collecting changes what follows.
 */
export function memoryAfterFullGc():
  | {
      readonly rss: number;
      readonly heapUsed: number;
      readonly heapTotal: number;
      readonly external: number;
      readonly arrayBuffers: number;
    }
  | undefined {
  const collect = (globalThis as { gc?: () => void }).gc;
  if (!collect) return undefined;
  collect();
  const { rss, heapUsed, heapTotal, external, arrayBuffers } = process.memoryUsage();
  return { rss, heapUsed, heapTotal, external, arrayBuffers };
}

/**
 * Memory after a full GC and `restMs` of idling: V8 and the allocator hand freed pages back to
 * the OS over the following seconds, so this is what the process settles at while holding the
 * same data. Undefined without `--expose-gc`.
 */
export async function memoryAtRest(restMs: number): Promise<ReturnType<typeof memoryAfterFullGc>> {
  if (memoryAfterFullGc() === undefined) return undefined;
  await new Promise((resolve) => setTimeout(resolve, restMs));
  const { rss, heapUsed, heapTotal, external, arrayBuffers } = process.memoryUsage();
  return { rss, heapUsed, heapTotal, external, arrayBuffers };
}
