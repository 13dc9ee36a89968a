/**
 * One holder at a time per key, any number across keys: the concurrent tasks of one processor
 * take it so that two of them never work on the same external object (an HDFS path) at once.
 * Holders of a key are served in the order they asked.
 */
export class KeyedLock {
  /** Per key, the promise the next holder waits for; removed when its last holder releases. */
  readonly #tails = new Map<string, Promise<void>>();

  /** Resolves once `key` is held, with the function that releases it (call it exactly once). */
  async acquire(key: string): Promise<() => void> {
    const previous = this.#tails.get(key) ?? Promise.resolve();
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const tail = previous.then(() => released);
    this.#tails.set(key, tail);
    await previous;
    return () => {
      release();
      if (this.#tails.get(key) === tail) this.#tails.delete(key);
    };
  }

  /** Keys held or waited for now. */
  get size(): number {
    return this.#tails.size;
  }
}
