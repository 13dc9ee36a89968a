import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readJsonValue, writeJson, type JsonValue } from './json-value.js';

/** The value with bigints as (rounded) numbers, as JSON.parse would give them. */
function rounded(value: JsonValue | undefined): unknown {
  if (typeof value === 'bigint') return Number(value);
  if (Array.isArray(value)) return value.map(rounded);
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, rounded(v)]));
  }
  return value;
}

describe('readJsonValue', () => {
  it('reads any JSON text as JSON.parse does', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.boolean(), (value, pretty) => {
        // given
        const text = JSON.stringify(value, null, pretty ? 2 : undefined);

        // when
        const read = readJsonValue(text, 0);

        // then
        expect(read?.end).toBe(text.length);
        expect(rounded(read?.value)).toEqual(JSON.parse(text));
      }),
      { numRuns: 500 },
    );
  });

  it('keeps every digit of integers beyond 2^53 as bigint, and writes them back unchanged', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(2n ** 80n), max: 2n ** 80n }), (big) => {
        const text = `{"id":${big},"list":[${big}]}`;

        const read = readJsonValue(text, 0);

        const exact = Number.isSafeInteger(Number(big)) ? Number(big) : big;
        expect(read?.value).toEqual({ id: exact, list: [exact] });
        expect(writeJson(read!.value)).toBe(text);
      }),
    );
  });

  it('reads one value at a position and says where it ends', () => {
    const text = '  {"a":[1,{"b":"c\\n\\u00e9"}]} {"next":true}';

    const read = readJsonValue(text, 0);

    expect(read).toEqual({ value: { a: [1, { b: 'c\né' }] }, end: 29 });
    expect(readJsonValue(text, 29)).toEqual({ value: { next: true }, end: text.length });
  });

  it('refuses invalid JSON: trailing commas, single quotes, raw line breaks in strings, bad escapes', () => {
    for (const text of [
      '{"a":1,}',
      "{'a':1}",
      '{"a":"x\ny"}',
      '{"a":"\\q"}',
      '[1 2]',
      '{"a" 1}',
      '01',
      '-',
      '"open',
    ]) {
      expect(readJsonValue(text, 0), text).toBeUndefined();
    }
  });

  it('makes a "__proto__" field an own field, never the prototype', () => {
    const read = readJsonValue('{"__proto__":{"polluted":true}}', 0);

    const value = read?.value as Record<string, unknown>;
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(Object.keys(value)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('reads deeply nested arrays without overflowing the stack', () => {
    const depth = 100_000;
    const text = '['.repeat(depth) + ']'.repeat(depth);

    expect(readJsonValue(text, 0)?.end).toBe(text.length);
  });
});

describe('writeJson', () => {
  it('writes what JSON.stringify writes for values without bigint', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(writeJson(JSON.parse(JSON.stringify(value)))).toBe(JSON.stringify(value));
      }),
      { numRuns: 300 },
    );
  });
});
