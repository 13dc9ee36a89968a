import { describe, expect, it } from 'vitest';
import type { CallSite } from './call-site.js';
import {
  parseNumberText,
  toBoolean,
  toDateValue,
  toInteger,
  toNumeric,
  toText,
  toWhole,
} from './conversions.js';
import { ExpressionError } from './errors.js';
import { contextOf } from './test-support/evaluate.js';

const site: CallSite = { fn: 'fn', template: '${x:fn()}', position: 4, atCompile: false };
const ctx = contextOf();

describe('conversions', () => {
  it('prints values as text', () => {
    expect(toText(null, ctx)).toBe('');
    expect(toText(12n, ctx)).toBe('12');
    expect(toText(2.5, ctx)).toBe('2.5');
    expect(toText(3, ctx)).toBe('3');
    expect(toText(true, ctx)).toBe('true');
    expect(toText(new Date(Date.UTC(2024, 0, 1)), ctx)).toBe('Mon Jan 01 00:00:00 UTC 2024');
  });

  it.each([
    ['42', 42n],
    [' -7 ', -7n],
    ['+3', 3n],
    ['0x1f', 31n],
    ['-0X10', -16n],
    ['2.5', 2.5],
    ['.5', 0.5],
    ['1e3', 1000],
    ['9223372036854775808', 9223372036854775808],
    ['abc', undefined],
    ['1,000', undefined],
    ['', undefined],
  ])('parses %s as %s', (text, expected) => {
    expect(parseNumberText(text)).toBe(expected);
  });

  it('converts to numbers, whole numbers and integers', () => {
    expect(toNumeric('  ', site)).toBeNull();
    expect(toNumeric(new Date(5), site)).toBe(5n);
    expect(toWhole('2.9', site)).toBe(2n);
    expect(toWhole(-2.9, site)).toBe(-2n);
    expect(toInteger(7n, site)).toBe(7);
    expect(toInteger('3.7', site)).toBe(3);
    expect(() => toWhole(Infinity, site)).toThrow(
      'fn: cannot convert decimal Infinity to a whole number',
    );
    expect(() => toNumeric(true, site)).toThrow(ExpressionError);
  });

  it('converts to booleans as Java does', () => {
    expect(toBoolean(' TRUE ', site)).toBe(true);
    expect(toBoolean('yes', site)).toBe(false);
    expect(toBoolean(null, site)).toBeNull();
    expect(() => toBoolean(1n, site)).toThrow('fn: expected a boolean but got whole number 1');
  });

  it('converts to dates as NiFi casts them', () => {
    expect(toDateValue('1000', site, ctx)?.getTime()).toBe(1000);
    expect(toDateValue(1000n, site, ctx)?.getTime()).toBe(1000);
    expect(toDateValue('2024/01/02 03:04:05', site, ctx)?.toISOString()).toBe(
      '2024-01-02T03:04:05.000Z',
    );
    expect(toDateValue('2024/01/02 03:04:05.678', site, ctx)?.toISOString()).toBe(
      '2024-01-02T03:04:05.678Z',
    );
    expect(toDateValue('Tue Jan 02 03:04:05 GMT+09:00 2024', site, ctx)?.toISOString()).toBe(
      '2024-01-01T18:04:05.000Z',
    );
    expect(() => toDateValue('2024-01-02', site, ctx)).toThrow(
      "fn: cannot convert '2024-01-02' to a date",
    );
    expect(() => toDateValue(1e20, site, ctx)).toThrow('outside the range of dates');
    expect(() => toDateValue(false, site, ctx)).toThrow(
      'fn: cannot convert boolean false to a date',
    );
  });
});
