import { defineControllerService, serviceApi } from '@sluice/engine';
import { JsonRecordReader } from '../json/json-records.js';
import type { JsonObject } from '../json/json-value.js';

export { MalformedRecordError } from '../json/json-records.js';
export type { JsonObject, JsonValue } from '../json/json-value.js';

/**
 * Records read from one flowfile's content, one at a time (NiFi's RecordReader). A record is a
 * plain object whose nested objects and arrays stay nested.
 */
export interface RecordReader extends Iterable<JsonObject> {
  /**
   * The next record, or undefined after the last.
   * @throws MalformedRecordError naming the record and where in the content it went wrong.
   */
  nextRecord(): JsonObject | undefined;
  /** How many records were read so far. */
  readonly count: number;
}

/**
 * What record-oriented processors get from a record reader service (NiFi's RecordReaderFactory):
 * a reader of a flowfile's content.
 */
export interface RecordReaderFactory {
  /**
   * A reader of `content`; `attributes` are the flowfile's (NiFi's readers may take their
   * schema from them; the JSON reader does not need them).
   * @throws MalformedRecordError when the content cannot be read at all (not UTF-8 text).
   */
  createRecordReader(
    content: Uint8Array,
    attributes?: Readonly<Record<string, string>>,
  ): RecordReader;
}

/** The service API record processors refer to (NiFi's `RecordReaderFactory` interface). */
export const RecordReaderFactoryApi = serviceApi<RecordReaderFactory>('RecordReaderFactory');

/**
 * JsonTreeReader: reads JSON content as records. Without schemas in Sluice, the record is the
 * JSON object itself, so NiFi's schema properties (Schema Access Strategy, Schema Text...),
 * Starting Field Strategy, date/time formats and Max String Length are not offered: field types
 * are the JSON types, and a processor that needs a timestamp converts the string or number it
 * finds (PutDatabaseRecord does, by the column's type).
 */
export const JsonTreeReader = defineControllerService({
  type: 'JsonTreeReader',
  description:
    'Parses JSON into individual Record objects: the content may be a JSON array of objects (one record each), a single JSON object, or JSON objects one after another (one per line, or concatenated). Nested objects and arrays stay nested inside the record. Integers beyond 2^53 keep all their digits. Sluice has no record schemas: the schema properties of NiFi (Schema Access Strategy, Schema Text, Date/Time/Timestamp Format, Starting Field Strategy, Max String Length) are not offered. Errors name the record and its line and column.',
  tags: ['json', 'tree', 'record', 'reader', 'parser'],
  properties: {},
  provides: RecordReaderFactoryApi,
  enable(): RecordReaderFactory {
    return { createRecordReader: (content) => new JsonRecordReader(content) };
  },
});
