import { writeJson, type JsonValue } from '../json/json-value.js';
import { typeName, type ColumnInfo } from './table-schema.js';
import { epochMillisText, isoTimestampText, type TimestampKind } from './timestamp-value.js';

/** A statement parameter as node-postgres sends it: text, bytes, an array of them, or NULL. */
export type ParameterValue = string | Buffer | null | readonly ParameterValue[];

/** A value converted for its column, or why it cannot be. */
export type Conversion =
  | { readonly ok: true; readonly value: ParameterValue }
  | { readonly ok: false; readonly reason: string };

/** How text for a bytea column is decoded (NiFi's Binary String Format). */
export type BinaryStringFormat = 'UTF-8' | 'Hexadecimal' | 'Base64';

/** The conversions Sluice knows, by PostgreSQL type name (udt_name). */
type ColumnKind =
  | 'int2'
  | 'int4'
  | 'int8'
  | 'decimal'
  | 'float'
  | 'bool'
  | 'text'
  | 'json'
  | TimestampKind
  | 'time'
  | 'uuid'
  | 'bytea'
  | 'other';

const KINDS: Readonly<Record<string, ColumnKind>> = {
  int2: 'int2',
  int4: 'int4',
  int8: 'int8',
  numeric: 'decimal',
  money: 'decimal',
  float4: 'float',
  float8: 'float',
  bool: 'bool',
  text: 'text',
  varchar: 'text',
  bpchar: 'text',
  name: 'text',
  citext: 'text',
  json: 'json',
  jsonb: 'json',
  timestamp: 'timestamp',
  timestamptz: 'timestamptz',
  date: 'date',
  time: 'time',
  timetz: 'time',
  uuid: 'uuid',
  bytea: 'bytea',
};

const INTEGER_RANGES: Readonly<Record<'int2' | 'int4' | 'int8', readonly [bigint, bigint]>> = {
  int2: [-(2n ** 15n), 2n ** 15n - 1n],
  int4: [-(2n ** 31n), 2n ** 31n - 1n],
  int8: [-(2n ** 63n), 2n ** 63n - 1n],
};

const INTEGER_TEXT = /^[+-]?\d+$/;
const DECIMAL_TEXT = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
const SPECIAL_FLOATS = new Set(['nan', 'infinity', '+infinity', '-infinity']);
const TIME_TEXT = /^\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:\s*(?:Z|[+-]\d{1,2}(?::?\d{2})?))?$/i;
const UUID_TEXT = /^\{?[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}\}?$/i;
const HEX_TEXT = /^(?:[0-9a-fA-F]{2})*$/;
const BASE64_TEXT = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/**
 * Converts a record's value to a parameter for its column, checking it fits the column's type
 * so that a wrong value is refused with a reason before anything is sent:
 * - integers take whole numbers (or their text) within the type's range;
 * - numeric, real and double take numbers or numeric text;
 * - boolean takes true/false (or their text, or 1/0);
 * - json and jsonb take any value, written as JSON (a string stays a JSON string: it is not
 *   parsed as JSON text);
 * - timestamps and dates take ISO 8601 text or epoch milliseconds (see timestamp-value.ts);
 * - text takes strings, and numbers or booleans as their text, objects and arrays as JSON;
 * - bytea takes text (decoded by the Binary String Format) or an array of bytes;
 * - arrays take JSON arrays, each element converted for the element type;
 * - any other type (enums, intervals, inet...) takes text, and PostgreSQL checks it.
 * JSON null (or a missing value) is SQL NULL.
 */
export function toColumnValue(
  value: JsonValue | undefined,
  column: ColumnInfo,
  binaryFormat: BinaryStringFormat,
): Conversion {
  if (value === null || value === undefined) return { ok: true, value: null };
  try {
    if (column.dataType === 'ARRAY') {
      return toArray(value, KINDS[column.udtName.replace(/^_/, '')] ?? 'other', binaryFormat);
    }
    return toScalar(value, KINDS[column.udtName] ?? kindOfDataType(column.dataType), binaryFormat);
  } catch (error) {
    if (error instanceof RangeError) {
      return {
        ok: false,
        reason: `the value is nested too deeply to be written (${typeName(column)})`,
      };
    }
    throw error;
  }
}

/** Domains report their base type in data_type, not always in udt_name. */
function kindOfDataType(dataType: string): ColumnKind {
  switch (dataType) {
    case 'smallint':
      return 'int2';
    case 'integer':
      return 'int4';
    case 'bigint':
      return 'int8';
    case 'numeric':
      return 'decimal';
    case 'real':
    case 'double precision':
      return 'float';
    case 'boolean':
      return 'bool';
    case 'text':
    case 'character varying':
    case 'character':
      return 'text';
    case 'json':
    case 'jsonb':
      return 'json';
    case 'timestamp without time zone':
      return 'timestamp';
    case 'timestamp with time zone':
      return 'timestamptz';
    case 'date':
      return 'date';
    case 'uuid':
      return 'uuid';
    case 'bytea':
      return 'bytea';
    default:
      return 'other';
  }
}

function toArray(
  value: JsonValue,
  element: ColumnKind,
  binaryFormat: BinaryStringFormat,
): Conversion {
  if (!Array.isArray(value)) return refuse(value, 'is not a JSON array');
  const items: ParameterValue[] = [];
  for (const [index, item] of value.entries()) {
    if (item === null) {
      items.push(null);
      continue;
    }
    const converted = toScalar(item, element, binaryFormat);
    if (!converted.ok) return { ok: false, reason: `element ${index}: ${converted.reason}` };
    items.push(converted.value);
  }
  return { ok: true, value: items };
}

