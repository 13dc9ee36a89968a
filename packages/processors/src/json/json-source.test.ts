import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compactJson, JsonSource, type JsonLocationPart } from './json-source.js';

/** Every location in a parsed value, with the value there. */
function* locations(
  value: unknown,
  path: JsonLocationPart[] = [],
): Generator<[JsonLocationPart[], unknown]> {
  yield [path, value];
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) yield* locations(value[i], [...path, i]);
  } else if (value !== null && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) yield* locations(child, [...path, key]);
  }
}

describe('JsonSource', () => {
  it('finds the text of every value of any document, compact or indented', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.constantFrom(undefined, 2, '\t'), (value, indent) => {
        const text = `  ${JSON.stringify(value, null, indent)}\n`;
        const source = new JsonSource(text);
        // The document as written (-0 is written as 0), not the generated value.
        for (const [location, expected] of locations(JSON.parse(text))) {
          const span = source.find(location);
          expect(span).toBeDefined();
          expect(JSON.parse(source.slice(span!))).toEqual(expected);
          expect(source.compact(span!)).toBe(JSON.stringify(expected));
        }
      }),
    );
  });

  it('keeps numbers exactly as written, where JSON.parse would round them', () => {
    const source = new JsonSource('{"items": [9007199254740993, 2.50, 1E400, -0.0]}');
    const items = source.find(['items'])!;
    expect(source.elements(items).map((span) => source.slice(span))).toEqual([
      '9007199254740993',
      '2.50',
      '1E400',
      '-0.0',
    ]);
  });

  it('reads escaped names and strings with escaped quotes and backslashes', () => {
    const text = '{"a\\"b": {"c\\\\": "x\\\\\\"y"}, "plain": "}]{["}';
    const source = new JsonSource(text);
    expect(source.slice(source.find(['a"b', 'c\\'])!)).toBe('"x\\\\\\"y"');
    expect(source.slice(source.find(['plain'])!)).toBe('"}]{["');
  });

  it('takes the last of repeated member names, as JSON.parse does', () => {
    const source = new JsonSource('{"k": 1, "other": 2, "k": 3}');
    expect(source.slice(source.find(['k'])!)).toBe('3');
    expect([...source.members(source.root()).keys()]).toEqual(['other', 'k']);
  });

  it('answers undefined for a location that is not there', () => {
    const source = new JsonSource('{"a": [1, 2], "s": "text"}');
    expect(source.find(['a', 2])).toBeUndefined();
    expect(source.find(['a', 'x'])).toBeUndefined();
    expect(source.find(['s', 0])).toBeUndefined();
    expect(source.find(['missing', 'deeper'])).toBeUndefined();
  });

  it('compacts without touching white space inside strings', () => {
    expect(compactJson('{ "a b" : [ 1 ,\n "c\\" d" ] }')).toBe('{"a b":[1,"c\\" d"]}');
  });
});
