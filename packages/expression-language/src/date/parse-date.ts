import { DAY_NAMES, MONTH_NAMES, daysInMonth, isLeapYear, utcFromFields } from './calendar.js';
import {
  DateFormatError,
  isNumericField,
  type DatePattern,
  type PatternElement,
} from './date-pattern.js';
import { resolveTimeZone, type TimeZone } from './time-zone.js';

/** Fields read from the text, before they are checked and combined. */
interface Fields {
  year?: number;
  twoDigitYear?: boolean;
  month?: number;
  day?: number;
  dayOfYear?: number;
  hourOfDay?: number;
  hourOfHalfDay?: number;
  pm?: boolean;
  minute?: number;
  second?: number;
  millisecond?: number;
  offsetMs?: number;
  /** A named zone read from the text, whose offset depends on the date. */
  zone?: TimeZone;
}

const OFFSET = /(?:GMT|UTC|UT)?([+-])(\d{1,2})(?::?(\d{2}))?/iy;
const ZONE_NAME = /[A-Za-z][A-Za-z_]*(?:\/[A-Za-z_+-]+)*/y;
/** Common abbreviations Java also accepts for the `z` letter. */
const ABBREVIATIONS: Readonly<Record<string, number>> = {
  UTC: 0,
  GMT: 0,
  UT: 0,
  Z: 0,
  EST: -5,
  EDT: -4,
  CST: -6,
  CDT: -5,
  MST: -7,
  MDT: -6,
  PST: -8,
  PDT: -7,
  AKST: -9,
  AKDT: -8,
  HST: -10,
  WET: 0,
  WEST: 1,
  CET: 1,
  CEST: 2,
  EET: 2,
  EEST: 3,
  KST: 9,
  JST: 9,
};
/** Greedy numeric fields stop here: no date field needs more digits. */
const MAX_DIGITS = 9;

/**
 * Parses text with a compiled Java SimpleDateFormat pattern, in the given zone unless the text
 * carries its own offset. Like Java, text after the last field is ignored and abutting numeric
 * fields (`yyyyMMdd`) are read at their pattern width; unlike Java's lenient default, fields out
 * of range (month 13, February 30) are refused rather than rolled over.
 *
 * @param referenceMs the current time, which anchors two-digit years (80 years back, 20 ahead)
 * @throws DateFormatError when the text does not match the pattern.
 */
export function parseDate(
  text: string,
  pattern: DatePattern,
  zone: TimeZone,
  referenceMs: number,
): number {
  const fields: Fields = {};
  let position = 0;
  const fail = (reason: string): never => {
    throw new DateFormatError(
      `cannot parse '${text}' with date pattern '${pattern.source}': ${reason}`,
    );
  };
  pattern.elements.forEach((element, index) => {
    if (element.kind === 'literal') {
      if (!text.startsWith(element.text, position)) {
        fail(`expected '${element.text}' at character ${position + 1}`);
      }
      position += element.text.length;
      return;
    }
    const next = pattern.elements[index + 1];
    const width = next !== undefined && isNumericField(next) ? element.count : MAX_DIGITS;
    position = readField(text, position, element, width, fields, fail);
  });
  return combine(fields, zone, referenceMs, fail);
}

function readField(
  text: string,
  start: number,
  element: PatternElement & { kind: 'field' },
  width: number,
  fields: Fields,
  fail: (reason: string) => never,
): number {
  const label = element.letter.repeat(element.count);
  if (isNumericField(element)) {
    let end = start;
    while (end < text.length && end - start < width && isDigit(text.charCodeAt(end))) end++;
    if (end === start) fail(`expected a number for '${label}' at character ${start + 1}`);
    storeNumber(element, Number(text.slice(start, end)), end - start, fields);
    return end;
  }
  switch (element.letter) {
    case 'M':
    case 'L':
      return readName(text, start, MONTH_NAMES, label, fail, (index) => (fields.month = index + 1));
    case 'E':
      return readName(text, start, DAY_NAMES, label, fail, () => undefined);
    case 'a': {
      const marker = text.slice(start, start + 2).toUpperCase();
      if (marker !== 'AM' && marker !== 'PM') fail(`expected AM or PM at character ${start + 1}`);
      fields.pm = marker === 'PM';
      return start + 2;
    }
    default:
      return readZone(text, start, label, fields, fail);
  }
}

