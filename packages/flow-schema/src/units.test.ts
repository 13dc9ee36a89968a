import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  dataSizeString,
  durationString,
  formatDataSize,
  formatDuration,
  isDataSize,
  isDuration,
  parseDataSize,
  parseDuration,
} from './units.js';

describe('parseDuration', () => {
  it.each([
    ['0 sec', 0],
    ['30 sec', 30_000],
    ['1 min', 60_000],
    ['5 mins', 300_000],
    ['100 millis', 100],
    ['2 hours', 7_200_000],
    ['1 day', 86_400_000],
    ['30 s', 30_000],
    ['500 ms', 500],
    ['1 hr', 3_600_000],
    ['10 seconds', 10_000],
    ['1 week', 604_800_000],
    ['250 micros', 0.25],
    ['1.5 sec', 1_500],
  ])('given %j, when parsed, then it is %d ms', (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });

  it('reads units case-insensitively, with or without a space and surrounding blanks', () => {
    expect(parseDuration('30 SEC')).toBe(30_000);
    expect(parseDuration('5Mins')).toBe(300_000);
    expect(parseDuration('  2 Hours ')).toBe(7_200_000);
  });

  it('scales decimals exactly, without floating-point residue', () => {
    // 1.1 * 1000 is 1100.0000000000002 in floating point.
    expect(parseDuration('1.1 sec')).toBe(1_100);
    expect(parseDuration('0.3 hours')).toBe(1_080_000);
  });

  it.each(['', '30', 'sec', '-1 sec', '5 parsecs', '1,5 sec', '.5 sec', '1 sec 2 sec', '1e3 ms'])(
    'given %j, when parsed, then it throws naming the value and the accepted forms',
    (text) => {
      expect(() => parseDuration(text)).toThrow(
        `Invalid duration ${JSON.stringify(text)}: expected a non-negative number and a time unit, e.g. "30 sec"`,
      );
    },
  );
});

describe('parseDataSize', () => {
  it.each([
    ['0 B', 0],
    ['1 GB', 1024 ** 3],
    ['10 KB', 10_240],
    ['512 bytes', 512],
    ['1.5 MB', 1.5 * 1024 ** 2],
    ['1 byte', 1],
    ['2 tb', 2 * 1024 ** 4],
    ['1 KiB', 1024],
    ['1.3 KB', 1331.2],
  ])('given %j, when parsed, then it is %d bytes', (text, bytes) => {
    expect(parseDataSize(text)).toBe(bytes);
  });

  it.each(['', '10', 'GB', '-1 GB', '1 GBs', '1 kilobyte', '10 sec'])(
    'given %j, when parsed, then it throws naming the value and the accepted forms',
    (text) => {
      expect(() => parseDataSize(text)).toThrow(
        `Invalid data size ${JSON.stringify(text)}: expected a non-negative number and a size unit, e.g. "0 B"`,
      );
    },
  );
});

describe('isDuration and isDataSize', () => {
  it('accept exactly what the parsers accept', () => {
    expect(isDuration('30 sec')).toBe(true);
    expect(isDuration('30 GB')).toBe(false);
    expect(isDataSize('30 GB')).toBe(true);
    expect(isDataSize('30 sec')).toBe(false);
  });
});

describe('formatDuration', () => {
  it.each([
    [0, '0 sec'],
    [100, '100 millis'],
    [1_000, '1 sec'],
    [1_500, '1.5 sec'],
    [30_000, '30 sec'],
    [60_000, '1 min'],
    [90_000, '1.5 mins'],
    [300_000, '5 mins'],
    [3_600_000, '1 hour'],
    [7_200_000, '2 hours'],
    [86_400_000, '1 day'],
    [0.5, '0.5 millis'],
  ])('given %d ms, when formatted, then it reads %j', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });

  it('refuses negative and non-finite values', () => {
    expect(() => formatDuration(-1)).toThrow(RangeError);
    expect(() => formatDuration(Number.POSITIVE_INFINITY)).toThrow(RangeError);
  });

  it('writes text that parses back to within the rounding of two decimals', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10 * 365 * 86_400_000 }), (ms) => {
        const parsed = parseDuration(formatDuration(ms));
        expect(Math.abs(parsed - ms) / ms).toBeLessThanOrEqual(0.005);
      }),
    );
  });
});

describe('formatDataSize', () => {
  it.each([
    [0, '0 bytes'],
    [1, '1 byte'],
    [512, '512 bytes'],
    [1024, '1 KB'],
    [1.5 * 1024 ** 2, '1.5 MB'],
    [1024 ** 3, '1 GB'],
    [1_500_000, '1.43 MB'],
  ])('given %d bytes, when formatted, then it reads %j', (bytes, text) => {
    expect(formatDataSize(bytes)).toBe(text);
  });

  it('refuses negative values', () => {
    expect(() => formatDataSize(-1)).toThrow(RangeError);
  });

  it('writes text that parses back to within the rounding of two decimals', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }), (bytes) => {
        const parsed = parseDataSize(formatDataSize(bytes));
        expect(Math.abs(parsed - bytes) / bytes).toBeLessThanOrEqual(0.005);
      }),
    );
  });
});

describe('durationString and dataSizeString schemas', () => {
  it('keep a valid string as written', () => {
    expect(durationString.parse('5 Mins')).toBe('5 Mins');
    expect(dataSizeString.parse('1 GB')).toBe('1 GB');
  });

  it("report the parser's message for an invalid string", () => {
    const result = durationString.safeParse('soon');
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toMatch(/^Invalid duration "soon": expected/);
  });
});
