/**
 * An ordered queue kept as a sorted array with a moving head: the FIFO fast path of a connection.
 * Under FIFO order almost every item arrives after the last one, so a push is an append and a
 * pop is a read at the head, with none of a heap's comparisons. An item that sorts earlier (a
 * released penalty, records swapped back in) is placed by binary search, so the order is the
 * comparator's for any sequence of pushes, exactly as the binary heap's.
 */
export class SortedDeque<T> {
  #items: T[] = [];
  #head = 0;

  constructor(private readonly compare: (a: T, b: T) => number) {}

  get size(): number {
    return this.#items.length - this.#head;
  }

  peek(): T | undefined {
    return this.#head < this.#items.length ? this.#items[this.#head] : undefined;
  }

  push(item: T): void {
    const items = this.#items;
    if (items.length === this.#head || this.compare(item, items[items.length - 1]!) >= 0) {
      items.push(item);
      return;
    }
    // After every item that does not sort later, as an append would be.
    let low = this.#head;
    let high = items.length - 1;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (this.compare(item, items[mid]!) < 0) high = mid;
      else low = mid + 1;
    }
    items.splice(low, 0, item);
  }

  pop(): T | undefined {
    const items = this.#items;
    if (this.#head === items.length) return undefined;
    const top = items[this.#head];
    // Drop the reference so a popped flowfile can be collected before compaction.
    items[this.#head++] = undefined as T;
    if (this.#head === items.length) {
      this.#items = [];
      this.#head = 0;
    } else if (this.#head >= 1024 && this.#head * 2 >= items.length) {
      this.#items = items.slice(this.#head);
      this.#head = 0;
    }
    return top;
  }

  /** Items in order; for listings and snapshots. */
  values(): readonly T[] {
    return this.#items.slice(this.#head);
  }

  /** Removes every item and returns them in order. */
  clear(): T[] {
    const rest = this.#items.slice(this.#head);
    this.#items = [];
    this.#head = 0;
    return rest;
  }
}
