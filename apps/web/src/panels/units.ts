/**
 * NiFi-style durations ("30 sec") and data sizes ("1 GB"), checked in the browser with the same
 * spellings and messages as `@sluice/flow-schema`'s `parseDuration` / `parseDataSize`. Written
 * here rather than imported because flow-schema brings zod into the bundle and is not a
 * dependency of the editor; a property test keeps the two in step.
 */

const QUANTITY = /^\s*(\d+)(?:\.(\d+))?\s*([a-z]+)\s*$/i;

/** A unit's spellings (lower case) and its size as `numerator / denominator` of ms or bytes. */
type UnitTable = ReadonlyMap<string, readonly [number, number]>;

function table(rows: readonly (readonly [readonly string[], number, number])[]): UnitTable {
  return new Map(rows.flatMap(([names, n, d]) => names.map((name) => [name, [n, d]] as const)));
}

// NiFi's FormatUtils spellings, as flow-schema accepts them.
const DURATION_UNITS = table([
  [['ns', 'nanos', 'nanosecond', 'nanoseconds'], 1, 1_000_000],
  [['micros', 'microsecond', 'microseconds'], 1, 1_000],
  [['ms', 'milli', 'millis', 'millisecond', 'milliseconds'], 1, 1],
  [['s', 'sec', 'secs', 'second', 'seconds'], 1_000, 1],
  [['m', 'min', 'mins', 'minute', 'minutes'], 60_000, 1],
  [['h', 'hr', 'hrs', 'hour', 'hours'], 3_600_000, 1],
  [['d', 'day', 'days'], 86_400_000, 1],
  [['w', 'wk', 'wks', 'week', 'weeks'], 604_800_000, 1],
]);

// NiFi's DataUnit: binary multiples, written KB, MB, GB.
const DATA_SIZE_UNITS = table([
  [['b', 'byte', 'bytes'], 1, 1],
  [['kb', 'kib'], 1024, 1],
  [['mb', 'mib'], 1024 ** 2, 1],
  [['gb', 'gib'], 1024 ** 3, 1],
  [['tb', 'tib'], 1024 ** 4, 1],
  [['pb', 'pib'], 1024 ** 5, 1],
]);

const DURATION_FORMS =
  'a non-negative number and a time unit, e.g. "30 sec", "500 ms", "5 mins", "1.5 hours", "1 day" ' +
  '(units: ns, micros, ms/millis, s/sec/seconds, m/min/mins/minutes, h/hr/hours, d/day/days, w/week/weeks)';

const DATA_SIZE_FORMS =
  'a non-negative number and a size unit, e.g. "0 B", "512 bytes", "10 KB", "1.5 MB", "1 GB" ' +
  '(units: B/bytes, KB, MB, GB, TB, PB; 1 KB = 1024 bytes)';

function isQuantity(text: string, units: UnitTable): boolean {
  const match = QUANTITY.exec(text);
  if (match === null) return false;
  const [, whole = '', fraction = '', unitName = ''] = match;
  const unit = units.get(unitName.toLowerCase());
  if (unit === undefined) return false;
  // The same arithmetic as the server's, so an absurdly long number overflows on both sides.
  const value = (Number(whole + fraction) * unit[0]) / (10 ** fraction.length * unit[1]);
  return Number.isFinite(value);
}

/** Why `text` is not a duration the server accepts, in the server's words; undefined when it is. */
export function durationProblem(text: string): string | undefined {
  return isQuantity(text, DURATION_UNITS)
    ? undefined
    : `Invalid duration ${JSON.stringify(text)}: expected ${DURATION_FORMS}`;
}

/** Why `text` is not a data size the server accepts, in the server's words; undefined when it is. */
export function dataSizeProblem(text: string): string | undefined {
  return isQuantity(text, DATA_SIZE_UNITS)
    ? undefined
    : `Invalid data size ${JSON.stringify(text)}: expected ${DATA_SIZE_FORMS}`;
}
