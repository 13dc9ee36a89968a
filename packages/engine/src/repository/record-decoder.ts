import { setAttribute } from '../flowfile/attribute-map.js';

/**
 * Reads a binary record (format in binary-record.ts); every read checks the record's bounds, so
 * damage throws, never misreads.
 */
export class RecordDecoder {
  readonly #payload: Buffer;
  #position: number;
  #strings: string[] = [];
  #maps: Readonly<Record<string, string>>[] = [];

  /** Reads from just after the version byte; call {@link readTables} after the format's header. */
  constructor(payload: Buffer) {
    this.#payload = payload;
    this.#position = 1;
  }

  /** The version byte. */
  get version(): number {
    return this.#payload[0]!;
  }

  /** True once the whole payload is read. */
  get done(): boolean {
    return this.#position >= this.#payload.length;
  }

  /** Reads the string and map tables. */
  readTables(): void {
    const count = this.#count();
    const lengths = new Array<number>(count);
    for (let i = 0; i < count; i++) lengths[i] = this.uint();
    const strings = new Array<string>(count);
    const payload = this.#payload;
    let position = this.#position;
    for (let i = 0; i < count; i++) {
      const header = lengths[i]!;
      const bytes = Math.floor(header / 2);
      if (position + bytes > payload.length) throw new Error('a string runs past the record');
      strings[i] = payload.toString(
        header % 2 === 1 ? 'utf16le' : 'utf8',
        position,
        position + bytes,
      );
      position += bytes;
    }
    this.#position = position;
    this.#strings = strings;
    const mapCount = this.#count();
    const maps = new Array<Readonly<Record<string, string>>>(mapCount);
    for (let i = 0; i < mapCount; i++) {
      const pairs = this.#count();
      const map: Record<string, string> = {};
      for (let j = 0; j < pairs; j++) {
        const key = this.str();
        const value = this.str();
        setAttribute(map, key, value);
      }
      maps[i] = map;
    }
    this.#maps = maps;
  }

  u8(): number {
    if (this.#position >= this.#payload.length) throw new Error('the record ends early');
    return this.#payload[this.#position++]!;
  }

  uint(): number {
    const payload = this.#payload;
    let result = 0;
    let scale = 1;
    for (;;) {
      if (this.#position >= payload.length) throw new Error('the record ends early');
      const byte = payload[this.#position++]!;
      result += (byte & 0x7f) * scale;
      if (byte < 0x80) return result;
      scale *= 0x80;
      if (scale > 2 ** 56) throw new Error('a varint is too long');
    }
  }

  f64(): number {
    if (this.#position + 8 > this.#payload.length) throw new Error('the record ends early');
    const value = this.#payload.readDoubleLE(this.#position);
    this.#position += 8;
    return value;
  }

  str(): string {
    const index = this.uint();
    const value = this.#strings[index];
    if (value === undefined) throw new Error(`string ${index} is not in the record's table`);
    return value;
  }

  map(): Readonly<Record<string, string>> {
    const index = this.uint();
    const value = this.#maps[index];
    if (value === undefined) throw new Error(`map ${index} is not in the record's table`);
    return value;
  }

  /** A count, checked against the bytes left (each counted item takes at least one byte). */
  #count(): number {
    const count = this.uint();
    if (count > this.#payload.length - this.#position) {
      throw new Error(`a count of ${count} exceeds the record`);
    }
    return count;
  }
}
