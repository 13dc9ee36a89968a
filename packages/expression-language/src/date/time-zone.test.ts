import { describe, expect, it } from 'vitest';
import { UTC, formatGmtOffset, formatOffset, resolveTimeZone } from './time-zone.js';

const HOUR = 3_600_000;

describe('resolveTimeZone', () => {
  it.each([
    ['UTC', 0, 'UTC'],
    ['Etc/UTC', 0, 'UTC'],
    ['Z', 0, 'UTC'],
    ['GMT', 0, 'GMT'],
    ['+09:00', 9 * HOUR, 'GMT'],
    ['-0530', -5.5 * HOUR, 'GMT'],
    ['GMT+9', 9 * HOUR, 'GMT'],
    ['UTC-03:00', -3 * HOUR, 'GMT'],
    ['Asia/Seoul', 9 * HOUR, 'GMT'],
  ])('%s has offset %i', (id, offset, zeroName) => {
    const zone = resolveTimeZone(id);
    expect(zone?.offsetAt(Date.UTC(2024, 0, 1))).toBe(offset);
    expect(zone?.zeroOffsetName).toBe(zeroName);
  });

  it('follows daylight saving time in named zones', () => {
    const berlin = resolveTimeZone('Europe/Berlin');
    expect(berlin?.offsetAt(Date.UTC(2024, 0, 1))).toBe(HOUR);
    expect(berlin?.offsetAt(Date.UTC(2024, 6, 1))).toBe(2 * HOUR);
    // Clocks went forward at 01:00 UTC on 31 March 2024.
    expect(berlin?.offsetAt(Date.UTC(2024, 2, 31, 0, 59))).toBe(HOUR);
    expect(berlin?.offsetAt(Date.UTC(2024, 2, 31, 1, 0))).toBe(2 * HOUR);
  });

  it('finds the instant of a wall time', () => {
    const berlin = resolveTimeZone('Europe/Berlin');
    expect(berlin?.instantOf(Date.UTC(2024, 6, 1, 12))).toBe(Date.UTC(2024, 6, 1, 10));
    expect(UTC.instantOf(42)).toBe(42);
  });

  it.each(['Mars/Olympus', '+25:00', 'GMT+5:99', ''])('does not know %s', (id) => {
    expect(resolveTimeZone(id)).toBeUndefined();
  });

  it('caches zones', () => {
    expect(resolveTimeZone('Asia/Tokyo')).toBe(resolveTimeZone('Asia/Tokyo'));
  });
});

describe('formatOffset', () => {
  it('prints offsets with and without a colon', () => {
    expect(formatOffset(9 * HOUR, false)).toBe('+0900');
    expect(formatOffset(-5.5 * HOUR, true)).toBe('-05:30');
    expect(formatOffset(0, true)).toBe('+00:00');
    expect(formatGmtOffset(-3 * HOUR)).toBe('GMT-03:00');
  });
});
