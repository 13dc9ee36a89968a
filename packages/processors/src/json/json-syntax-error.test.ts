import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findJsonSyntaxError } from './json-syntax-error.js';

function parses(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/** A JSON text with one character inserted, replaced or removed: mostly invalid, near misses. */
const nearMiss = fc
  .tuple(
    fc.json(),
    fc.nat(),
    fc.constantFrom('insert', 'replace', 'remove'),
    fc.constantFrom(...'{}[]",:\\ \n\t0-.eE+tfn\'x\u0001'),
  )
  .map(([text, at, edit, char]) => {
    const i = text.length === 0 ? 0 : at % text.length;
    switch (edit) {
      case 'insert':
        return text.slice(0, i) + char + text.slice(i);
      case 'replace':
        return text.slice(0, i) + char + text.slice(i + 1);
      case 'remove':
        return text.slice(0, i) + text.slice(i + 1);
    }
  });

describe('findJsonSyntaxError', () => {
  it('accepts exactly what JSON.parse accepts', () => {
    fc.assert(
      fc.property(fc.oneof(fc.json(), nearMiss, fc.string()), (text) => {
        expect(findJsonSyntaxError(text) === undefined).toBe(parses(text));
      }),
      { numRuns: 3000 },
    );
  });

  it('names a raw line break inside a string and where it is (the seed-004 failure)', () => {
    const text = '{"report.txt":"first line\nsecond line"}';
    expect(findJsonSyntaxError(text)).toEqual({
      message: 'a raw control character (U+000A) inside a string; it must be escaped as \\n',
      position: text.indexOf('\n'),
    });
  });

  it('names a raw tab by its escape', () => {
    expect(findJsonSyntaxError('"a\tb"')?.message).toContain('escaped as \\t');
  });

  it('points at an unescaped quote that ends a string too early', () => {
    const text = '{"body":"he said "hi""}';
    expect(findJsonSyntaxError(text)).toEqual({
      message: "expected ',' or '}' after a property value, found 'h'",
      position: text.indexOf('hi'),
    });
  });

  it('reports an invalid escape, a trailing comma and text after the value', () => {
    expect(findJsonSyntaxError('"C:\\temp\\x"')?.message).toContain("invalid escape '\\x'");
    expect(findJsonSyntaxError('[1,]')).toEqual({
      message: "a ',' is followed by ']'",
      position: 3,
    });
    expect(findJsonSyntaxError('{"a":1} {"b":2}')?.message).toBe(
      "there is more after the JSON value: '{' (one document per flowfile)",
    );
  });

  it('reports an unclosed string at its opening quote and an unclosed object at the end', () => {
    expect(findJsonSyntaxError('{"a":"abc')).toEqual({
      message: "a string is not closed (missing '\"')",
      position: 5,
    });
    expect(findJsonSyntaxError('{"a":1')?.message).toBe(
      "expected ',' or '}' after a property value, found the end of the content",
    );
  });

  it('checks a deeply nested document without overflowing the stack', () => {
    const depth = 200_000;
    expect(findJsonSyntaxError('['.repeat(depth) + ']'.repeat(depth))).toBeUndefined();
    expect(findJsonSyntaxError('['.repeat(depth) + ']'.repeat(depth - 1))?.position).toBe(
      depth * 2 - 1,
    );
  });
});
