import { describe, expect, it } from 'vitest';
import { DateFormatError, compileDatePattern, isNumericField } from './date-pattern.js';

describe('compileDatePattern', () => {
  it('splits fields and literal text', () => {
    expect(compileDatePattern("yyyy-MM-dd'T'HH:mm").elements).toEqual([
      { kind: 'field', letter: 'y', count: 4 },
      { kind: 'literal', text: '-' },
      { kind: 'field', letter: 'M', count: 2 },
      { kind: 'literal', text: '-' },
      { kind: 'field', letter: 'd', count: 2 },
      { kind: 'literal', text: 'T' },
      { kind: 'field', letter: 'H', count: 2 },
      { kind: 'literal', text: ':' },
      { kind: 'field', letter: 'm', count: 2 },
    ]);
  });

  it("reads '' as a quote, inside and outside quoted text", () => {
    expect(compileDatePattern("h 'o''clock' ''").elements).toEqual([
      { kind: 'field', letter: 'h', count: 1 },
      { kind: 'literal', text: " o'clock '" },
    ]);
  });

  it('caches compiled patterns', () => {
    expect(compileDatePattern('yyyy')).toBe(compileDatePattern('yyyy'));
  });

  it.each([
    [
      'YYYY',
      "'Y' is the week year in Java and is not supported; use 'y' for the year, in date pattern 'YYYY'",
    ],
    ['yyyy-QQ', "pattern letter 'Q' is not supported"],
    ["yyyy'T", "unterminated quote in date pattern 'yyyy'T'"],
    ['XXXX', "'X' may be repeated at most 3 times"],
  ])('refuses %s', (pattern, message) => {
    expect(() => compileDatePattern(pattern)).toThrow(DateFormatError);
    expect(() => compileDatePattern(pattern)).toThrow(message);
  });

  it('knows which fields are written with digits', () => {
    const [year, , month, , name] = compileDatePattern('yyyy MM MMM').elements.concat(
      compileDatePattern('E').elements,
    );
    expect(year && isNumericField(year)).toBe(true);
    expect(month && isNumericField(month)).toBe(true);
    expect(name && isNumericField(name)).toBe(false);
    expect(isNumericField({ kind: 'field', letter: 'M', count: 3 })).toBe(false);
    expect(isNumericField({ kind: 'literal', text: '1' })).toBe(false);
  });
});
