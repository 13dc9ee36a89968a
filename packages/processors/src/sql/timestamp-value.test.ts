import { describe, expect, it } from 'vitest';
import { toColumnValue } from './column-value.js';
import type { ColumnInfo } from './table-schema.js';
import { epochMillisText, isoTimestampText } from './timestamp-value.js';

const MILLIS = Date.UTC(2024, 4, 1, 3, 30, 15, 250); // 2024-05-01T03:30:15.250Z

describe('epochMillisText', () => {
  it('gives the instant for timestamptz, the UTC wall clock for timestamp, the UTC date for date', () => {
    expect(epochMillisText(MILLIS, 'timestamptz')).toBe('2024-05-01T03:30:15.250Z');
    expect(epochMillisText(MILLIS, 'timestamp')).toBe('2024-05-01 03:30:15.250');
    expect(epochMillisText(BigInt(MILLIS), 'date')).toBe('2024-05-01');
    expect(epochMillisText(-1, 'timestamp')).toBe('1969-12-31 23:59:59.999');
  });

  it('refuses fractions and instants outside the years 1 to 9999', () => {
    expect(epochMillisText(1.5, 'timestamp')).toBeUndefined();
    expect(epochMillisText(Date.UTC(10000, 0, 1), 'timestamp')).toBeUndefined();
    expect(epochMillisText(8.64e15 + 1, 'timestamp')).toBeUndefined();
  });
});

describe('isoTimestampText', () => {
  it('keeps zone-less text as written, microseconds included', () => {
    expect(isoTimestampText('2024-05-01T12:30:00.123456', 'timestamp')).toBe(
      '2024-05-01 12:30:00.123456',
    );
    expect(isoTimestampText('2024-05-01 12:30', 'timestamptz')).toBe('2024-05-01 12:30:00');
    expect(isoTimestampText('2024-05-01', 'date')).toBe('2024-05-01');
    expect(isoTimestampText('2024-05-01', 'timestamptz')).toBe('2024-05-01T00:00:00Z');
  });

  it('keeps the zone for timestamptz, and converts a zoned time to UTC for timestamp and date', () => {
    expect(isoTimestampText('2024-05-01T12:30:00.5+09:00', 'timestamptz')).toBe(
      '2024-05-01T12:30:00.5+09:00',
    );
    expect(isoTimestampText('2024-05-01T12:30:00.123456+09:00', 'timestamp')).toBe(
      '2024-05-01 03:30:00.123456',
    );
    expect(isoTimestampText('2024-05-01T01:00:00+0930', 'date')).toBe('2024-04-30');
    expect(isoTimestampText('2024-12-31T23:30:00-01:00', 'timestamp')).toBe('2025-01-01 00:30:00');
    expect(isoTimestampText('2024-05-01t12:30:00z', 'timestamp')).toBe('2024-05-01 12:30:00');
  });

  it('refuses impossible dates and times, and text that is not ISO 8601', () => {
    for (const text of [
      '2024-02-30',
      '2023-13-01',
      '2024-05-01T24:00',
      '2024-05-01T12:60',
      '01/05/2024',
      'yesterday',
      '2024-5-1',
    ]) {
      expect(isoTimestampText(text, 'timestamp'), text).toBeUndefined();
    }
    expect(isoTimestampText('2024-02-29', 'date')).toBe('2024-02-29');
  });

  it("passes PostgreSQL's infinity through", () => {
    expect(isoTimestampText('Infinity', 'timestamptz')).toBe('infinity');
    expect(isoTimestampText('-infinity', 'date')).toBe('-infinity');
  });
});

describe('toColumnValue for timestamp columns', () => {
  const timestamptz: ColumnInfo = {
    name: 'at',
    dataType: 'timestamp with time zone',
    udtName: 'timestamptz',
    nullable: true,
    hasDefault: false,
    identity: false,
    generated: false,
  };

  it('takes ISO text, epoch milliseconds and their text', () => {
    expect(toColumnValue('2024-05-01T03:30:15.250Z', timestamptz, 'UTF-8')).toEqual({
      ok: true,
      value: '2024-05-01T03:30:15.250Z',
    });
    expect(toColumnValue(MILLIS, timestamptz, 'UTF-8')).toEqual({
      ok: true,
      value: '2024-05-01T03:30:15.250Z',
    });
    expect(toColumnValue(String(MILLIS), timestamptz, 'UTF-8')).toEqual({
      ok: true,
      value: '2024-05-01T03:30:15.250Z',
    });
  });

  it('refuses anything else with the accepted forms', () => {
    expect(toColumnValue('next tuesday', timestamptz, 'UTF-8')).toEqual({
      ok: false,
      reason:
        '"next tuesday" is not a timestamp: expected ISO 8601 text (e.g. 2024-05-01T12:30:00Z) or epoch milliseconds',
    });
    expect(toColumnValue(true, timestamptz, 'UTF-8')).toMatchObject({ ok: false });
    expect(toColumnValue(1.5, timestamptz, 'UTF-8')).toEqual({
      ok: false,
      reason: '1.5 is not whole epoch milliseconds between the years 1 and 9999',
    });
  });
});
