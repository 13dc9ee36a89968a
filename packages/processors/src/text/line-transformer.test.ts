import { describe, expect, it } from 'vitest';
import { charsetFor } from './charset.js';
import { LineTooLongError, LineTransformer, type LineSelection } from './line-transformer.js';

const UTF8 = charsetFor('UTF-8')!;

function transformChunks(chunks: string[], selection: LineSelection = 'All', max = 1000): string {
  const lines = new LineTransformer(selection, (line) => `<${line}>`, max, UTF8);
  return chunks.map((chunk) => lines.push(chunk)).join('') + lines.end();
}

describe('LineTransformer', () => {
  it('gives the same output however the text is split into chunks', () => {
    const text = 'a\r\nbb\rc\n\r\nd';
    const expected = '<a>\r\n<bb>\r<c>\n<>\r\n<d>';
    for (let cut = 0; cut <= text.length; cut++) {
      expect(transformChunks([text.slice(0, cut), text.slice(cut)])).toBe(expected);
    }
    expect(transformChunks([...text])).toBe(expected);
  });

  it('knows the last line only at the end, even when it is followed by a line ending', () => {
    expect(transformChunks(['a\nb', '\n'], 'Last-Line')).toBe('a\n<b>\n');
    expect(transformChunks(['a\nb', '\n'], 'Except-Last-Line')).toBe('<a>\nb\n');
  });

  it('says whether anything changed', () => {
    const lines = new LineTransformer('All', (line) => line, 100, UTF8);
    lines.push('same\n');
    lines.end();
    expect(lines.changed).toBe(false);
  });

  it('fails on a partial line already longer than the limit, before the text ends', () => {
    const lines = new LineTransformer('All', (line) => line, 10, UTF8);
    expect(() => lines.push('x'.repeat(11))).toThrow(LineTooLongError);
  });
});

describe('charsetFor', () => {
  it("knows Java's names and common aliases, case-insensitively", () => {
    expect(charsetFor('utf8')?.name).toBe('UTF-8');
    expect(charsetFor('ISO-8859-1')?.name).toBe('ISO-8859-1');
    expect(charsetFor('Latin1')?.name).toBe('ISO-8859-1');
    expect(charsetFor('US-ASCII')?.name).toBe('US-ASCII');
    expect(charsetFor('EBCDIC')).toBeUndefined();
  });

  it('writes ? for characters a single-byte set cannot hold, as Java does', () => {
    expect(charsetFor('ISO-8859-1')!.encode('é한')).toEqual(Buffer.from([0xe9, 0x3f]));
    expect(charsetFor('US-ASCII')!.decode(Buffer.from([0x61, 0xe9]))).toBe('a\ufffd');
  });
});
