import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { wellFormedText } from '../test-support/arbitraries.js';
import { urlDecode, urlEncode } from './url-encoding.js';

describe('urlEncode', () => {
  it("encodes as Java's URLEncoder does", () => {
    expect(urlEncode("a b!'()~*._-é/?&=")).toBe('a+b%21%27%28%29%7E*._-%C3%A9%2F%3F%26%3D');
  });

  it('replaces lone surrogates instead of failing', () => {
    expect(urlEncode('a\ud800')).toBe('a%EF%BF%BD');
  });

  it('is undone by urlDecode', () => {
    fc.assert(fc.property(wellFormedText, (text) => urlDecode(urlEncode(text)) === text));
  });
});

describe('urlDecode', () => {
  it('reads + as a space', () => {
    expect(urlDecode('a+b%20c')).toBe('a b c');
  });

  it.each(['%', '%zz', '%C3'])('refuses %s', (text) => {
    expect(() => urlDecode(text)).toThrow(`'${text}' is not valid URL encoding`);
  });
});
