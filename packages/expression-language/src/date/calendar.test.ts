import { describe, expect, it } from 'vitest';
import { daysInMonth, floorMod, isLeapYear, utcFromFields } from './calendar.js';

describe('calendar', () => {
  it('knows leap years', () => {
    expect([1900, 2000, 2023, 2024].map(isLeapYear)).toEqual([false, true, false, true]);
    expect(daysInMonth(2024, 1)).toBe(29);
    expect(daysInMonth(2023, 1)).toBe(28);
    expect(daysInMonth(2023, 3)).toBe(30);
    expect(daysInMonth(2023, 11)).toBe(31);
  });

  it('takes years below 100 as written', () => {
    expect(new Date(utcFromFields(24, 1, 29, 0, 0, 0, 0)).getUTCFullYear()).toBe(24);
    expect(new Date(utcFromFields(0, 1, 29, 0, 0, 0, 0)).toISOString()).toBe(
      '0000-02-29T00:00:00.000Z',
    );
    expect(utcFromFields(2024, 0, 1, 0, 0, 0, 0)).toBe(Date.UTC(2024, 0, 1));
  });

  it('floors remainders of negative numbers', () => {
    expect(floorMod(-1, 1000)).toBe(999);
    expect(floorMod(1001, 1000)).toBe(1);
  });
});
