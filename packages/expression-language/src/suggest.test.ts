import { describe, expect, it } from 'vitest';
import { closestMatch, editDistance } from './suggest.js';

describe('editDistance', () => {
  it.each([
    ['', '', 0],
    ['abc', 'abc', 0],
    ['abc', 'abd', 1],
    ['abc', 'ab', 1],
    ['kitten', 'sitting', 3],
  ])('%s → %s is %i', (a, b, distance) => {
    expect(editDistance(a, b)).toBe(distance);
  });
});

describe('closestMatch', () => {
  const names = ['toUpper', 'toLower', 'trim', 'substring', 'substringBefore'];

  it('suggests the nearest name, ignoring case', () => {
    expect(closestMatch('toUpperr', names)).toBe('toUpper');
    expect(closestMatch('toupper', names)).toBe('toUpper');
    expect(closestMatch('substrng', names)).toBe('substring');
  });

  it('suggests nothing when no name is close', () => {
    expect(closestMatch('frobnicate', names)).toBeUndefined();
    expect(closestMatch('xy', names)).toBeUndefined();
  });
});
