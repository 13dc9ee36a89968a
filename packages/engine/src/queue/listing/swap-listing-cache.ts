import type { FlowFile } from '../../flowfile/flowfile.js';
import type { SwapFileSummary } from '../../repository/wal-operation.js';
import { attributeText, searchable, searchText, type AttributeText } from './attribute-text.js';
import type { FlowFileMatcher } from './listing-filter.js';
import { indexSwapFile, type SwapFileIndex } from './swap-index.js';

/** What the cache needs of the flowfile repository: read-only access to swap files. */
export interface SwapFileReader {
  readSwapFile(summary: SwapFileSummary): Promise<FlowFile[]>;
}

/** Bounds of {@link SwapListingCache}. */
export interface SwapListingCacheOptions {
  /** Records whose index is kept, over all swap files (default 2,000,000). */
  readonly maxIndexedRecords?: number;
  /** Swap files kept decoded whole, for details and filters (default 2). */
  readonly maxDecodedFiles?: number;
  /** Filters whose matches are kept per swap file (default 4). */
  readonly maxFiltersPerFile?: number;
  /**
   * Characters of attribute text kept for filtering, over all swap files and attributes (default
   * 200,000,000: about 200 MB, the values of some two million flowfiles).
   */
  readonly maxTextChars?: number;
  /** Entries unused this long are dropped, so an inspector closed leaves no memory behind (default 2 min). */
  readonly idleMs?: number;
}

interface Entry {
  index?: SwapFileIndex;
  records?: readonly FlowFile[];
  /** Local indices of the records matching each filter, by filter key, oldest first. */
  readonly matches: Map<string, Uint32Array>;
  /** Attribute text by attribute name ('' for every attribute). */
  readonly texts: Map<string, AttributeText>;
  lastUsed: number;
}

/**
 * What the queue inspector keeps of swap files between listings. A swap file never changes once
 * written (its name is random and it is deleted when swapped in), so whatever is derived from it
 * (its index, the matches of a filter) stays true for as long as the file is in a queue. Reads are
 * read-only and never touch the queue, so listing cannot disturb its order or its durability.
 * Everything here is a cache: bounded, dropped when idle, rebuilt from disk when needed.
 */
export class SwapListingCache {
  readonly #entries = new Map<string, Entry>();
  readonly #reads = new Map<string, Promise<readonly FlowFile[]>>();
  readonly #maxIndexed: number;
  readonly #maxDecoded: number;
  readonly #maxFilters: number;
  readonly #maxTextChars: number;
  readonly #idleMs: number;
  #sweeper: NodeJS.Timeout | undefined;

  constructor(
    private readonly reader: SwapFileReader,
    options: SwapListingCacheOptions = {},
  ) {
    this.#maxIndexed = options.maxIndexedRecords ?? 2_000_000;
    this.#maxDecoded = options.maxDecodedFiles ?? 2;
    this.#maxFilters = options.maxFiltersPerFile ?? 4;
    this.#maxTextChars = options.maxTextChars ?? 200_000_000;
    this.#idleMs = options.idleMs ?? 120_000;
  }

  /** The index of a swap file, reading it when it is not cached. */
  async index(swap: SwapFileSummary): Promise<SwapFileIndex> {
    const cached = this.#touch(swap.file).index;
    if (cached) return cached;
    const records = await this.records(swap);
    return this.#indexOf(swap.file, records);
  }

  /** The records of a swap file, in file order. */
  async records(swap: SwapFileSummary): Promise<readonly FlowFile[]> {
    const entry = this.#touch(swap.file);
    if (entry.records) return entry.records;
    let read = this.#reads.get(swap.file);
    if (!read) {
      read = this.reader.readSwapFile(swap);
      this.#reads.set(swap.file, read);
      void read.then(
        () => this.#reads.delete(swap.file),
        () => this.#reads.delete(swap.file),
      );
    }
    const records = await read;
    const current = this.#touch(swap.file);
    current.records = records;
    this.#indexOf(swap.file, records);
    this.#evictDecoded(swap.file);
    return records;
  }

