import { FRAME_HEADER_BYTES, sealFrame } from './record-framing.js';

/**
 * The binary record format shared by the WAL and provenance (format version 2; version 1 was
 * JSON). A payload is `[u8 version][header][strings][maps][body]`:
 *
 * - `version` tells it apart from a version 1 payload, which is JSON text starting with `[`;
 * - `header` is the format's own (varints before the string table, so filters can read it cheaply);
 * - `strings`: a count, then one varint per string (`byteLength << 1 | utf16`), then the bytes of
 *   every string back to back, UTF-8 (or UTF-16LE for a string with a lone surrogate, which UTF-8
 *   cannot carry and JSON could). A string is stored once per record, its repeats referring to
 *   it (the encoder finds most repeats, and stores the few it misses again);
 * - `maps` (attribute maps): a count, then per map its pair count and `key, value` string indices.
 *   An attribute map object given for consecutive fields (a flowfile's events) is stored once;
 * - `body`: the format's fields, strings and maps as indices.
 *
 * Integers are unsigned LEB128 varints (up to 2^53); formats write other numbers as float64.
 */
export interface RecordWriter {
  /** An unsigned byte. */
  u8(value: number): void;
  /** A non-negative safe integer as a varint. */
  uint(value: number): void;
  /** Any number, as a little-endian float64. */
  f64(value: number): void;
  /**
   * A string, as its index in the record's string table. `slot` (0-15) names the field: a field
   * that holds the same string as last time skips the table lookup.
   */
  str(value: string, slot?: number): void;
  /** An attribute map, as its index in the record's map table. */
  map(value: Readonly<Record<string, string>>): void;
}

/** True for a number {@link RecordWriter.uint} can write (-0 is not one: it is kept as a float). */
export function isUint(value: number): boolean {
  return Number.isSafeInteger(value) && (value > 0 || (value === 0 && 1 / value > 0));
}

/** Bound of the integers a format may write as differences ({@link zigzag}): 2^52. */
export const DELTA_BOUND = 2 ** 52;

/** True for an integer whose differences with others like it {@link zigzag} can write. */
export function isDeltaInt(value: number): boolean {
  return (
    Number.isInteger(value) && (value > 0 || (value === 0 && 1 / value > 0)) && value < DELTA_BOUND
  );
}

/** A signed integer (|n| < 2^52) as an unsigned one (< 2^53): 0, -1, 1, -2... become 0, 1, 2, 3... */
export function zigzag(value: number): number {
  return value >= 0 ? value * 2 : -value * 2 - 1;
}

/** The inverse of {@link zigzag}. */
export function unzigzag(value: number): number {
  return value % 2 === 0 ? value / 2 : -(value + 1) / 2;
}

/** Slots callers name fields with ({@link RecordWriter.str}). */
const FIELD_SLOTS = 16;
/** Map pairs whose key and value get slots (by position in the map). */
const MAP_SLOTS = 16;
const SLOTS = FIELD_SLOTS + 2 * MAP_SLOTS;
/** Entries of the encoder's string cache (a power of two). */
const CACHE_SIZE = 4096;

/** A growable byte buffer. */
class ByteSink {
  buffer: Buffer;
  position = 0;

  constructor(size: number) {
    this.buffer = Buffer.allocUnsafe(size);
  }

  ensure(bytes: number): void {
    if (this.position + bytes <= this.buffer.length) return;
    let size = this.buffer.length * 2;
    while (size < this.position + bytes) size *= 2;
    const grown = Buffer.allocUnsafe(size);
    this.buffer.copy(grown, 0, 0, this.position);
    this.buffer = grown;
  }

  u8(value: number): void {
    this.ensure(1);
    this.buffer[this.position++] = value;
  }

  uint(value: number): void {
    if (this.position + 10 > this.buffer.length) this.ensure(10);
    const buffer = this.buffer;
    let position = this.position;
    if (value >= 0x10000000) {
      // Above 28 bits (epoch millis, queue orders): the low 28 bits as four groups, then the rest,
      // which fits in 32 bits for any safe integer. Bit operations only work on 32 bits.
      const low = value % 0x10000000;
      buffer[position++] = (low & 0x7f) | 0x80;
      buffer[position++] = ((low >>> 7) & 0x7f) | 0x80;
      buffer[position++] = ((low >>> 14) & 0x7f) | 0x80;
      buffer[position++] = ((low >>> 21) & 0x7f) | 0x80;
      value = (value - low) / 0x10000000;
    }
    while (value >= 0x80) {
      buffer[position++] = (value & 0x7f) | 0x80;
      value >>>= 7;
    }
    buffer[position++] = value;
    this.position = position;
  }

