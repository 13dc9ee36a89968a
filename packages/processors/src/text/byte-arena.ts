/**
 * Carves many small outputs out of a few large buffers, for a processor that writes a new small
 * content per flowfile: one allocation per slab instead of one per output. Each output is a view
 * of its slab; the session appends them all in one write at commit. One arena per trigger: the
 * views must stay as written until the session has committed.
 */
export class ByteArena {
  readonly #slabBytes: number;
  #slab: Buffer = Buffer.alloc(0);
  #used = 0;
  #start = 0;

  constructor(slabBytes = 256 * 1024) {
    this.#slabBytes = slabBytes;
  }

  /** Room for an output of at most `maxBytes`: the buffer to write into and where to start. */
  reserve(maxBytes: number): Buffer {
    if (this.#used + maxBytes > this.#slab.length) {
      // A new slab (the rest of the old one is left unused); a large output gets one its size.
      this.#slab = Buffer.allocUnsafeSlow(Math.max(this.#slabBytes, maxBytes));
      this.#used = 0;
    }
    this.#start = this.#used;
    return this.#slab;
  }

  /** Where the reserved output starts in the buffer {@link reserve} returned. */
  get start(): number {
    return this.#start;
  }

  /** Ends the reserved output at `end` and returns it. */
  take(end: number): Buffer {
    const output = this.#slab.subarray(this.#start, end);
    this.#used = end;
    return output;
  }
}
