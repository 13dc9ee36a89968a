import { describe, expect, it } from 'vitest';
import { cardCornerAt, freeSpot, pasteOffset } from './viewport.js';

describe('freeSpot', () => {
  it('keeps the wanted spot when it is free', () => {
    expect(freeSpot({ x: 0, y: 0 }, [{ x: 300, y: 0 }])).toEqual({ x: 0, y: 0 });
  });

  it('moves to the right of a card already there, then below it', () => {
    expect(freeSpot({ x: 0, y: 0 }, [{ x: 10, y: 10 }])).toEqual({ x: 400, y: 0 });
    expect(
      freeSpot({ x: 0, y: 0 }, [
        { x: 0, y: 0 },
        { x: 400, y: 0 },
      ]),
    ).toEqual({ x: 0, y: 200 });
  });
});

describe('cardCornerAt', () => {
  it('centres a card on the point', () => {
    expect(cardCornerAt({ x: 200, y: 100 })).toEqual({ x: 80, y: 54 });
  });
});

describe('pasteOffset', () => {
  it('puts a pasted group right of the originals when that is free', () => {
    const group = [
      { x: 0, y: 0 },
      { x: 0, y: 200 },
    ];
    expect(pasteOffset(group, group)).toEqual({ x: 320, y: 0 });
  });

  it('looks further when the first place is taken', () => {
    const group = [{ x: 0, y: 0 }];
    expect(
      pasteOffset(group, [
        { x: 0, y: 0 },
        { x: 320, y: 0 },
      ]),
    ).toEqual({ x: 0, y: 152 });
  });
});
