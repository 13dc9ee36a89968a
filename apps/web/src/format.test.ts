import { describe, expect, it } from 'vitest';
import { fillLevel, fillRatio, formatBytes, formatCount, formatCountAndSize } from './format.js';

describe('formatBytes', () => {
  it('writes bytes in binary units, one decimal below ten', () => {
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(1536)).toBe('1.5 KB');
    expect(formatBytes(12 * 1024)).toBe('12 KB');
    expect(formatBytes(1024 * 1024)).toBe('1 MB');
    expect(formatBytes(3.25 * 1024 ** 3)).toBe('3.3 GB');
  });

  it('treats nonsense as nothing', () => {
    expect(formatBytes(-5)).toBe('0 B');
    expect(formatBytes(Number.NaN)).toBe('0 B');
  });
});

describe('formatCountAndSize', () => {
  it('writes a count with its size in brackets, as cards and labels show it', () => {
    expect(formatCountAndSize(12, 12 * 1024)).toBe('12 (12 KB)');
    expect(formatCount(12345)).toBe('12,345');
  });
});

describe('fill level', () => {
  it('is green below 60 %, amber from 60 %, red from 90 %', () => {
    expect(fillLevel(fillRatio(59, 100))).toBe('green');
    expect(fillLevel(fillRatio(60, 100))).toBe('amber');
    expect(fillLevel(fillRatio(89, 100))).toBe('amber');
    expect(fillLevel(fillRatio(90, 100))).toBe('red');
  });

  it('is red when the engine says the queue is full, whatever the count', () => {
    expect(fillLevel(0.1, true)).toBe('red');
  });

  it('has no ratio without a threshold, and never more than full', () => {
    expect(fillRatio(500, 0)).toBe(0);
    expect(fillRatio(500, 100)).toBe(1);
  });
});
