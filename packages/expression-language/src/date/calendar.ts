/** English month names, January first, as Java's default locale prints them. */
export const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
] as const;

/** English day names, Sunday first (the order of `Date.getUTCDay`). */
export const DAY_NAMES = [
  'Sunday',
  'Monday',
  'Tuesday',
  'Wednesday',
  'Thursday',
  'Friday',
  'Saturday',
] as const;

/** Number of days in a month of the proleptic Gregorian calendar (`monthIndex` 0-11). */
export function daysInMonth(year: number, monthIndex: number): number {
  if (monthIndex === 1) return isLeapYear(year) ? 29 : 28;
  return monthIndex === 3 || monthIndex === 5 || monthIndex === 8 || monthIndex === 10 ? 30 : 31;
}

/** Whether a year of the proleptic Gregorian calendar has 366 days. */
export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/**
 * Milliseconds since the epoch of a UTC date-time. Unlike `Date.UTC`, years 0-99 are taken as
 * written rather than as 1900-1999.
 */
export function utcFromFields(
  year: number,
  monthIndex: number,
  day: number,
  hour: number,
  minute: number,
  second: number,
  millisecond: number,
): number {
  const time = Date.UTC(year, monthIndex, day, hour, minute, second, millisecond);
  if (year >= 0 && year < 100) {
    const date = new Date(time);
    date.setUTCFullYear(year, monthIndex, day);
    return date.getTime();
  }
  return time;
}

/** Remainder with the sign of the divisor, so negative epoch times floor correctly. */
export function floorMod(value: number, divisor: number): number {
  return ((value % divisor) + divisor) % divisor;
}
