import { describe, expect, it } from 'vitest';
import { decodeUtf8, parseJsonContent } from './json-content.js';

const bytes = (...values: number[]): Buffer => Buffer.from(values);

describe('decodeUtf8', () => {
  it('decodes UTF-8, Korean included, and drops a byte order mark', () => {
    expect(decodeUtf8(Buffer.from('\ufeff한글 "text"'))).toEqual({
      ok: true,
      value: '한글 "text"',
    });
  });

  it('refuses a stray byte, naming it and its offset', () => {
    expect(decodeUtf8(bytes(0x61, 0x62, 0xff, 0x63))).toEqual({
      ok: false,
      reason: 'the content is not UTF-8 text: the bytes 0xFF at byte offset 2 are not valid UTF-8',
    });
  });

  it('points at the start of a broken multi-byte sequence', () => {
    // 한 is ED 95 9C; here its last byte is replaced by an ASCII letter.
    expect(decodeUtf8(bytes(0x61, 0xed, 0x95, 0x41))).toEqual({
      ok: false,
      reason:
        'the content is not UTF-8 text: the bytes 0xED 0x95 0x41 at byte offset 1 are not valid UTF-8',
    });
  });

  it('points at a sequence cut off at the end of the content', () => {
    expect(decodeUtf8(bytes(0x61, 0x62, 0xed, 0x95))).toEqual({
      ok: false,
      reason:
        'the content is not UTF-8 text: the bytes 0xED 0x95 at byte offset 2 are not valid UTF-8',
    });
  });
});

describe('parseJsonContent', () => {
  it('parses a JSON document', () => {
    expect(parseJsonContent(Buffer.from(' {"a":[1,"한"]}\n'))).toEqual({
      ok: true,
      value: { a: [1, '한'] },
    });
  });

  it('says what is wrong and on which line and column', () => {
    const content = '{\n  "subject": "hi",\n  "body": "line one\nline two"\n}';
    expect(parseJsonContent(Buffer.from(content))).toEqual({
      ok: false,
      reason:
        'the content is not valid JSON: a raw control character (U+000A) inside a string; it must be escaped as \\n (at line 3, column 20)',
    });
  });

  it('refuses empty content as not JSON', () => {
    expect(parseJsonContent(Buffer.from(' \n'))).toEqual({
      ok: false,
      reason: 'the content is empty, not JSON',
    });
  });
});