function storeNumber(
  element: PatternElement & { kind: 'field' },
  value: number,
  digits: number,
  fields: Fields,
): void {
  switch (element.letter) {
    case 'y':
      fields.year = value;
      fields.twoDigitYear = element.count <= 2 && digits === 2;
      return;
    case 'M':
    case 'L':
      fields.month = value;
      return;
    case 'd':
      fields.day = value;
      return;
    case 'D':
      fields.dayOfYear = value;
      return;
    case 'H':
      fields.hourOfDay = value;
      return;
    case 'k':
      fields.hourOfDay = value === 24 ? 0 : value === 0 ? 24 : value;
      return;
    case 'h':
      fields.hourOfHalfDay = value === 12 ? 0 : value === 0 ? 12 : value;
      return;
    case 'K':
      fields.hourOfHalfDay = value;
      return;
    case 'm':
      fields.minute = value;
      return;
    case 's':
      fields.second = value;
      return;
    case 'S':
      fields.millisecond = value;
      return;
    default:
      // 'u' (day number of week) is read but, as in Java, the date fields decide the day.
      return;
  }
}

function readName(
  text: string,
  start: number,
  names: readonly string[],
  label: string,
  fail: (reason: string) => never,
  store: (index: number) => void,
): number {
  const rest = text.slice(start, start + 9).toLowerCase();
  for (const length of [Infinity, 3]) {
    const index = names.findIndex((name) => rest.startsWith(name.slice(0, length).toLowerCase()));
    const name = names[index];
    if (name !== undefined) {
      store(index);
      return start + Math.min(name.length, length);
    }
  }
  return fail(`expected a name for '${label}' at character ${start + 1}`);
}

function readZone(
  text: string,
  start: number,
  label: string,
  fields: Fields,
  fail: (reason: string) => never,
): number {
  OFFSET.lastIndex = start;
  const offset = OFFSET.exec(text);
  if (offset !== null) {
    const hours = Number(offset[2]);
    const minutes = Number(offset[3] ?? '0');
    if (hours > 18 || minutes > 59) fail(`offset '${offset[0]}' is out of range`);
    fields.offsetMs = (offset[1] === '-' ? -1 : 1) * (hours * 60 + minutes) * 60_000;
    return start + offset[0].length;
  }
  ZONE_NAME.lastIndex = start;
  const name = ZONE_NAME.exec(text)?.[0];
  if (name !== undefined) {
    const hours = ABBREVIATIONS[name.toUpperCase()];
    if (hours !== undefined) {
      fields.offsetMs = hours * 3_600_000;
      return start + name.length;
    }
    const zone = name.includes('/') ? resolveTimeZone(name) : undefined;
    if (zone !== undefined) {
      fields.zone = zone;
      return start + name.length;
    }
  }
  return fail(`expected a time zone for '${label}' at character ${start + 1}`);
}

function combine(
  fields: Fields,
  zone: TimeZone,
  referenceMs: number,
  fail: (reason: string) => never,
): number {
  let year = fields.year ?? 1970;
  if (fields.twoDigitYear === true) {
    const startYear = new Date(referenceMs).getUTCFullYear() - 80;
    year += startYear - (startYear % 100);
    if (year < startYear) year += 100;
  }
  let month = fields.month ?? 1;
  let day = fields.day ?? 1;
  if (fields.dayOfYear !== undefined && fields.month === undefined && fields.day === undefined) {
    checkRange('day of year', fields.dayOfYear, 1, isLeapYear(year) ? 366 : 365, fail);
    const date = new Date(utcFromFields(year, 0, fields.dayOfYear, 0, 0, 0, 0));
    month = date.getUTCMonth() + 1;
    day = date.getUTCDate();
  }
  checkRange('month', month, 1, 12, fail);
  checkRange('day', day, 1, daysInMonth(year, month - 1), fail);
  let hour = fields.hourOfDay;
  if (hour === undefined) {
    checkRange('hour', fields.hourOfHalfDay ?? 0, 0, 11, fail);
    hour = (fields.hourOfHalfDay ?? 0) + (fields.pm === true ? 12 : 0);
  }
  checkRange('hour', hour, 0, 23, fail);
  checkRange('minute', fields.minute ?? 0, 0, 59, fail);
  checkRange('second', fields.second ?? 0, 0, 59, fail);
  checkRange('millisecond', fields.millisecond ?? 0, 0, 999, fail);
  const wall = utcFromFields(
    year,
    month - 1,
    day,
    hour,
    fields.minute ?? 0,
    fields.second ?? 0,
    fields.millisecond ?? 0,
  );
  if (fields.offsetMs !== undefined) return wall - fields.offsetMs;
  return (fields.zone ?? zone).instantOf(wall);
}

function checkRange(
  name: string,
  value: number,
  min: number,
  max: number,
  fail: (reason: string) => never,
): void {
  if (value < min || value > max) fail(`${name} ${value} is out of range (${min}-${max})`);
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}
