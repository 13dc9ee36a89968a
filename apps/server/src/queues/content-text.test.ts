import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeRange, type ContentCharset } from './content-text.js';

/** Decodes a buffer range by range, each starting where the previous one's text ended. */
function byRanges(buffer: Buffer, charset: ContentCharset, size: number): string {
  let text = '';
  for (let offset = 0; offset < buffer.length;) {
    const end = Math.min(buffer.length, offset + size);
    const decoded = decodeRange(buffer.subarray(offset, end), charset, end === buffer.length);
    // A range too short for one character must still make progress: read a longer one.
    if (decoded.bytes === 0) return byRanges(buffer, charset, size + 4);
    text += decoded.text;
    offset += decoded.bytes;
  }
  return text;
}

describe('decodeRange', () => {
  it('leaves a UTF-8 character cut by the range for the next range', () => {
    const buffer = Buffer.from('añb', 'utf8'); // ñ is 2 bytes
    expect(decodeRange(buffer.subarray(0, 2), 'utf-8', false)).toEqual({ text: 'a', bytes: 1 });
    expect(decodeRange(buffer.subarray(0, 2), 'utf-8', true).text).toBe('a\ufffd');
  });

  it('keeps UTF-16 surrogate pairs whole', () => {
    const buffer = Buffer.from('x😀', 'utf16le');
    expect(decodeRange(buffer.subarray(0, 4), 'utf-16le', false)).toEqual({ text: 'x', bytes: 2 });
    expect(decodeRange(buffer, 'utf-16le', true).text).toBe('x😀');
  });

  it('decodes latin1 byte for byte', () => {
    expect(decodeRange(Buffer.from([0xe9, 0x80, 0x41]), 'latin1', false)).toEqual({
      text: 'é\u0080A',
      bytes: 3,
    });
  });

  it('joins ranges into the text read whole, for any text and range size', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme', maxLength: 60 }),
        fc.integer({ min: 1, max: 9 }),
        fc.constantFrom('utf-8' as const, 'utf-16le' as const),
        (text, size, charset) => {
          const buffer = Buffer.from(text, charset === 'utf-8' ? 'utf8' : 'utf16le');
          expect(byRanges(buffer, charset, size)).toBe(text);
        },
      ),
    );
  });
});
