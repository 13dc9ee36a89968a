import { describe, expect, it } from 'vitest';
import {
  clampOffset,
  formatDuration,
  lastOffset,
  loadedFraction,
  nextContentRange,
  nextOffset,
  previousOffset,
  rangeLabel,
} from './paging.js';

describe('listing pages', () => {
  it('labels the rows shown and the total', () => {
    expect(rangeLabel(0, 100, 10_000)).toBe('1–100 of 10,000');
    expect(rangeLabel(9_900, 100, 10_000)).toBe('9,901–10,000 of 10,000');
    expect(rangeLabel(0, 0, 0)).toBe('0 of 0');
    expect(rangeLabel(0, 20, 20, 10_000)).toBe('1–20 of 20 (of 10,000 queued)');
  });

  it('moves between pages and stops at the ends', () => {
    expect(previousOffset(100, 100)).toBe(0);
    expect(previousOffset(50, 100)).toBe(0);
    expect(nextOffset(0, 100, 250)).toBe(100);
    expect(nextOffset(200, 100, 250)).toBeUndefined();
    expect(lastOffset(100, 250)).toBe(200);
    expect(lastOffset(100, 200)).toBe(100);
    expect(lastOffset(100, 0)).toBe(0);
  });

  it('brings the offset back inside a listing that shrank', () => {
    expect(clampOffset(900, 100, 450)).toBe(400);
    expect(clampOffset(100, 100, 0)).toBe(0);
    expect(clampOffset(100, 100, 1000)).toBe(100);
  });
});

describe('content ranges', () => {
  it('asks for the next chunk until the whole content is loaded', () => {
    expect(nextContentRange({ loaded: 0, size: 100_000 }, 65_536)).toEqual({
      offset: 0,
      length: 65_536,
    });
    expect(nextContentRange({ loaded: 65_536, size: 100_000 }, 65_536)).toEqual({
      offset: 65_536,
      length: 34_464,
    });
    expect(nextContentRange({ loaded: 100_000, size: 100_000 })).toBeUndefined();
    expect(loadedFraction({ loaded: 25, size: 100 })).toBe(0.25);
    expect(loadedFraction({ loaded: 0, size: 0 })).toBe(1);
  });
});

describe('formatDuration', () => {
  it('reads as NiFi shows queued durations', () => {
    expect(formatDuration(850)).toBe('850 ms');
    expect(formatDuration(42_000)).toBe('42 s');
    expect(formatDuration(303_000)).toBe('5 min 3 s');
    expect(formatDuration(7_800_000)).toBe('2 h 10 min');
    expect(formatDuration(273_600_000)).toBe('3 d 4 h');
    expect(formatDuration(-5)).toBe('0 ms');
  });
});
