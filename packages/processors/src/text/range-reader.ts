/**
 * Reads byte ranges of one stream in a single pass: each range starts at or after the end of the
 * previous one, so a content is read once however many ranges are taken from it (SplitText copies
 * each split after the header this way).
 */
export class SequentialRangeReader {
  readonly #iterator: AsyncIterator<Buffer>;
  #chunk: Buffer = Buffer.alloc(0);
  /** Offset in the stream of the current chunk's first byte. */
  #chunkStart = 0;
  #position = 0;

  constructor(source: AsyncIterable<Buffer>) {
    this.#iterator = source[Symbol.asyncIterator]();
  }

  /** Yields bytes `start` to `start + length` (views of the stream's chunks, not copies). */
  async *range(start: number, length: number): AsyncGenerator<Buffer> {
    if (start < this.#position) {
      throw new RangeError(
        `Range at ${start} starts before the end of the last one (${this.#position})`,
      );
    }
    const end = start + length;
    let position = start;
    while (position < end) {
      const chunkEnd = this.#chunkStart + this.#chunk.length;
      if (chunkEnd <= position) {
        const next = await this.#iterator.next();
        if (next.done === true) {
          throw new RangeError(`The content ended at byte ${chunkEnd}, before byte ${end}`);
        }
        this.#chunkStart = chunkEnd;
        this.#chunk = next.value;
        continue;
      }
      const to = Math.min(this.#chunk.length, end - this.#chunkStart);
      const part = this.#chunk.subarray(position - this.#chunkStart, to);
      position = this.#chunkStart + to;
      this.#position = position;
      yield part;
    }
    this.#position = end;
  }

  /**
   * Bytes `start` to `start + length` in one new buffer (a copy: a view would keep the whole
   * chunk it is part of alive for as long as the bytes are held); for small ranges.
   */
  async read(start: number, length: number, prefix?: Uint8Array): Promise<Buffer> {
    const parts: Uint8Array[] = prefix === undefined ? [] : [prefix];
    for await (const part of this.range(start, length)) parts.push(part);
    return Buffer.concat(parts, length + (prefix?.length ?? 0));
  }

  /** Stops reading the stream (releases its file handle) before its end. */
  async close(): Promise<void> {
    await this.#iterator.return?.();
  }
}
