import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { anyText } from '../test-support/arbitraries.js';
import { escapeJson, unescapeJson } from './json-escape.js';

describe('escapeJson', () => {
  it('escapes quotes, backslashes and control characters and keeps the rest', () => {
    expect(escapeJson('a"b\\c\nd\te\r\u0000\u001f/é한')).toBe(
      'a\\"b\\\\c\\nd\\te\\r\\u0000\\u001f/é한',
    );
  });

  it('escapes lone surrogates so the output stays valid JSON', () => {
    expect(escapeJson('\ud800')).toBe('\\ud800');
  });
});

describe('unescapeJson', () => {
  it('resolves escapes', () => {
    expect(unescapeJson('\\"\\\\\\/\\b\\f\\n\\r\\t\\u0041\\101\\0')).toBe('"\\/\b\f\n\r\tAA\u0000');
  });

  it('keeps unknown escapes and a trailing backslash', () => {
    expect(unescapeJson('\\x\\')).toBe('\\x\\');
  });

  it('undoes escapeJson', () => {
    fc.assert(fc.property(anyText, (text) => unescapeJson(escapeJson(text)) === text));
  });

  it('refuses a short unicode escape', () => {
    expect(() => unescapeJson('\\u12')).toThrow("'\\u12' is not a unicode escape of 4 hex digits");
  });
});
