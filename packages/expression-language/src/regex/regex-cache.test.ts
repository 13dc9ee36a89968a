import { describe, expect, it } from 'vitest';
import { cachedJavaRegex } from './regex-cache.js';

describe('cachedJavaRegex', () => {
  it('caches compiled patterns per mode', () => {
    expect(cachedJavaRegex('x+', 'find')).toBe(cachedJavaRegex('x+', 'find'));
    expect(cachedJavaRegex('x+', 'find')).not.toBe(cachedJavaRegex('x+', 'global'));
  });

  it('compiles each mode for its use', () => {
    expect(cachedJavaRegex('(?i)a', 'global').regex.flags).toBe('gi');
    expect(cachedJavaRegex('a|ab', 'full').regex.test('ab')).toBe(true);
    expect(cachedJavaRegex('b', 'full').regex.test('ab')).toBe(false);
    expect(cachedJavaRegex('b', 'find').regex.test('ab')).toBe(true);
  });
});
