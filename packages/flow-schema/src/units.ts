import { z } from 'zod';

/**
 * A unit a quantity may be written in: its accepted spellings (lower case) and its size as the
 * exact fraction `numerator / denominator` of the base unit (milliseconds or bytes).
 */
interface Unit {
  readonly names: readonly string[];
  readonly numerator: number;
  readonly denominator: number;
}

// NiFi's FormatUtils spellings, so durations copied from a NiFi flow keep working.
const DURATION_UNITS: readonly Unit[] = [
  { names: ['ns', 'nanos', 'nanosecond', 'nanoseconds'], numerator: 1, denominator: 1_000_000 },
  { names: ['micros', 'microsecond', 'microseconds'], numerator: 1, denominator: 1_000 },
  { names: ['ms', 'milli', 'millis', 'millisecond', 'milliseconds'], numerator: 1, denominator: 1 },
  { names: ['s', 'sec', 'secs', 'second', 'seconds'], numerator: 1_000, denominator: 1 },
  { names: ['m', 'min', 'mins', 'minute', 'minutes'], numerator: 60_000, denominator: 1 },
  { names: ['h', 'hr', 'hrs', 'hour', 'hours'], numerator: 3_600_000, denominator: 1 },
  { names: ['d', 'day', 'days'], numerator: 86_400_000, denominator: 1 },
  { names: ['w', 'wk', 'wks', 'week', 'weeks'], numerator: 604_800_000, denominator: 1 },
];

// NiFi's DataUnit: binary multiples, even though it writes them KB, MB, GB.
const DATA_SIZE_UNITS: readonly Unit[] = [
  { names: ['b', 'byte', 'bytes'], numerator: 1, denominator: 1 },
  { names: ['kb', 'kib'], numerator: 1024, denominator: 1 },
  { names: ['mb', 'mib'], numerator: 1024 ** 2, denominator: 1 },
  { names: ['gb', 'gib'], numerator: 1024 ** 3, denominator: 1 },
  { names: ['tb', 'tib'], numerator: 1024 ** 4, denominator: 1 },
  { names: ['pb', 'pib'], numerator: 1024 ** 5, denominator: 1 },
];

const QUANTITY = /^\s*(\d+)(?:\.(\d+))?\s*([a-z]+)\s*$/i;

const DURATION_FORMS =
  'a non-negative number and a time unit, e.g. "30 sec", "500 ms", "5 mins", "1.5 hours", "1 day" ' +
  '(units: ns, micros, ms/millis, s/sec/seconds, m/min/mins/minutes, h/hr/hours, d/day/days, w/week/weeks)';

const DATA_SIZE_FORMS =
  'a non-negative number and a size unit, e.g. "0 B", "512 bytes", "10 KB", "1.5 MB", "1 GB" ' +
  '(units: B/bytes, KB, MB, GB, TB, PB; 1 KB = 1024 bytes)';

/**
 * Parses `"<number> <unit>"` against a unit table, or returns undefined.
 *
 * The decimal is scaled as integers (`15 * 1000 / 10` for "1.5 sec") so that values like
 * "1.1 sec" come out as exactly 1100 rather than 1100.0000000000002.
 */
function parseQuantity(text: string, units: readonly Unit[]): number | undefined {
  const match = QUANTITY.exec(text);
  if (match === null) return undefined;
  const [, whole = '', fraction = '', unitName = ''] = match;
  const unit = units.find((candidate) => candidate.names.includes(unitName.toLowerCase()));
  if (unit === undefined) return undefined;
  const mantissa = Number(whole + fraction);
  const value = (mantissa * unit.numerator) / (10 ** fraction.length * unit.denominator);
  return Number.isFinite(value) ? value : undefined;
}

/**
 * Parses a NiFi-style duration such as `"30 sec"`, `"5 mins"`, `"500 ms"` or `"1.5 hours"` into
 * milliseconds. Units are case-insensitive and the space before the unit is optional.
 *
 * @throws Error naming the bad value and the accepted forms.
 */
export function parseDuration(text: string): number {
  const value = parseQuantity(text, DURATION_UNITS);
  if (value === undefined) {
    throw new Error(`Invalid duration ${JSON.stringify(text)}: expected ${DURATION_FORMS}`);
  }
  return value;
}

