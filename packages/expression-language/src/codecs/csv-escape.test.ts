import { describe, expect, it } from 'vitest';
import { escapeCsv, unescapeCsv } from './csv-escape.js';

describe('escapeCsv', () => {
  it.each([
    ['plain', 'plain'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
  ])('%s → %s', (text, escaped) => {
    expect(escapeCsv(text)).toBe(escaped);
    expect(unescapeCsv(escaped)).toBe(text);
  });

  it('leaves quoted text that did not need quoting', () => {
    expect(unescapeCsv('"abc"')).toBe('"abc"');
    expect(unescapeCsv('"')).toBe('"');
  });
});
