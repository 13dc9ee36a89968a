import { describe, expect, it } from 'vitest';
import type { JsonValue } from '../json/json-value.js';
import { toColumnValue, type BinaryStringFormat, type Conversion } from './column-value.js';
import type { ColumnInfo } from './table-schema.js';

function column(dataType: string, udtName: string): ColumnInfo {
  return {
    name: 'c',
    dataType,
    udtName,
    nullable: true,
    hasDefault: false,
    identity: false,
    generated: false,
  };
}

const INT4 = column('integer', 'int4');
const INT2 = column('smallint', 'int2');
const INT8 = column('bigint', 'int8');
const NUMERIC = column('numeric', 'numeric');
const FLOAT8 = column('double precision', 'float8');
const BOOL = column('boolean', 'bool');
const TEXT = column('text', 'text');
const JSONB = column('jsonb', 'jsonb');
const UUID = column('uuid', 'uuid');
const BYTEA = column('bytea', 'bytea');
const TEXT_ARRAY = column('ARRAY', '_text');
const INT_ARRAY = column('ARRAY', '_int4');
const ENUM = column('USER-DEFINED', 'mood');

const convert = (value: JsonValue, to: ColumnInfo, format: BinaryStringFormat = 'UTF-8') =>
  toColumnValue(value, to, format);
const accepted = (value: unknown): Conversion => ({ ok: true, value }) as Conversion;

describe('toColumnValue', () => {
  it('writes JSON null and missing values as SQL NULL, whatever the type', () => {
    expect(convert(null, INT4)).toEqual(accepted(null));
    expect(toColumnValue(undefined, JSONB, 'UTF-8')).toEqual(accepted(null));
  });

  it('takes whole numbers, their text and bigints for integer columns, within range', () => {
    expect(convert(42, INT4)).toEqual(accepted('42'));
    expect(convert(' -7 ', INT4)).toEqual(accepted('-7'));
    expect(convert(1e21, INT8)).toEqual({
      ok: false,
      reason:
        '1000000000000000000000 is out of range (-9223372036854775808 to 9223372036854775807)',
    });
    expect(convert(9007199254740993n, INT8)).toEqual(accepted('9007199254740993'));
    expect(convert(40000, INT2)).toEqual({
      ok: false,
      reason: '40000 is out of range (-32768 to 32767)',
    });
  });

  it('refuses fractions, words, booleans and objects for integer columns, naming the value', () => {
    expect(convert(1.5, INT4)).toEqual({ ok: false, reason: '1.5 is not a whole number' });
    expect(convert('abc', INT4)).toEqual({ ok: false, reason: '"abc" is not a whole number' });
    expect(convert(true, INT4)).toEqual({ ok: false, reason: 'true is not a whole number' });
    expect(convert({ a: 1 }, INT4)).toEqual({ ok: false, reason: '{"a":1} is not a whole number' });
  });

  it('takes numbers and numeric text for numeric and floating columns', () => {
    expect(convert(2.5, NUMERIC)).toEqual(accepted('2.5'));
    expect(convert('12345678901234567890.123456789', NUMERIC)).toEqual(
      accepted('12345678901234567890.123456789'),
    );
    expect(convert('1e-3', FLOAT8)).toEqual(accepted('1e-3'));
    expect(convert('NaN', FLOAT8)).toEqual(accepted('NaN'));
    expect(convert('12,5', NUMERIC)).toEqual({ ok: false, reason: '"12,5" is not a number' });
  });

  it('takes booleans, their text and 1/0 for boolean columns', () => {
    expect(convert(true, BOOL)).toEqual(accepted('true'));
    expect(convert('FALSE', BOOL)).toEqual(accepted('false'));
    expect(convert(1, BOOL)).toEqual(accepted('true'));
    expect(convert('yes', BOOL)).toEqual({
      ok: false,
      reason: '"yes" is not a boolean (true or false)',
    });
  });

  it('writes any value as JSON for json and jsonb columns; a string stays a JSON string', () => {
    expect(convert({ a: [1, { b: null }], big: 12345678901234567890n }, JSONB)).toEqual(
      accepted('{"a":[1,{"b":null}],"big":12345678901234567890}'),
    );
    expect(convert('{"not":"parsed"}', JSONB)).toEqual(accepted('"{\\"not\\":\\"parsed\\"}"'));
    expect(convert(3, JSONB)).toEqual(accepted('3'));
  });

  it('writes text as it is, scalars as their text, and objects as JSON for text columns', () => {
    expect(convert('안녕 "quoted"', TEXT)).toEqual(accepted('안녕 "quoted"'));
    expect(convert(12.5, TEXT)).toEqual(accepted('12.5'));
    expect(convert(false, TEXT)).toEqual(accepted('false'));
    expect(convert({ k: 'v' }, TEXT)).toEqual(accepted('{"k":"v"}'));
  });

  it('checks UUIDs, and hands other types (enums) to PostgreSQL as text', () => {
    expect(convert('8F14E45F-CEEA-467F-A0E6-7A3D2C0B1A11', UUID)).toEqual(
      accepted('8F14E45F-CEEA-467F-A0E6-7A3D2C0B1A11'),
    );
    expect(convert('not-a-uuid', UUID)).toEqual({
      ok: false,
      reason: '"not-a-uuid" is not a UUID',
    });
    expect(convert('happy', ENUM)).toEqual(accepted('happy'));
  });

  it('decodes text for bytea columns by the Binary String Format, or takes an array of bytes', () => {
    expect(convert('hé', BYTEA)).toEqual(accepted(Buffer.from('hé')));
    expect(convert('\\xDEADbeef', BYTEA, 'Hexadecimal')).toEqual(
      accepted(Buffer.from('deadbeef', 'hex')),
    );
    expect(convert('3q2+7w==', BYTEA, 'Base64')).toEqual(accepted(Buffer.from('deadbeef', 'hex')));
    expect(convert([1, 2, 255], BYTEA)).toEqual(accepted(Buffer.from([1, 2, 255])));
    expect(convert('xyz', BYTEA, 'Hexadecimal')).toEqual({
      ok: false,
      reason: '"xyz" is not hexadecimal',
    });
    expect(convert([1, 256], BYTEA)).toEqual({
      ok: false,
      reason: '[1,256] is not an array of bytes (whole numbers 0 to 255)',
    });
  });

  it('converts each element of an array column, naming the element at fault', () => {
    expect(convert(['a', null, 3], TEXT_ARRAY)).toEqual(accepted(['a', null, '3']));
    expect(convert([1, '2'], INT_ARRAY)).toEqual(accepted(['1', '2']));
    expect(convert([1, 'x'], INT_ARRAY)).toEqual({
      ok: false,
      reason: 'element 1: "x" is not a whole number',
    });
    expect(convert('a', TEXT_ARRAY)).toEqual({ ok: false, reason: '"a" is not a JSON array' });
  });

  it('shortens a long value in the reason', () => {
    const reason = (convert('x'.repeat(200), INT4) as { reason: string }).reason;

    expect(reason).toBe(`"${'x'.repeat(56)}... is not a whole number`);
  });
});