/**
 * Parses a NiFi-style data size such as `"1 GB"`, `"10 KB"`, `"0 B"` or `"512 bytes"` into bytes,
 * counting in binary multiples (1 KB = 1024 bytes) as NiFi does. A decimal that does not land on
 * a whole byte gives a fractional result ("1.3 KB" is 1331.2).
 *
 * @throws Error naming the bad value and the accepted forms.
 */
export function parseDataSize(text: string): number {
  const value = parseQuantity(text, DATA_SIZE_UNITS);
  if (value === undefined) {
    throw new Error(`Invalid data size ${JSON.stringify(text)}: expected ${DATA_SIZE_FORMS}`);
  }
  return value;
}

/** Whether `text` is a duration {@link parseDuration} accepts. */
export function isDuration(text: string): boolean {
  return parseQuantity(text, DURATION_UNITS) !== undefined;
}

/** Whether `text` is a data size {@link parseDataSize} accepts. */
export function isDataSize(text: string): boolean {
  return parseQuantity(text, DATA_SIZE_UNITS) !== undefined;
}

/** A unit used for display: its size in the base unit and its singular and plural names. */
interface DisplayUnit {
  readonly size: number;
  readonly one: string;
  readonly many: string;
}

const DURATION_DISPLAY: readonly DisplayUnit[] = [
  { size: 86_400_000, one: 'day', many: 'days' },
  { size: 3_600_000, one: 'hour', many: 'hours' },
  { size: 60_000, one: 'min', many: 'mins' },
  { size: 1_000, one: 'sec', many: 'sec' },
  { size: 1, one: 'millis', many: 'millis' },
];

const DATA_SIZE_DISPLAY: readonly DisplayUnit[] = [
  { size: 1024 ** 5, one: 'PB', many: 'PB' },
  { size: 1024 ** 4, one: 'TB', many: 'TB' },
  { size: 1024 ** 3, one: 'GB', many: 'GB' },
  { size: 1024 ** 2, one: 'MB', many: 'MB' },
  { size: 1024, one: 'KB', many: 'KB' },
  { size: 1, one: 'byte', many: 'bytes' },
];

/** Writes `amount` in the largest unit it reaches, with at most two decimals. */
function formatQuantity(amount: number, units: readonly DisplayUnit[], what: string): string {
  if (!Number.isFinite(amount) || amount < 0) {
    throw new RangeError(`Cannot format ${what} ${amount}: expected a finite number >= 0`);
  }
  const unit = units.find((candidate) => amount >= candidate.size) ?? units[units.length - 1];
  if (unit === undefined) throw new Error('a display unit table must not be empty');
  const value = Math.round((amount / unit.size) * 100) / 100;
  return `${value} ${value === 1 ? unit.one : unit.many}`;
}

/**
 * Formats milliseconds for people, in the largest unit reached and with at most two decimals:
 * 30000 → `"30 sec"`, 90000 → `"1.5 mins"`, 100 → `"100 millis"`, 0 → `"0 sec"`.
 * The result is always accepted by {@link parseDuration}, but rounding to two decimals may
 * lose precision, so keep the original string where the exact value matters.
 *
 * @throws RangeError for a negative or non-finite value.
 */
export function formatDuration(ms: number): string {
  if (ms === 0) return '0 sec';
  return formatQuantity(ms, DURATION_DISPLAY, 'duration');
}

/**
 * Formats bytes for people in binary multiples, like NiFi: 1572864 → `"1.5 MB"`,
 * 512 → `"512 bytes"`, 0 → `"0 bytes"`. Accepted by {@link parseDataSize}; may round.
 *
 * @throws RangeError for a negative or non-finite value.
 */
export function formatDataSize(bytes: number): string {
  return formatQuantity(bytes, DATA_SIZE_DISPLAY, 'data size');
}

/** Reports the parser's own message as a zod issue, so the text is written in one place. */
function unitString(parse: (text: string) => number) {
  return z.string().superRefine((text, ctx) => {
    try {
      parse(text);
    } catch (error) {
      ctx.addIssue({
        code: 'custom',
        message: error instanceof Error ? error.message : String(error),
      });
    }
  });
}

/** Zod schema of a duration string such as `"30 sec"`; the string is kept as written. */
export const durationString = unitString(parseDuration);

/** Zod schema of a data size string such as `"1 GB"`; the string is kept as written. */
export const dataSizeString = unitString(parseDataSize);
