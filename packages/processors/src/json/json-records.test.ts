import { describe, expect, it } from 'vitest';
import { JsonRecordReader, MalformedRecordError } from './json-records.js';

const records = (text: string) => [...new JsonRecordReader(Buffer.from(text))];

function failure(text: string): MalformedRecordError {
  try {
    records(text);
  } catch (error) {
    if (error instanceof MalformedRecordError) return error;
    throw error;
  }
  throw new Error('the content was read');
}

describe('JsonRecordReader', () => {
  it('reads a JSON array of objects as one record each, nested values kept nested', () => {
    expect(records('[{"id":1,"tags":["a","b"],"meta":{"k":"v"}}, {"id":2}]')).toEqual([
      { id: 1, tags: ['a', 'b'], meta: { k: 'v' } },
      { id: 2 },
    ]);
  });

  it('reads a single object as one record', () => {
    expect(records('\uFEFF  {"name":"하나"}\n')).toEqual([{ name: '하나' }]);
  });

  it('reads objects one per line, and concatenated objects', () => {
    expect(records('{"a":1}\n{"a":2}\r\n\n{"a":3}')).toEqual([{ a: 1 }, { a: 2 }, { a: 3 }]);
    expect(records('{"a":1}{"a":2}')).toEqual([{ a: 1 }, { a: 2 }]);
  });

  it('has no records in empty content or an empty array', () => {
    expect(records('')).toEqual([]);
    expect(records(' \n ')).toEqual([]);
    expect(records('[ ]')).toEqual([]);
  });

  it('hands records out one at a time and counts them', () => {
    const reader = new JsonRecordReader(Buffer.from('{"a":1}\n{"a":2}\n{oops}'));

    expect(reader.nextRecord()).toEqual({ a: 1 });
    expect(reader.nextRecord()).toEqual({ a: 2 });
    expect(reader.count).toBe(2);
    expect(() => reader.nextRecord()).toThrow(MalformedRecordError);
  });

  it('names the record, the line and the column of a syntax error', () => {
    const error = failure('{"a":1}\n{"a":2}\n{"a":3,}\n');

    expect(error.recordNumber).toBe(3);
    expect(error.message).toBe(
      "record 3 is not valid JSON: expected a property name after ',' (property names are in double quotes), found '}' (at line 3, column 8)",
    );
  });

  it('names a raw line break inside a string of a record in an array', () => {
    const error = failure('[{"a":"ok"},\n {"b":"broken\nline"}]');

    expect(error.recordNumber).toBe(2);
    expect(error.message).toContain('record 2 is not valid JSON: a raw control character (U+000A)');
    expect(error.message).toContain('(at line 2, column 14)');
  });

  it('refuses records that are not objects, naming what they are', () => {
    expect(failure('[{"a":1}, 42]').message).toBe(
      'record 2 is a JSON number, not an object: each record is a JSON object (at column 11)',
    );
    expect(failure('"text"').message).toContain('record 1 is a JSON string, not an object');
    expect(failure('{"a":1}\n[1]').message).toContain('record 2 is a JSON array, not an object');
  });

  it('refuses a missing comma between array elements, and content after the array', () => {
    expect(failure('[{"a":1} {"b":2}]').message).toBe(
      "expected ',' or ']' after record 1, found '{' (at column 10)",
    );
    expect(failure('[{"a":1}] {"b":2}').message).toBe(
      "there is more after the array of records: '{' (at column 11)",
    );
    expect(failure('[{"a":1}').message).toContain('found the end of the content');
  });

  it('refuses content that is not UTF-8, with the byte offset', () => {
    const error = (() => {
      try {
        new JsonRecordReader(Buffer.from([0x7b, 0xff, 0x7d]));
      } catch (caught) {
        return caught as MalformedRecordError;
      }
      throw new Error('read');
    })();

    expect(error).toBeInstanceOf(MalformedRecordError);
    expect(error.message).toContain('not UTF-8 text: the bytes 0xFF at byte offset 1');
  });
});
