/** How much a record buffer holds before its consumer should pause. */
export interface BufferLimits {
  readonly maxRecords: number;
  readonly maxBytes: number;
}

/**
 * The records a consumer fetched and the processor has not taken yet, in fetch order. kafkajs
 * pushes records in as it fetches them; triggers take them out. Full means the consumer should
 * pause fetching (back-pressure); it may resume once the buffer is down to half of both limits,
 * so it does not flap between pause and resume on every trigger.
 */
export class RecordBuffer<T extends { readonly size: number }> {
  readonly #limits: BufferLimits;
  #records: T[] = [];
  #bytes = 0;
  #waiters = new Set<() => void>();

  constructor(limits: BufferLimits) {
    this.#limits = limits;
  }

  get count(): number {
    return this.#records.length;
  }

  get bytes(): number {
    return this.#bytes;
  }

  /** At or over a limit: fetch no more. A fetched batch is always accepted, so it may overshoot. */
  get isFull(): boolean {
    return this.#records.length >= this.#limits.maxRecords || this.#bytes >= this.#limits.maxBytes;
  }

  /** Down to half of both limits: fetching may resume. */
  get hasRoom(): boolean {
    return (
      this.#records.length <= this.#limits.maxRecords / 2 &&
      this.#bytes <= this.#limits.maxBytes / 2
    );
  }

  /** Appends fetched records and wakes whoever waits for them. */
  push(records: readonly T[]): void {
    if (records.length === 0) return;
    for (const record of records) {
      this.#records.push(record);
      this.#bytes += record.size;
    }
    for (const wake of [...this.#waiters]) wake();
  }

  /** Removes and returns up to `max` of the oldest records. */
  take(max: number): T[] {
    const taken = this.#records.splice(0, Math.max(0, max));
    for (const record of taken) this.#bytes -= record.size;
    return taken;
  }

  /** Puts records taken earlier back in front, in their order (their session did not commit). */
  giveBack(records: readonly T[]): void {
    if (records.length === 0) return;
    this.#records.unshift(...records);
    for (const record of records) this.#bytes += record.size;
    for (const wake of [...this.#waiters]) wake();
  }

  /** Drops every record (the consumer will fetch them again from the committed offsets). */
  clear(): void {
    this.#records = [];
    this.#bytes = 0;
  }

  /** Resolves once records are available, at `until` (epoch ms), or when `signal` aborts. */
  waitForRecords(until: number, signal: AbortSignal): Promise<void> {
    if (this.#records.length > 0 || signal.aborted || Date.now() >= until) return Promise.resolve();
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        signal.removeEventListener('abort', done);
        this.#waiters.delete(done);
        resolve();
      };
      const timer = setTimeout(done, until - Date.now());
      signal.addEventListener('abort', done);
      this.#waiters.add(done);
    });
  }
}