function toScalar(
  value: JsonValue,
  kind: ColumnKind,
  binaryFormat: BinaryStringFormat,
): Conversion {
  switch (kind) {
    case 'int2':
    case 'int4':
    case 'int8':
      return toInteger(value, kind);
    case 'decimal':
      return toDecimal(value, false);
    case 'float':
      return toDecimal(value, true);
    case 'bool':
      return toBoolean(value);
    case 'text':
    case 'other':
      return {
        ok: true,
        value:
          typeof value === 'string' ? value : isScalar(value) ? String(value) : writeJson(value),
      };
    case 'json':
      return { ok: true, value: writeJson(value) };
    case 'timestamp':
    case 'timestamptz':
    case 'date':
      return toTimestamp(value, kind);
    case 'time':
      return typeof value === 'string' && TIME_TEXT.test(value.trim())
        ? { ok: true, value: value.trim() }
        : refuse(value, 'is not a time of day (HH:MM[:SS[.ffffff]])');
    case 'uuid':
      return typeof value === 'string' && UUID_TEXT.test(value.trim())
        ? { ok: true, value: value.trim() }
        : refuse(value, 'is not a UUID');
    case 'bytea':
      return toBytes(value, binaryFormat);
    default: {
      const exhaustive: never = kind;
      throw new Error(`Unknown column kind ${String(exhaustive)}`);
    }
  }
}

function toInteger(value: JsonValue, kind: 'int2' | 'int4' | 'int8'): Conversion {
  let whole: bigint;
  if (typeof value === 'bigint') whole = value;
  else if (typeof value === 'number' && Number.isInteger(value)) whole = BigInt(value);
  else if (typeof value === 'string' && INTEGER_TEXT.test(value.trim()))
    whole = BigInt(value.trim());
  else return refuse(value, 'is not a whole number');
  const [min, max] = INTEGER_RANGES[kind];
  if (whole < min || whole > max) {
    return { ok: false, reason: `${whole} is out of range (${min} to ${max})` };
  }
  return { ok: true, value: whole.toString() };
}

function toDecimal(value: JsonValue, float: boolean): Conversion {
  if (typeof value === 'bigint') return { ok: true, value: value.toString() };
  if (typeof value === 'number') {
    return Number.isFinite(value)
      ? { ok: true, value: String(value) }
      : refuse(value, 'is not a finite number');
  }
  if (typeof value === 'string') {
    const text = value.trim();
    if (DECIMAL_TEXT.test(text) || (float && SPECIAL_FLOATS.has(text.toLowerCase()))) {
      return { ok: true, value: text };
    }
  }
  return refuse(value, 'is not a number');
}

function toBoolean(value: JsonValue): Conversion {
  if (typeof value === 'boolean') return { ok: true, value: String(value) };
  if (typeof value === 'number' && (value === 0 || value === 1)) {
    return { ok: true, value: String(value === 1) };
  }
  if (typeof value === 'string' && /^(true|false)$/i.test(value.trim())) {
    return { ok: true, value: value.trim().toLowerCase() };
  }
  return refuse(value, 'is not a boolean (true or false)');
}

function toTimestamp(value: JsonValue, kind: TimestampKind): Conversion {
  if (typeof value === 'number' || typeof value === 'bigint') {
    const text = epochMillisText(value, kind);
    return text === undefined
      ? refuse(value, 'is not whole epoch milliseconds between the years 1 and 9999')
      : { ok: true, value: text };
  }
  if (typeof value === 'string') {
    const text = value.trim();
    if (INTEGER_TEXT.test(text)) {
      const millis = epochMillisText(BigInt(text), kind);
      if (millis !== undefined) return { ok: true, value: millis };
    }
    const iso = isoTimestampText(text, kind);
    if (iso !== undefined) return { ok: true, value: iso };
  }
  const what = kind === 'date' ? 'a date' : 'a timestamp';
  return refuse(
    value,
    `is not ${what}: expected ISO 8601 text (e.g. 2024-05-01T12:30:00Z) or epoch milliseconds`,
  );
}

function toBytes(value: JsonValue, format: BinaryStringFormat): Conversion {
  if (Array.isArray(value)) {
    if (value.every((b) => typeof b === 'number' && Number.isInteger(b) && b >= 0 && b <= 255)) {
      return { ok: true, value: Buffer.from(value as number[]) };
    }
    return refuse(value, 'is not an array of bytes (whole numbers 0 to 255)');
  }
  if (typeof value !== 'string') return refuse(value, 'is neither text nor an array of bytes');
  switch (format) {
    case 'UTF-8':
      return { ok: true, value: Buffer.from(value, 'utf8') };
    case 'Hexadecimal': {
      const hex = value.trim().replace(/^\\x/i, '');
      return HEX_TEXT.test(hex)
        ? { ok: true, value: Buffer.from(hex, 'hex') }
        : refuse(value, 'is not hexadecimal');
    }
    case 'Base64': {
      const base64 = value.trim();
      return BASE64_TEXT.test(base64)
        ? { ok: true, value: Buffer.from(base64, 'base64') }
        : refuse(value, 'is not Base64');
    }
    default: {
      const exhaustive: never = format;
      throw new Error(`Unknown Binary String Format ${String(exhaustive)}`);
    }
  }
}

function isScalar(value: JsonValue): value is string | number | bigint | boolean {
  return typeof value !== 'object' || value === null;
}

/** A refusal naming the value (shortened) and what it is not. */
function refuse(value: JsonValue, problem: string): Conversion {
  return { ok: false, reason: `${shownValue(value)} ${problem}` };
}

/** A value as a message shows it: JSON, cut at 60 characters. */
export function shownValue(value: JsonValue): string {
  let text: string;
  try {
    text = writeJson(value);
  } catch {
    text = Array.isArray(value) ? '[...]' : '{...}';
  }
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
