import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LineScanner } from './line-scanner.js';

type Line = [length: number, ending: number, marked: boolean];

function scan(chunks: readonly string[], marker?: string): Line[] {
  const lines: Line[] = [];
  const scanner = new LineScanner(
    (length, ending, marked) => lines.push([length, ending, marked]),
    marker === undefined ? undefined : Buffer.from(marker),
  );
  for (const chunk of chunks) scanner.push(Buffer.from(chunk, 'latin1'));
  scanner.end();
  return lines;
}

/** The lines of a text by a plain reading of NiFi's rules (\n, \r\n, lone \r). */
function reference(text: string, marker?: string): Line[] {
  const lines: Line[] = [];
  for (const match of text.matchAll(/([^\r\n]*)(\r\n|\r|\n|$)/g)) {
    const [whole, body = '', ending = ''] = match;
    if (whole === '') continue;
    lines.push([whole.length, ending.length, marker !== undefined && body.startsWith(marker)]);
  }
  return lines;
}

describe('LineScanner', () => {
  it('ends lines at \\n, \\r\\n and a lone \\r, and reports a last line without ending', () => {
    expect(scan(['a\nbb\r\nccc\rd'])).toEqual([
      [2, 1, false],
      [4, 2, false],
      [4, 1, false],
      [1, 0, false],
    ]);
  });

  it('waits for the next chunk to tell \\r\\n from a lone \\r', () => {
    expect(scan(['a\r', '\nb\r', 'c\r'])).toEqual([
      [3, 2, false],
      [2, 1, false],
      [2, 1, false],
    ]);
  });

  it('reports empty lines and nothing for empty content', () => {
    expect(scan(['\n\r\n'])).toEqual([
      [1, 1, false],
      [2, 2, false],
    ]);
    expect(scan([])).toEqual([]);
    expect(scan(['', ''])).toEqual([]);
  });

  it('tells which lines start with the marker, also across chunks', () => {
    expect(scan(['#', '# one\n#two\n## three\n', 'x##\n#'], '##')).toEqual([
      [7, 1, true],
      [5, 1, false],
      [9, 1, true],
      [4, 1, false],
      [1, 0, false],
    ]);
  });

  it('finds the same lines however the content is cut into chunks', () => {
    const text = fc.stringMatching(/^[ab#\r\n]{0,40}$/);
    fc.assert(
      fc.property(text, fc.array(fc.nat(40), { maxLength: 6 }), (content, cuts) => {
        const points = [...new Set(cuts.map((c) => c % (content.length + 1)))].sort(
          (x, y) => x - y,
        );
        const chunks: string[] = [];
        let from = 0;
        for (const point of [...points, content.length]) {
          chunks.push(content.slice(from, point));
          from = point;
        }
        expect(scan(chunks, '#')).toEqual(reference(content, '#'));
      }),
    );
  });
});