  /**
   * Local indices of the records of a swap file that match a filter: `needle` (lower-cased) in
   * the values of `attribute`, or of any attribute when it is undefined. Searched in the file's
   * attribute text, kept for the next filter; `matcher` decides when the needle cannot be
   * searched there.
   */
  async matches(
    swap: SwapFileSummary,
    key: string,
    filter: { readonly needle: string; readonly attribute: string | undefined },
    matcher: FlowFileMatcher,
  ): Promise<Uint32Array> {
    const cached = this.#touch(swap.file).matches.get(key);
    if (cached) return cached;
    let matches: Uint32Array;
    if (searchable(filter.needle)) {
      matches = searchText(await this.#text(swap, filter.attribute), filter.needle);
    } else {
      const records = await this.records(swap);
      const found: number[] = [];
      for (let i = 0; i < records.length; i++) if (matcher(records[i]!.attributes)) found.push(i);
      matches = Uint32Array.from(found);
    }
    const entry = this.#touch(swap.file);
    entry.matches.set(key, matches);
    if (entry.matches.size > this.#maxFilters) {
      entry.matches.delete(entry.matches.keys().next().value!);
    }
    return matches;
  }

  async #text(swap: SwapFileSummary, attribute: string | undefined): Promise<AttributeText> {
    const name = attribute ?? '';
    const cached = this.#touch(swap.file).texts.get(name);
    if (cached) return cached;
    const text = attributeText(await this.records(swap), attribute);
    this.#touch(swap.file).texts.set(name, text);
    this.#evictTexts(swap.file, name);
    return text;
  }

  /** Characters of attribute text kept in all (for tests and memory figures). */
  textChars(): number {
    let n = 0;
    for (const entry of this.#entries.values())
      for (const t of entry.texts.values()) n += t.text.length;
    return n;
  }

  #evictTexts(keepFile: string, keepName: string): void {
    let total = this.textChars();
    for (const [file, entry] of this.#entries) {
      for (const [name, text] of entry.texts) {
        if (total <= this.#maxTextChars) return;
        if (file === keepFile && name === keepName) continue;
        total -= text.text.length;
        entry.texts.delete(name);
      }
    }
  }

  /** Drops what is cached of files the queue does not hold any more (swapped in since). */
  retain(files: ReadonlySet<string>): void {
    for (const file of this.#entries.keys()) if (!files.has(file)) this.#entries.delete(file);
  }

  /** Records indexed in all (for tests and memory figures). */
  indexedRecords(): number {
    let n = 0;
    for (const entry of this.#entries.values()) n += entry.index?.count ?? 0;
    return n;
  }

  /** Drops everything. */
  clear(): void {
    this.#entries.clear();
    clearInterval(this.#sweeper);
    this.#sweeper = undefined;
  }

  #touch(file: string): Entry {
    const now = Date.now();
    let entry = this.#entries.get(file);
    if (entry) {
      // Map order is the LRU order: re-insert to make it the most recent.
      this.#entries.delete(file);
    } else {
      entry = { matches: new Map(), texts: new Map(), lastUsed: now };
    }
    entry.lastUsed = now;
    this.#entries.set(file, entry);
    this.#startSweeper();
    return entry;
  }

  #indexOf(file: string, records: readonly FlowFile[]): SwapFileIndex {
    const entry = this.#touch(file);
    entry.index ??= indexSwapFile(records);
    this.#evictIndexed(file);
    return entry.index;
  }

  #evictIndexed(keep: string): void {
    let total = this.indexedRecords();
    for (const [file, entry] of this.#entries) {
      if (total <= this.#maxIndexed) break;
      if (file === keep || !entry.index) continue;
      total -= entry.index.count;
      this.#entries.delete(file);
    }
  }

  #evictDecoded(keep: string): void {
    let decoded = 0;
    for (const entry of this.#entries.values()) if (entry.records) decoded++;
    for (const [file, entry] of this.#entries) {
      if (decoded <= this.#maxDecoded) break;
      if (file === keep || !entry.records) continue;
      entry.records = undefined;
      decoded--;
    }
  }

  #startSweeper(): void {
    if (this.#sweeper) return;
    this.#sweeper = setInterval(() => this.sweep(Date.now()), Math.max(1000, this.#idleMs / 2));
    this.#sweeper.unref();
  }

  /** Drops entries unused for the idle time; stops sweeping once nothing is left. */
  sweep(now: number): void {
    for (const [file, entry] of this.#entries) {
      if (now - entry.lastUsed >= this.#idleMs) this.#entries.delete(file);
    }
    if (this.#entries.size === 0) this.clear();
  }
}
