import { fail, type CallSite } from './call-site.js';
import { compileDatePattern, DateFormatError } from './date/date-pattern.js';
import { formatDate } from './date/format-date.js';
import { parseDate } from './date/parse-date.js';
import { UTC, resolveTimeZone, type TimeZone } from './date/time-zone.js';
import type { EvaluationContext } from './evaluation-context.js';
import { decimalToText, describeValue, type Numeric, type Value } from './values.js';

/** How NiFi prints a date that is not formatted explicitly (Java's `Date.toString`). */
export const DEFAULT_DATE_PATTERN = compileDatePattern('EEE MMM dd HH:mm:ss zzz yyyy');
const DEFAULT_DATE_TEXT = /^(?:[a-zA-Z]{3} ){2}\d{2} \d{2}:\d{2}:\d{2} .*? \d{4}$/;
const SLASHED_DATE = /^\d{4}\/\d{2}\/\d{2} \d{2}:\d{2}:\d{2}(\.\d{3})?$/;
const SLASHED_PATTERN = compileDatePattern('yyyy/MM/dd HH:mm:ss');
const SLASHED_PATTERN_MILLIS = compileDatePattern('yyyy/MM/dd HH:mm:ss.SSS');
const WHOLE = /^[-+]?\d+$/;
const HEX = /^([-+]?)0[xX]([0-9a-fA-F]+)$/;
const DECIMAL = /^[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?$/;
const DIGITS = /^\d+$/;
const MIN_LONG = -(2n ** 63n);
const MAX_LONG = 2n ** 63n - 1n;
/** The largest time a JavaScript Date holds, in milliseconds either side of the epoch. */
const MAX_DATE_MS = 8.64e15;

/** Prints a value as text: null is empty, dates as NiFi prints them, in the context's zone. */
export function toText(value: Value, ctx: EvaluationContext): string {
  if (typeof value === 'string') return value;
  if (value === null) return '';
  if (typeof value === 'number') return decimalToText(value);
  if (value instanceof Date) return formatDate(value.getTime(), DEFAULT_DATE_PATTERN, zoneOf(ctx));
  return String(value);
}

/** Text of a value, keeping null as null (for functions where a missing value matters). */
export function toTextOrNull(value: Value, ctx: EvaluationContext): string | null {
  return value === null ? null : toText(value, ctx);
}

/**
 * Reads a number from text as NiFi does: digits (or `0x` hex) make a whole number, a point or
 * an exponent a decimal. Undefined when the text is not a number.
 */
export function parseNumberText(text: string): Numeric | undefined {
  const trimmed = text.trim();
  if (WHOLE.test(trimmed)) {
    const whole = BigInt(trimmed);
    return whole >= MIN_LONG && whole <= MAX_LONG ? whole : Number(trimmed);
  }
  const hex = HEX.exec(trimmed);
  if (hex !== null) {
    const magnitude = BigInt(`0x${hex[2] ?? '0'}`);
    const whole = hex[1] === '-' ? -magnitude : magnitude;
    return whole >= MIN_LONG && whole <= MAX_LONG ? whole : undefined;
  }
  return DECIMAL.test(trimmed) ? Number(trimmed) : undefined;
}

/**
 * A value as a number: text is parsed, a date gives its epoch milliseconds; null and blank text
 * give null (NiFi's result for a missing value).
 */
export function toNumeric(value: Value, site: CallSite): Numeric | null {
  if (value === null || typeof value === 'bigint' || typeof value === 'number') return value;
  if (typeof value === 'string') {
    if (value.trim() === '') return null;
    return parseNumberText(value) ?? fail(site, `cannot convert '${value}' to a number`);
  }
  if (value instanceof Date) return BigInt(value.getTime());
  return fail(site, `cannot convert ${describeValue(value)} to a number`);
}

/** A value as a whole number, as `toNumber` makes it: decimals are truncated toward zero. */
export function toWhole(value: Value, site: CallSite): bigint | null {
  const numeric = toNumeric(value, site);
  if (numeric === null || typeof numeric === 'bigint') return numeric;
  if (!Number.isFinite(numeric))
    return fail(site, `cannot convert ${describeValue(numeric)} to a whole number`);
  return BigInt.asIntN(64, BigInt(Math.trunc(numeric)));
}

/** A value as a JavaScript integer, for lengths and indexes; decimals are truncated. */
export function toInteger(value: Value, site: CallSite): number | null {
  const numeric = toNumeric(value, site);
  if (numeric === null) return null;
  const integer = typeof numeric === 'bigint' ? Number(numeric) : Math.trunc(numeric);
  return Number.isFinite(integer)
    ? integer
    : fail(site, `${describeValue(value)} is not a usable whole number`);
}

/** A value as a boolean: text is true when it reads `true` in any case, as Java's Boolean.valueOf. */
export function toBoolean(value: Value, site: CallSite): boolean | null {
  if (value === null || typeof value === 'boolean') return value;
  if (typeof value === 'string') return value.trim().toLowerCase() === 'true';
  return fail(site, `expected a boolean but got ${describeValue(value)}`);
}

/**
 * A value as a date, as NiFi casts implicitly: a number or digits are epoch milliseconds, and
 * text in NiFi's default date format or `yyyy/MM/dd HH:mm:ss[.SSS]` is parsed.
 */
export function toDateValue(value: Value, site: CallSite, ctx: EvaluationContext): Date | null {
  if (value === null || value instanceof Date) return value;
  if (typeof value === 'bigint' || typeof value === 'number')
    return epochToDate(Number(value), site);
  if (typeof value === 'boolean')
    return fail(site, `cannot convert ${describeValue(value)} to a date`);
  const text = value.trim();
  if (DIGITS.test(text)) return epochToDate(Number(text), site);
  const pattern = DEFAULT_DATE_TEXT.test(text)
    ? DEFAULT_DATE_PATTERN
    : SLASHED_DATE.test(text)
      ? text.includes('.')
        ? SLASHED_PATTERN_MILLIS
        : SLASHED_PATTERN
      : undefined;
  if (pattern === undefined) {
    return fail(site, `cannot convert '${value}' to a date; parse it with toDate('<pattern>')`);
  }
  try {
    return new Date(parseDate(text, pattern, zoneOf(ctx), nowMs(ctx)));
  } catch (error) {
    if (error instanceof DateFormatError) return fail(site, error.message);
    throw error;
  }
}

/** A date from epoch milliseconds, refusing times a Date cannot hold. */
export function epochToDate(epochMs: number, site: CallSite): Date {
  if (!Number.isFinite(epochMs) || Math.abs(epochMs) > MAX_DATE_MS) {
    return fail(site, `${epochMs} milliseconds is outside the range of dates`);
  }
  return new Date(Math.trunc(epochMs));
}

/** The context's default time zone (UTC unless it names one). */
export function zoneOf(ctx: EvaluationContext): TimeZone {
  const id = ctx.timeZone;
  if (id === undefined) return UTC;
  const zone = resolveTimeZone(id);
  if (zone === undefined) throw new Error(`unknown time zone '${id}' in the evaluation context`);
  return zone;
}

/** The context's current time in epoch milliseconds. */
export function nowMs(ctx: EvaluationContext): number {
  return ctx.now === undefined ? Date.now() : ctx.now().getTime();
}
