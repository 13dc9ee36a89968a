import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findJsonSyntaxProblem, lineAndColumn } from './json-syntax.js';

function accepts(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

describe('findJsonSyntaxProblem', () => {
  it.each([
    ['{"a":1,}', 1, 8, 'unexpected character "}", expected a double-quoted property name'],
    ['{\n  "a": tru\n}', 2, 8, 'unexpected character "t", expected a value'],
    ['{"a" 1}', 1, 6, `unexpected character "1", expected ':' after a property name`],
    ['[1, 2', 1, 6, "unexpected end of input, expected ',' or ']'"],
    ['', 1, 1, 'unexpected end of input, expected a value'],
    ['{"a":1} x', 1, 9, 'unexpected character "x", expected end of input after the JSON value'],
    ['"abc', 1, 5, 'unexpected end of input inside a string'],
    ['["a\tb"]', 1, 4, 'control character U+0009 inside a string must be escaped'],
    ['["\\x"]', 1, 3, 'invalid escape "\\\\x" in a string'],
    ['[01]', 1, 3, "unexpected character \"1\", expected ',' or ']'"],
  ])('given %j, then it reports line %d, column %d: %s', (text, line, column, message) => {
    expect(findJsonSyntaxProblem(text)).toMatchObject({ line, column, message });
  });

  it('finds nothing wrong in any JSON that JSON.stringify writes', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.constantFrom(0, 2), (value, indent) => {
        expect(findJsonSyntaxProblem(JSON.stringify(value, null, indent))).toBeUndefined();
      }),
    );
  });

  it('agrees with JSON.parse on arbitrary and mangled text', () => {
    const mangled = fc
      .tuple(
        fc.json(),
        fc.nat(),
        fc.constantFrom('', ',', '}', ']', '"', ':', 'x', '\\', '\n', '0'),
      )
      .map(([json, at, insert]) => {
        const cut = at % (json.length + 1);
        return json.slice(0, cut) + insert + json.slice(cut + 1);
      });
    fc.assert(
      fc.property(fc.oneof(fc.string(), mangled), (text) => {
        expect(findJsonSyntaxProblem(text) === undefined).toBe(accepts(text));
      }),
      { numRuns: 2_000 },
    );
  });

  it('copes with nesting far deeper than the call stack allows', () => {
    const deep = '['.repeat(200_000);
    expect(findJsonSyntaxProblem(deep)?.message).toBe(
      "unexpected end of input, expected a value or ']'",
    );
  });
});

describe('lineAndColumn', () => {
  it('counts lines and columns from 1', () => {
    expect(lineAndColumn('ab\ncd', 4)).toEqual({ line: 2, column: 2 });
  });
});
