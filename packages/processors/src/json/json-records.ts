import { describeLocation } from '@sluice/expression-language';
import { decodeUtf8 } from './json-content.js';
import { findJsonSyntaxError } from './json-syntax-error.js';
import { readJsonValue, skipWhitespace, type JsonObject, type JsonValue } from './json-value.js';

/** Content that cannot be read as records: what is wrong, which record, and where. */
export class MalformedRecordError extends Error {
  override readonly name = 'MalformedRecordError';

  constructor(
    message: string,
    /** 1-based number of the record at fault; undefined when the content as a whole is. */
    readonly recordNumber: number | undefined,
  ) {
    super(message);
  }
}

/**
 * Reads JSON content as records, one at a time, as NiFi's JsonTreeReader does: a top-level
 * array of objects (each one a record), a single object, or several objects one after another
 * (one per line, or just concatenated). Empty content has no records.
 *
 * Each record is read when asked for, so a syntax error in record 500 surfaces after the first
 * 499 were handed out; callers that need all-or-nothing collect or roll back themselves.
 */
export class JsonRecordReader implements Iterable<JsonObject> {
  readonly #text: string;
  #position: number;
  #count = 0;
  #mode: 'start' | 'array' | 'objects' | 'done' = 'start';

  /** @throws MalformedRecordError when the content is not UTF-8 text. */
  constructor(content: Uint8Array) {
    const decoded = decodeUtf8(content);
    if (!decoded.ok) throw new MalformedRecordError(decoded.reason, undefined);
    this.#text = decoded.value;
    this.#position = skipWhitespace(this.#text, 0);
  }

  /** How many records were handed out so far. */
  get count(): number {
    return this.#count;
  }

  /**
   * The next record, or undefined after the last one.
   * @throws MalformedRecordError naming the record and the line and column at fault.
   */
  nextRecord(): JsonObject | undefined {
    const text = this.#text;
    switch (this.#mode) {
      case 'done':
        return undefined;
      case 'start':
        if (this.#position >= text.length) return this.#finish();
        if (text[this.#position] === '[') {
          this.#mode = 'array';
          this.#position = skipWhitespace(text, this.#position + 1);
          if (text[this.#position] === ']') return this.#afterArray(this.#position + 1);
        } else {
          this.#mode = 'objects';
        }
        return this.#readRecord();
      case 'objects':
        if (this.#position >= text.length) return this.#finish();
        return this.#readRecord();
      case 'array': {
        const char = text[this.#position];
        if (char === ']') return this.#afterArray(this.#position + 1);
        if (char !== ',') {
          throw this.#error(
            `expected ',' or ']' after record ${this.#count}, found ${shown(text, this.#position)}`,
            this.#position,
            undefined,
          );
        }
        this.#position = skipWhitespace(text, this.#position + 1);
        return this.#readRecord();
      }
      default: {
        const exhaustive: never = this.#mode;
        throw new Error(`Unknown reader state ${String(exhaustive)}`);
      }
    }
  }

  *[Symbol.iterator](): Iterator<JsonObject> {
    for (let record = this.nextRecord(); record; record = this.nextRecord()) yield record;
  }

  #readRecord(): JsonObject {
    const text = this.#text;
    const start = this.#position;
    const number = this.#count + 1;
    const read = readJsonValue(text, start);
    if (!read) {
      const found = findJsonSyntaxError(text.slice(start));
      const at = found ? start + found.position : start;
      const what = found ? `: ${found.message}` : '';
      throw this.#error(`record ${number} is not valid JSON${what}`, at, number);
    }
    if (!isObject(read.value)) {
      throw this.#error(
        `record ${number} is ${describeValue(read.value)}, not an object: each record is a JSON object`,
        start,
        number,
      );
    }
    this.#count = number;
    this.#position = skipWhitespace(text, read.end);
    return read.value;
  }

  #afterArray(end: number): undefined {
    const next = skipWhitespace(this.#text, end);
    if (next < this.#text.length) {
      throw this.#error(
        `there is more after the array of records: ${shown(this.#text, next)}`,
        next,
        undefined,
      );
    }
    return this.#finish();
  }

  #finish(): undefined {
    this.#mode = 'done';
    return undefined;
  }

  #error(message: string, position: number, record: number | undefined): MalformedRecordError {
    this.#mode = 'done';
    return new MalformedRecordError(
      `${message} (at ${describeLocation(this.#text, position)})`,
      record,
    );
  }
}

function isObject(value: JsonValue): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describeValue(value: JsonValue): string {
  if (value === null) return 'JSON null';
  if (Array.isArray(value)) return 'a JSON array';
  if (typeof value === 'bigint') return 'a JSON number';
  return `a JSON ${typeof value}`;
}

function shown(text: string, position: number): string {
  if (position >= text.length) return 'the end of the content';
  return `'${String.fromCodePoint(text.codePointAt(position)!)}'`;
}
