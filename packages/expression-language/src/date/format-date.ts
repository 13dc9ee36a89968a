import { DAY_NAMES, MONTH_NAMES } from './calendar.js';
import type { DatePattern, PatternElement } from './date-pattern.js';
import { formatGmtOffset, formatOffset, type TimeZone } from './time-zone.js';

/** The wall-clock fields of an instant in a zone. */
interface WallTime {
  readonly year: number;
  readonly monthIndex: number;
  readonly day: number;
  readonly dayOfYear: number;
  readonly weekday: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
  readonly millisecond: number;
  readonly offsetMs: number;
}

/** Formats an instant with a compiled Java SimpleDateFormat pattern, in the given zone. */
export function formatDate(epochMs: number, pattern: DatePattern, zone: TimeZone): string {
  const time = wallTime(epochMs, zone);
  let out = '';
  for (const element of pattern.elements) {
    out += element.kind === 'literal' ? element.text : formatField(element, time, zone);
  }
  return out;
}

function wallTime(epochMs: number, zone: TimeZone): WallTime {
  const offsetMs = zone.offsetAt(epochMs);
  const local = new Date(epochMs + offsetMs);
  const year = local.getUTCFullYear();
  const startOfYear = new Date(0);
  startOfYear.setUTCFullYear(year, 0, 1);
  return {
    year,
    monthIndex: local.getUTCMonth(),
    day: local.getUTCDate(),
    dayOfYear: Math.floor((local.getTime() - startOfYear.getTime()) / 86_400_000) + 1,
    weekday: local.getUTCDay(),
    hour: local.getUTCHours(),
    minute: local.getUTCMinutes(),
    second: local.getUTCSeconds(),
    millisecond: local.getUTCMilliseconds(),
    offsetMs,
  };
}

function formatField(
  element: PatternElement & { kind: 'field' },
  time: WallTime,
  zone: TimeZone,
): string {
  const { count } = element;
  switch (element.letter) {
    case 'y': {
      // Java prints the year of the era: 1 BC is year 1.
      const year = time.year > 0 ? time.year : 1 - time.year;
      return count === 2 ? pad(year % 100, 2) : pad(year, count);
    }
    case 'M':
    case 'L':
      if (count >= 4) return MONTH_NAMES[time.monthIndex] ?? '';
      if (count === 3) return (MONTH_NAMES[time.monthIndex] ?? '').slice(0, 3);
      return pad(time.monthIndex + 1, count);
    case 'd':
      return pad(time.day, count);
    case 'D':
      return pad(time.dayOfYear, count);
    case 'H':
      return pad(time.hour, count);
    case 'k':
      return pad(time.hour === 0 ? 24 : time.hour, count);
    case 'K':
      return pad(time.hour % 12, count);
    case 'h':
      return pad(time.hour % 12 === 0 ? 12 : time.hour % 12, count);
    case 'm':
      return pad(time.minute, count);
    case 's':
      return pad(time.second, count);
    case 'S':
      return pad(time.millisecond, count);
    case 'E': {
      const name = DAY_NAMES[time.weekday] ?? '';
      return count >= 4 ? name : name.slice(0, 3);
    }
    case 'u':
      return pad(time.weekday === 0 ? 7 : time.weekday, count);
    case 'a':
      return time.hour < 12 ? 'AM' : 'PM';
    case 'Z':
      return formatOffset(time.offsetMs, false);
    case 'X':
      if (time.offsetMs === 0) return 'Z';
      if (count === 1) return formatOffset(time.offsetMs, false).slice(0, 3);
      return formatOffset(time.offsetMs, count === 3);
    case 'z':
      if (time.offsetMs !== 0) return formatGmtOffset(time.offsetMs);
      if (count < 4) return zone.zeroOffsetName;
      return zone.zeroOffsetName === 'UTC' ? 'Coordinated Universal Time' : 'Greenwich Mean Time';
    default: {
      const unreachable: never = element.letter;
      return unreachable;
    }
  }
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}
