import { describe, expect, it } from 'vitest';
import { compileJsonPath, jsonPathResultToText, readJsonPath } from './json-path.js';

const document = { a: { b: [1, { c: 'x' }], 'k y': null, "it's": 2 }, list: ['only'] };

describe('compileJsonPath', () => {
  it('reads dot and bracket steps', () => {
    expect(compileJsonPath('$')).toEqual([]);
    expect(compileJsonPath("$.a.b[1]['c']")).toEqual(['a', 'b', 1, 'c']);
    expect(compileJsonPath('$["k y"][-1]')).toEqual(['k y', -1]);
    expect(compileJsonPath("$['it\\'s']")).toEqual(["it's"]);
  });

  it.each(['a.b', '$..a', '$.*', '$.a[*]', '$.a[0:2]', '$.a[?(@.b)]', '$.a.'])(
    'refuses %s',
    (path) => {
      expect(() => compileJsonPath(path)).toThrow(path);
    },
  );
});

describe('readJsonPath', () => {
  it.each([
    ['$.a.b[1].c', 'x'],
    ['$.a.b[-2]', 1],
    ['$.a.b[5]', undefined],
    ['$.a.missing', undefined],
    ['$.a.b.c', undefined],
    ["$.a['k y']", null],
    ["$.a['it\\'s']", 2],
    ['$.list[0].x', undefined],
    ['$.a.toString', undefined],
  ])('%s finds %s', (path, expected) => {
    expect(readJsonPath(document, compileJsonPath(path))).toEqual(expected);
  });
});

describe('jsonPathResultToText', () => {
  it('prints results as NiFi does', () => {
    expect(jsonPathResultToText(undefined)).toBe('');
    expect(jsonPathResultToText(null)).toBe('');
    expect(jsonPathResultToText('x')).toBe('x');
    expect(jsonPathResultToText(2.5)).toBe('2.5');
    expect(jsonPathResultToText(false)).toBe('false');
    expect(jsonPathResultToText(['only'])).toBe('only');
    expect(jsonPathResultToText([1, 2])).toBe('[1,2]');
    expect(jsonPathResultToText({ a: 1 })).toBe('{"a":1}');
  });
});