  f64(value: number): void {
    this.ensure(8);
    this.buffer.writeDoubleLE(value, this.position);
    this.position += 8;
  }

  /** Writes the string's bytes (no length) and returns their count. */
  text(value: string, utf16: boolean): number {
    this.ensure(value.length * 3);
    const written = this.buffer.write(value, this.position, utf16 ? 'utf16le' : 'utf8');
    this.position += written;
    return written;
  }

  bytes(): Buffer {
    return this.buffer.subarray(0, this.position);
  }
}

interface WellFormed {
  isWellFormed(): boolean;
}

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** False for a string with a lone surrogate (String.prototype.isWellFormed, where available). */
const isWellFormed: (value: string) => boolean =
  typeof (String.prototype as Partial<WellFormed>).isWellFormed === 'function'
    ? (value) => (value as unknown as WellFormed).isWellFormed()
    : (value) => !LONE_SURROGATE.test(value);

/**
 * Builds one binary record. Reused from record to record (call {@link begin} first), so the
 * buffers and tables of a busy writer are allocated once.
 */
export class RecordEncoder implements RecordWriter {
  readonly #header = new ByteSink(64);
  readonly #lengths = new ByteSink(4096);
  readonly #blob = new ByteSink(64 * 1024);
  readonly #maps = new ByteSink(16 * 1024);
  readonly #body = new ByteSink(64 * 1024);
  readonly #stringCount = new ByteSink(16);
  readonly #mapCountBytes = new ByteSink(16);
  /**
   * A cache of strings already in the record's table, direct-mapped by a cheap hash (length and
   * three characters), entries valid for the record whose number is in `#cacheRecord`. A repeat
   * the cache missed is stored again: a little larger record, never a wrong one. A hash table
   * of every string would cost a lookup and, as it grows, allocations per string.
   */
  readonly #cacheStrings: (string | undefined)[] = new Array<string | undefined>(CACHE_SIZE);
  readonly #cacheIndexes: number[] = new Array<number>(CACHE_SIZE).fill(0);
  readonly #cacheRecord: number[] = new Array<number>(CACHE_SIZE).fill(0);
  #record = 0;
  /** The record's strings in table order, written to the blob at {@link frame}. */
  #strings: string[] = [];
  /**
   * The last string (and its index) seen in each slot: fields named by the caller (0-15), then
   * the keys and values of maps by position (16 on). Most fields repeat from one flowfile or
   * event to the next (component ids, attribute keys, claim files), and comparing with the last
   * string costs less than a hash lookup.
   */
  readonly #slotStrings: (string | undefined)[] = new Array<string | undefined>(SLOTS);
  readonly #slotIndexes: number[] = new Array<number>(SLOTS).fill(0);
  #recent: string | undefined;
  #recentIndex = 0;
  /** The last map and its index: consecutive events of one flowfile share their attributes. */
  #lastMap: object | undefined;
  #lastMapIndex = 0;
  #mapCount = 0;

  /** Starts a new record. */
  begin(): void {
    this.#header.position = 0;
    this.#lengths.position = 0;
    this.#blob.position = 0;
    this.#maps.position = 0;
    this.#body.position = 0;
    if (this.#record >= Number.MAX_SAFE_INTEGER) {
      this.#cacheRecord.fill(0);
      this.#record = 0;
    }
    this.#record++;
    this.#strings = [];
    this.#slotStrings.fill(undefined);
    this.#lastMap = undefined;
    this.#recent = undefined;
    this.#mapCount = 0;
  }

  /** The format's header fields, written before the tables (call any time before {@link frame}). */
  get header(): Pick<RecordWriter, 'u8' | 'uint' | 'f64'> {
    return this.#header;
  }

  u8(value: number): void {
    this.#body.u8(value);
  }

  uint(value: number): void {
    this.#body.uint(value);
  }

  f64(value: number): void {
    this.#body.f64(value);
  }

  str(value: string, slot?: number): void {
    this.#body.uint(slot === undefined ? this.#string(value) : this.#slotted(value, slot));
  }

