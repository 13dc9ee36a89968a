import { describe, expect, it } from 'vitest';
import { DateFormatError, compileDatePattern } from './date-pattern.js';
import { parseDate } from './parse-date.js';
import { UTC, resolveTimeZone, type TimeZone } from './time-zone.js';

const REFERENCE = Date.UTC(2024, 0, 15);
const parse = (text: string, pattern: string, zone: TimeZone = UTC): string =>
  new Date(parseDate(text, compileDatePattern(pattern), zone, REFERENCE)).toISOString();

describe('parseDate', () => {
  it.each([
    ['2024-03-05 07:08:09.012', 'yyyy-MM-dd HH:mm:ss.SSS', '2024-03-05T07:08:09.012Z'],
    ['20240305070809', 'yyyyMMddHHmmss', '2024-03-05T07:08:09.000Z'],
    ['5/3/2024', 'd/M/yyyy', '2024-03-05T00:00:00.000Z'],
    ['Mar 5, 2024', 'MMM d, yyyy', '2024-03-05T00:00:00.000Z'],
    ['march 5 2024', 'MMM d yyyy', '2024-03-05T00:00:00.000Z'],
    ['Tuesday, 05 March 2024', 'EEEE, dd MMMM yyyy', '2024-03-05T00:00:00.000Z'],
    ['12:30 AM', 'hh:mm a', '1970-01-01T00:30:00.000Z'],
    ['12:30 pm', 'hh:mm a', '1970-01-01T12:30:00.000Z'],
    ['24:00', 'kk:mm', '1970-01-01T00:00:00.000Z'],
    ['2024-065', 'yyyy-DDD', '2024-03-05T00:00:00.000Z'],
    ['2024-03-05T07:08:09+09:00', "yyyy-MM-dd'T'HH:mm:ssXXX", '2024-03-04T22:08:09.000Z'],
    ['2024-03-05T07:08:09Z', "yyyy-MM-dd'T'HH:mm:ssX", '2024-03-05T07:08:09.000Z'],
    ['2024-03-05 07:08 -0800', 'yyyy-MM-dd HH:mm Z', '2024-03-05T15:08:00.000Z'],
    ['2024-03-05 07:08 GMT+05:30', 'yyyy-MM-dd HH:mm z', '2024-03-05T01:38:00.000Z'],
    ['2024-03-05 07:08 PST', 'yyyy-MM-dd HH:mm z', '2024-03-05T15:08:00.000Z'],
    ['2024-07-05 07:08 America/New_York', 'yyyy-MM-dd HH:mm z', '2024-07-05T11:08:00.000Z'],
    ['Tue Mar 05 07:08:09 UTC 2024', 'EEE MMM dd HH:mm:ss zzz yyyy', '2024-03-05T07:08:09.000Z'],
    ['2024-03-05 and more text', 'yyyy-MM-dd', '2024-03-05T00:00:00.000Z'],
  ])('%s with %s is %s', (text, pattern, iso) => {
    expect(parse(text, pattern)).toBe(iso);
  });

  it('reads two-digit years within 80 years back and 20 ahead', () => {
    expect(parse('05-03-24', 'dd-MM-yy')).toBe('2024-03-05T00:00:00.000Z');
    expect(parse('05-03-50', 'dd-MM-yy')).toBe('1950-03-05T00:00:00.000Z');
    expect(parse('05-03-43', 'dd-MM-yy')).toBe('2043-03-05T00:00:00.000Z');
    expect(parse('05-03-2024', 'dd-MM-yy')).toBe('2024-03-05T00:00:00.000Z');
  });

  it('reads wall times in the given zone, across daylight saving time', () => {
    const newYork = resolveTimeZone('America/New_York') ?? UTC;
    expect(parse('2024-01-05 08:00', 'yyyy-MM-dd HH:mm', newYork)).toBe('2024-01-05T13:00:00.000Z');
    expect(parse('2024-07-05 08:00', 'yyyy-MM-dd HH:mm', newYork)).toBe('2024-07-05T12:00:00.000Z');
    expect(parse('2024-03-05 07:08', 'yyyy-MM-dd HH:mm', resolveTimeZone('+09:00') ?? UTC)).toBe(
      '2024-03-04T22:08:00.000Z',
    );
  });

  it.each([
    ['2024-13-01', 'yyyy-MM-dd', 'month 13 is out of range (1-12)'],
    ['2023-02-29', 'yyyy-MM-dd', 'day 29 is out of range (1-28)'],
    ['25:00', 'HH:mm', 'hour 25 is out of range (0-23)'],
    ['13:00 PM', 'hh:mm a', 'hour 13 is out of range (0-11)'],
    ['2024/03/05', 'yyyy-MM-dd', "expected '-' at character 5"],
    ['x', 'yyyy', "expected a number for 'yyyy' at character 1"],
    ['Foo 5', 'MMM d', "expected a name for 'MMM' at character 1"],
    ['10:00 XM', 'HH:mm a', 'expected AM or PM at character 7'],
    ['10:00 ???', 'HH:mm z', "expected a time zone for 'z' at character 7"],
    ['10:00 +25:00', 'HH:mm XXX', "offset '+25:00' is out of range"],
  ])('refuses %s with %s', (text, pattern, reason) => {
    expect(() => parse(text, pattern)).toThrow(DateFormatError);
    expect(() => parse(text, pattern)).toThrow(
      `cannot parse '${text}' with date pattern '${pattern}': ${reason}`,
    );
  });
});
