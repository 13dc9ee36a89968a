import { describe, expect, it } from 'vitest';
import { hexDump, looksBinary, previewOf } from './content-preview.js';

describe('content preview', () => {
  it('dumps bytes as hex lines with their offset and printable ASCII', () => {
    // given 20 bytes starting at offset 32 of the content
    const bytes = Buffer.from('hello, provenance!\n\u0001');

    // when
    const lines = hexDump(bytes, 32).split('\n');

    // then
    expect(lines).toEqual([
      '00000020  68 65 6c 6c 6f 2c 20 70  72 6f 76 65 6e 61 6e 63  |hello, provenanc|',
      '00000030  65 21 0a 01                                       |e!..|',
    ]);
  });

  it('tells binary bytes from text', () => {
    expect(looksBinary(Buffer.from('plain text\r\n\twith tabs'))).toBe(false);
    expect(looksBinary(Buffer.from([0x61, 0x00, 0x62]))).toBe(true);
    expect(looksBinary(Buffer.from([1, 2, 3, 4, 0x61, 0x62]))).toBe(true);
    expect(looksBinary(Buffer.alloc(0))).toBe(false);
  });

  it('previews a range as text or as hex', () => {
    const bytes = Buffer.from('héllo');
    expect(previewOf(bytes, 4, 100, 'text')).toEqual({
      size: 100,
      offset: 4,
      length: 6,
      binary: false,
      format: 'text',
      text: 'héllo',
    });
    expect(previewOf(bytes, 0, 6, 'hex').text).toMatch(/^00000000 {2}68 c3 a9 6c 6c 6f/);
  });
});