  map(value: Readonly<Record<string, string>>): void {
    // Consecutive fields holding one map object (a flowfile's events) store it once; a map that
    // comes back later is stored again, which costs less than a lookup table of every map.
    if (value === this.#lastMap) {
      this.#body.uint(this.#lastMapIndex);
      return;
    }
    const index = this.#mapCount++;
    {
      const maps = this.#maps;
      // The pair count goes first; one byte is reserved for it (fewer than 128 pairs) and the
      // pairs are moved if it needs more. for...in: no entries array on the per-flowfile path.
      maps.ensure(1);
      const countAt = maps.position++;
      let pairs = 0;
      for (const key in value) {
        const entry = value[key];
        const text = typeof entry === 'string' ? entry : String(entry);
        if (pairs < MAP_SLOTS) {
          maps.uint(this.#slotted(key, FIELD_SLOTS + 2 * pairs));
          maps.uint(this.#slotted(text, FIELD_SLOTS + 2 * pairs + 1));
        } else {
          maps.uint(this.#string(key));
          maps.uint(this.#string(text));
        }
        pairs++;
      }
      if (pairs < 0x80) {
        maps.buffer[countAt] = pairs;
      } else {
        // Move the pairs right by the count's extra bytes, then write the count before them.
        const end = maps.position;
        let extra = 0;
        for (let rest = pairs >>> 7; rest > 0; rest >>>= 7) extra++;
        maps.ensure(extra);
        maps.buffer.copyWithin(countAt + 1 + extra, countAt + 1, end);
        maps.position = countAt;
        maps.uint(pairs);
        maps.position = end + extra;
      }
    }
    this.#lastMap = value;
    this.#lastMapIndex = index;
    this.#body.uint(index);
  }

  /** The record framed for a file (see record-framing.ts), with `version` as its first byte. */
  frame(version: number): Buffer {
    this.#writeStrings();
    this.#stringCount.position = 0;
    this.#stringCount.uint(this.#strings.length);
    this.#mapCountBytes.position = 0;
    this.#mapCountBytes.uint(this.#mapCount);
    const parts = [
      this.#header.bytes(),
      this.#stringCount.bytes(),
      this.#lengths.bytes(),
      this.#blob.bytes(),
      this.#mapCountBytes.bytes(),
      this.#maps.bytes(),
      this.#body.bytes(),
    ];
    let length = 1;
    for (const part of parts) length += part.length;
    const frame = Buffer.allocUnsafe(FRAME_HEADER_BYTES + length);
    let offset = FRAME_HEADER_BYTES;
    frame[offset++] = version;
    for (const part of parts) {
      frame.set(part, offset);
      offset += part.length;
    }
    return sealFrame(frame);
  }

  #slotted(value: string, slot: number): number {
    if (this.#slotStrings[slot] === value) return this.#slotIndexes[slot]!;
    const index = this.#string(value);
    this.#slotStrings[slot] = value;
    this.#slotIndexes[slot] = index;
    return index;
  }

  #string(value: string): number {
    // The string just looked up comes back often (a flowfile's id, then its uuid attribute).
    if (value === this.#recent) return this.#recentIndex;
    const length = value.length;
    const slot =
      length === 0
        ? 0
        : (length * 31 +
            value.charCodeAt(0) * 131 +
            value.charCodeAt(length >> 1) * 7 +
            value.charCodeAt(length - 1)) &
          (CACHE_SIZE - 1);
    let index: number;
    if (this.#cacheRecord[slot] === this.#record && this.#cacheStrings[slot] === value) {
      index = this.#cacheIndexes[slot]!;
    } else {
      index = this.#strings.length;
      this.#strings.push(value);
      this.#cacheStrings[slot] = value;
      this.#cacheIndexes[slot] = index;
      this.#cacheRecord[slot] = this.#record;
    }
    this.#recent = value;
    this.#recentIndex = index;
    return index;
  }

  /**
   * Fills the string lengths and blob. Usually every string is ASCII: then one write of all of
   * them joined does, and each string's byte length is its length. Otherwise each string is
   * written on its own (joined, a lone surrogate could pair up with its neighbour's).
   */
  #writeStrings(): void {
    const strings = this.#strings;
    const lengths = this.#lengths;
    const blob = this.#blob;
    const joined = strings.join('');
    if (blob.text(joined, false) === joined.length) {
      for (const value of strings) lengths.uint(value.length * 2);
      return;
    }
    blob.position = 0;
    for (const value of strings) {
      const utf16 = !isWellFormed(value);
      const bytes = blob.text(value, utf16);
      lengths.uint(bytes * 2 + (utf16 ? 1 : 0));
    }
  }
}
