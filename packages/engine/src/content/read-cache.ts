import { open, type FileHandle } from 'node:fs/promises';
import { readFully } from '../repository/durable-files.js';

/** Contents at most this large are served from cached blocks; larger ones are read directly. */
const SMALL_CONTENT_BYTES = 64 * 1024;
const BLOCK_BYTES = 256 * 1024;
const SLAB_BYTES = 256 * 1024;

/**
 * Reads small contents of claim files through open handles and a cache of recently read blocks.
 * Many small contents sit back to back in one claim file, so reading one block serves the next
 * few hundred flowfiles instead of an open/read/close per flowfile. Claim files are append-only:
 * a cached block never goes stale, it can only be shorter than the file became, which is
 * detected and re-read.
 */
export class ContentReadCache {
  readonly #handles = new Map<string, Promise<FileHandle>>();
  readonly #blocks = new Map<string, Promise<Buffer>>();
  /** The block last read, kept resolved: consecutive small contents mostly share one. */
  #last: { readonly file: string; readonly start: number; readonly block: Buffer } | undefined;
  #closed = false;
  #slab: Buffer = Buffer.alloc(0);
  #slabUsed = 0;

  constructor(
    private readonly pathOf: (file: string) => string,
    private readonly maxHandles = 32,
    private readonly maxBlocks = 64,
  ) {}

  /** Reads `length` bytes at `offset` of claim file `file`; fails if the file is shorter. */
  async read(file: string, offset: number, length: number): Promise<Buffer> {
    if (length === 0) return Buffer.alloc(0);
    if (length > SMALL_CONTENT_BYTES) return readFully(await this.#handle(file), length, offset);
    const result = Buffer.allocUnsafe(length);
    let copied = 0;
    while (copied < length) {
      const position = offset + copied;
      const index = Math.floor(position / BLOCK_BYTES);
      const block = await this.#block(file, index, position + (length - copied));
      const from = position - index * BLOCK_BYTES;
      this.#last = { file, start: index * BLOCK_BYTES, block };
      copied += block.copy(result, copied, from, Math.min(block.length, from + length - copied));
    }
    return result;
  }

  /**
   * A copy of `length` bytes at `offset` of `file` if they lie in the block last read (and it
   * reaches that far); undefined otherwise, without any I/O.
   */
  readCached(file: string, offset: number, length: number): Buffer | undefined {
    const last = this.#last;
    if (last === undefined || last.file !== file || length === 0) return undefined;
    const from = offset - last.start;
    if (from < 0 || from + length > last.block.length || length > SMALL_CONTENT_BYTES) {
      return undefined;
    }
    const result = this.#carve(length);
    last.block.copy(result, 0, from, from + length);
    return result;
  }

  /**
   * A new buffer of `length` bytes cut from a larger one: copies for many small contents, one
   * allocation per 256 KiB instead of one per content (or per 8 KiB of Node's pool).
   */
  #carve(length: number): Buffer {
    if (this.#slabUsed + length > this.#slab.length) {
      this.#slab = Buffer.allocUnsafeSlow(Math.max(SLAB_BYTES, length));
      this.#slabUsed = 0;
    }
    const start = this.#slabUsed;
    this.#slabUsed += length;
    return this.#slab.subarray(start, start + length);
  }

  /** Drops what is cached for a file about to be deleted. */
  async forget(file: string): Promise<void> {
    if (this.#last?.file === file) this.#last = undefined;
    for (const key of [...this.#blocks.keys()])
      if (key.startsWith(`${file}#`)) this.#blocks.delete(key);
    const handle = this.#handles.get(file);
    this.#handles.delete(file);
    if (handle) await handle.then((h) => h.close()).catch(() => undefined);
  }

  async close(): Promise<void> {
    this.#closed = true;
    this.#last = undefined;
    this.#blocks.clear();
    const handles = [...this.#handles.values()];
    this.#handles.clear();
    await Promise.all(handles.map((h) => h.then((x) => x.close()).catch(() => undefined)));
  }

  /** Block `index` of `file`, long enough to reach `needEnd` (an absolute file offset). */
  async #block(file: string, index: number, needEnd: number): Promise<Buffer> {
    const key = `${file}#${index}`;
    const start = index * BLOCK_BYTES;
    const cached = this.#blocks.get(key);
    if (cached) {
      const block = await cached;
      if (start + block.length >= Math.min(needEnd, start + BLOCK_BYTES)) {
        this.#touch(this.#blocks, key, cached);
        return block;
      }
    }
    const loading = this.#load(file, start);
    this.#blocks.set(key, loading);
    loading.catch(() => this.#blocks.delete(key));
    this.#evict(this.#blocks, this.maxBlocks);
    const block = await loading;
    if (start + block.length < Math.min(needEnd, start + BLOCK_BYTES)) {
      throw new Error(
        `unexpected end of file: claim file ${file} ends at ${start + block.length}, before the content's end ${needEnd}`,
      );
    }
    return block;
  }

  async #load(file: string, start: number): Promise<Buffer> {
    const handle = await this.#handle(file);
    const buffer = Buffer.allocUnsafe(BLOCK_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, BLOCK_BYTES, start);
    return buffer.subarray(0, bytesRead);
  }

  #handle(file: string): Promise<FileHandle> {
    if (this.#closed) return Promise.reject(new Error('the content repository is closed'));
    const existing = this.#handles.get(file);
    if (existing) {
      this.#touch(this.#handles, file, existing);
      return existing;
    }
    const opening = open(this.pathOf(file), 'r');
    this.#handles.set(file, opening);
    opening.catch(() => this.#handles.delete(file));
    for (const [name, handle] of this.#handles) {
      if (this.#handles.size <= this.maxHandles) break;
      this.#handles.delete(name);
      void handle.then((h) => h.close()).catch(() => undefined);
    }
    return opening;
  }

  /** Map order is recency order: re-inserting marks an entry as just used. */
  #touch<V>(map: Map<string, V>, key: string, value: V): void {
    map.delete(key);
    map.set(key, value);
  }

  #evict<V>(map: Map<string, V>, max: number): void {
    for (const key of map.keys()) {
      if (map.size <= max) return;
      map.delete(key);
    }
  }
}
