import { describe, expect, it } from 'vitest';
import { utcFromFields } from './calendar.js';
import { compileDatePattern } from './date-pattern.js';
import { formatDate } from './format-date.js';
import { UTC, resolveTimeZone, type TimeZone } from './time-zone.js';

const INSTANT = Date.UTC(2024, 0, 5, 13, 4, 5, 6); // Friday
const format = (pattern: string, zone: TimeZone = UTC, at = INSTANT): string =>
  formatDate(at, compileDatePattern(pattern), zone);
const zone = (id: string): TimeZone => {
  const resolved = resolveTimeZone(id);
  if (resolved === undefined) throw new Error(id);
  return resolved;
};

describe('formatDate', () => {
  it.each([
    ['yyyy-MM-dd HH:mm:ss.SSS', '2024-01-05 13:04:05.006'],
    ['yy/M/d H:m:s.S', '24/1/5 13:4:5.6'],
    ['y', '2024'],
    ['yyyyy', '02024'],
    ['MMM MMMM', 'Jan January'],
    ['EEE EEEE u', 'Fri Friday 5'],
    ['h:mm a', '1:04 PM'],
    ['hh K k', '01 1 13'],
    ['D DDD', '5 005'],
    ['Z X XX XXX z zzzz', '+0000 Z Z Z UTC Coordinated Universal Time'],
    ["'at' HH 'o''clock'", "at 13 o'clock"],
  ])('%s → %s', (pattern, expected) => {
    expect(format(pattern)).toBe(expected);
  });

  it('prints midnight and noon in 12-hour and 24-hour styles', () => {
    const midnight = Date.UTC(2024, 0, 1, 0, 0);
    expect(format('h a|K a|k|H', UTC, midnight)).toBe('12 AM|0 AM|24|0');
    expect(format('h a', UTC, Date.UTC(2024, 0, 1, 12, 0))).toBe('12 PM');
  });

  it('formats in fixed and named zones', () => {
    expect(format('yyyy-MM-dd HH:mm Z X XXX z', zone('+05:30'))).toBe(
      '2024-01-05 18:34 +0530 +05 +05:30 GMT+05:30',
    );
    expect(format('HH:mm Z', zone('America/New_York'))).toBe('08:04 -0500');
    expect(format('HH:mm Z', zone('America/New_York'), Date.UTC(2024, 6, 5, 13, 4))).toBe(
      '09:04 -0400',
    );
    expect(format('yyyy-MM-dd HH:mm', zone('Asia/Seoul'))).toBe('2024-01-05 22:04');
    expect(format('z zzzz', zone('GMT'))).toBe('GMT Greenwich Mean Time');
  });

  it('formats days of leap years and dates before 1970', () => {
    expect(format('D', UTC, Date.UTC(2024, 11, 31))).toBe('366');
    expect(format('yyyy-MM-dd EEE', UTC, Date.UTC(1969, 6, 20))).toBe('1969-07-20 Sun');
    expect(format('yyyy-MM-dd', UTC, utcFromFields(5, 2, 1, 0, 0, 0, 0))).toBe('0005-03-01');
    expect(format('y', UTC, utcFromFields(0, 0, 1, 0, 0, 0, 0))).toBe('1');
  });
});
