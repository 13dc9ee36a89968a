/** The date and time column types: `timestamp` (without time zone), `timestamptz`, `date`. */
export type TimestampKind = 'timestamp' | 'timestamptz' | 'date';

const ISO =
  /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?\s*(Z|z|[+-]\d{2}(?::?\d{2})?)?)?$/;
const MAX_DATE_MILLIS = 8.64e15;

/**
 * Epoch milliseconds as text for the column: `timestamptz` gets the instant in UTC,
 * `timestamp` the UTC wall-clock time, `date` the UTC date. Undefined when the number is not
 * whole or falls outside the years 1 to 9999.
 */
export function epochMillisText(value: number | bigint, kind: TimestampKind): string | undefined {
  const millis = typeof value === 'bigint' ? Number(value) : value;
  if (!Number.isInteger(millis) || Math.abs(millis) > MAX_DATE_MILLIS) return undefined;
  const iso = new Date(millis).toISOString();
  // Years outside 0000-9999 are written with a sign and six digits; year 0 is 1 BC.
  if (!/^\d{4}-/.test(iso) || iso.startsWith('0000')) return undefined;
  return formatUtc(iso, kind);
}

/**
 * ISO 8601 text (`2024-05-01`, `2024-05-01T12:30:00.123456Z`, `2024-05-01 12:30+09:00`) as
 * text for the column, or undefined when it is not such a date or timestamp. PostgreSQL
 * silently drops a time zone written into a `timestamp without time zone`; Sluice instead
 * converts a zoned time to UTC first, so `...T12:30+09:00` and its epoch milliseconds store
 * the same wall-clock time (03:30). Zone-less times are taken as they are written.
 */
export function isoTimestampText(text: string, kind: TimestampKind): string | undefined {
  if (/^[+-]?infinity$/i.test(text)) return text.toLowerCase();
  const match = ISO.exec(text);
  if (!match) return undefined;
  const [, year = '', month = '', day = '', hour, minute, second, fraction = '', zone] = match;
  const y = Number(year);
  const mo = Number(month);
  const d = Number(day);
  if (y < 1 || mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) return undefined;
  const date = `${year}-${month}-${day}`;
  if (hour === undefined || minute === undefined) {
    return kind === 'timestamptz' ? `${date}T00:00:00Z` : date;
  }
  const h = Number(hour);
  const mi = Number(minute);
  const s = Number(second ?? '0');
  if (h > 23 || mi > 59 || s > 60) return undefined;
  const time = `${hour}:${minute}:${second ?? '00'}${fraction}`;
  if (zone === undefined) return kind === 'date' ? date : `${date} ${time}`;
  if (kind === 'timestamptz') return `${date}T${time}${zone.toUpperCase()}`;
  // A zoned time for a zone-less column: the same instant as UTC wall-clock time.
  const instant = new Date(0);
  instant.setUTCFullYear(y, mo - 1, d);
  instant.setUTCHours(h, mi, s, 0);
  const utc = new Date(instant.getTime() - offsetMinutes(zone) * 60_000).toISOString();
  const converted = formatUtc(utc, 'timestamp');
  return kind === 'date' ? converted.slice(0, 10) : `${converted.slice(0, 19)}${fraction}`;
}

/** `2024-05-01T03:30:00.000Z` as the column wants it. */
function formatUtc(iso: string, kind: TimestampKind): string {
  switch (kind) {
    case 'timestamptz':
      return iso;
    case 'timestamp':
      return `${iso.slice(0, 10)} ${iso.slice(11, 23)}`;
    case 'date':
      return iso.slice(0, 10);
    default: {
      const exhaustive: never = kind;
      throw new Error(`Unknown timestamp kind ${String(exhaustive)}`);
    }
  }
}

/** `Z`, `+09`, `+0930` or `-09:30` in minutes east of UTC. */
function offsetMinutes(zone: string): number {
  if (zone === 'Z' || zone === 'z') return 0;
  const sign = zone.startsWith('-') ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4) || '0'));
}

function daysInMonth(year: number, month: number): number {
  const date = new Date(0);
  date.setUTCFullYear(year, month, 0);
  return date.getUTCDate();
}
