import { describe, expect, it } from 'vitest';
import { diffSides, togglePick } from './pick-sides.js';

describe('togglePick', () => {
  it('adds, lets go, and keeps at most the last two picks', () => {
    expect(togglePick([], 'a')).toEqual(['a']);
    expect(togglePick(['a'], 'b')).toEqual(['a', 'b']);
    expect(togglePick(['a', 'b'], 'a')).toEqual(['b']);
    expect(togglePick(['a', 'b'], 'c')).toEqual(['b', 'c']);
  });
});

describe('diffSides', () => {
  const list = ['working', 'v3', 'v2', 'v1'];

  it('puts the older side first whatever the order of the picks', () => {
    expect(diffSides(['v1', 'v3'], list)).toEqual(['v1', 'v3']);
    expect(diffSides(['v3', 'v1'], list)).toEqual(['v1', 'v3']);
    expect(diffSides(['working', 'v2'], list)).toEqual(['v2', 'working']);
  });

  it('gives nothing unless two sides are picked', () => {
    expect(diffSides([], list)).toBeNull();
    expect(diffSides(['v2'], list)).toBeNull();
  });
});
