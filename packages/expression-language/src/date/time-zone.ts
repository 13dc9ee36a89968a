import { floorMod, utcFromFields } from './calendar.js';

/** A time zone: how far its wall clock is from UTC at a given instant. */
export interface TimeZone {
  /** The id it was resolved from, such as `UTC`, `+09:00` or `Asia/Seoul`. */
  readonly id: string;
  /** Milliseconds to add to an instant to get the wall-clock time in this zone. */
  offsetAt(epochMs: number): number;
  /** The instant at which this zone's clock shows `wallMs` (a wall time encoded as UTC). */
  instantOf(wallMs: number): number;
  /** What the `z` pattern letter prints at a zero offset: Java prints `UTC` or `GMT`. */
  readonly zeroOffsetName: 'UTC' | 'GMT';
}

const MAX_CACHED_ZONES = 256;
const MAX_CACHED_OFFSETS = 4096;
/** Offsets are cached per quarter hour: zone transitions fall on quarter-hour boundaries. */
const OFFSET_BUCKET_MS = 15 * 60 * 1000;
const UTC_NAMES = new Set([
  'UTC',
  'ETC/UTC',
  'UCT',
  'ETC/UCT',
  'Z',
  'ZULU',
  'ETC/ZULU',
  'UT',
  'UNIVERSAL',
  'ETC/UNIVERSAL',
]);
const GMT_NAMES = new Set(['GMT', 'ETC/GMT', 'GMT0', 'ETC/GMT0', 'GREENWICH', 'ETC/GREENWICH']);
const FIXED_OFFSET = /^(?:GMT|UTC|UT)?([+-])(\d{1,2})(?::?(\d{2}))?$/i;

/** Creates a zone whose offset never changes. */
export function fixedOffsetZone(
  id: string,
  offsetMs: number,
  zeroOffsetName: 'UTC' | 'GMT' = 'GMT',
): TimeZone {
  return {
    id,
    zeroOffsetName,
    offsetAt: () => offsetMs,
    instantOf: (wallMs) => wallMs - offsetMs,
  };
}

/** Coordinated Universal Time, the default zone of Sluice's expressions. */
export const UTC: TimeZone = fixedOffsetZone('UTC', 0, 'UTC');

const resolved = new Map<string, TimeZone | undefined>();

/**
 * Resolves a time zone id: `UTC`, `GMT`, fixed offsets (`+09:00`, `-0530`, `GMT+9`) and IANA
 * names (`Asia/Seoul`, through `Intl`). Undefined for an unknown id, where Java would silently
 * fall back to GMT.
 */
export function resolveTimeZone(id: string): TimeZone | undefined {
  if (resolved.has(id)) return resolved.get(id);
  const zone = createZone(id);
  if (resolved.size >= MAX_CACHED_ZONES) resolved.clear();
  resolved.set(id, zone);
  return zone;
}

function createZone(id: string): TimeZone | undefined {
  const upper = id.trim().toUpperCase();
  if (UTC_NAMES.has(upper)) return fixedOffsetZone(id, 0, 'UTC');
  if (GMT_NAMES.has(upper)) return fixedOffsetZone(id, 0, 'GMT');
  const fixed = FIXED_OFFSET.exec(id.trim());
  if (fixed !== null) {
    const hours = Number(fixed[2]);
    const minutes = Number(fixed[3] ?? '0');
    if (hours > 18 || minutes > 59) return undefined;
    const sign = fixed[1] === '-' ? -1 : 1;
    return fixedOffsetZone(id, sign * (hours * 60 + minutes) * 60_000);
  }
  return intlZone(id);
}

function intlZone(id: string): TimeZone | undefined {
  let format: Intl.DateTimeFormat;
  try {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone: id,
      hourCycle: 'h23',
      era: 'short',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
  } catch {
    return undefined;
  }
  const cache = new Map<number, number>();
  const offsetAt = (epochMs: number): number => {
    const bucket = Math.floor(epochMs / OFFSET_BUCKET_MS);
    let offset = cache.get(bucket);
    if (offset === undefined) {
      offset = computeOffset(format, epochMs);
      if (cache.size >= MAX_CACHED_OFFSETS) cache.clear();
      cache.set(bucket, offset);
    }
    return offset;
  };
  return {
    id,
    zeroOffsetName: 'GMT',
    offsetAt,
    instantOf: (wallMs) => {
      const first = offsetAt(wallMs);
      const second = offsetAt(wallMs - first);
      return wallMs - (second === first ? first : second);
    },
  };
}

function computeOffset(format: Intl.DateTimeFormat, epochMs: number): number {
  const fields: Record<string, number> = {};
  let beforeChrist = false;
  for (const part of format.formatToParts(epochMs)) {
    if (part.type === 'era') beforeChrist = part.value.startsWith('B');
    else if (part.type !== 'literal') fields[part.type] = Number(part.value);
  }
  const yearOfEra = fields['year'] ?? 1970;
  const wall = utcFromFields(
    beforeChrist ? 1 - yearOfEra : yearOfEra,
    (fields['month'] ?? 1) - 1,
    fields['day'] ?? 1,
    fields['hour'] ?? 0,
    fields['minute'] ?? 0,
    fields['second'] ?? 0,
    0,
  );
  return wall - (epochMs - floorMod(epochMs, 1000));
}

/** Formats an offset as Java's general time zone does: `GMT+09:00`. */
export function formatGmtOffset(offsetMs: number): string {
  return `GMT${formatOffset(offsetMs, true)}`;
}

/** Formats an offset as `+0900` or, with a colon, `+09:00`. */
export function formatOffset(offsetMs: number, colon: boolean): string {
  const totalMinutes = Math.round(Math.abs(offsetMs) / 60_000);
  const hours = String(Math.floor(totalMinutes / 60)).padStart(2, '0');
  const minutes = String(totalMinutes % 60).padStart(2, '0');
  return `${offsetMs < 0 ? '-' : '+'}${hours}${colon ? ':' : ''}${minutes}`;
}
