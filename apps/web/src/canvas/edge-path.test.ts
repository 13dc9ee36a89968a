import { describe, expect, it } from 'vitest';
import { edgeGeometry } from './edge-path.js';

const ahead = { sourceX: 0, sourceY: 0, targetX: 200, targetY: 0 };
/** A card at (0, 0) to a card right below it at (0, 200), both 240 wide. */
const below = { sourceX: 240, sourceY: 46, targetX: 0, targetY: 246 };

describe('edgeGeometry', () => {
  it('puts the label of a connection to a processor ahead halfway between its ends', () => {
    const { labelX, labelY, path } = edgeGeometry(ahead);
    expect([labelX, labelY]).toEqual([100, 0]);
    expect(path.startsWith('M0,0 C')).toBe(true);
  });

  it('draws parallel connections apart, on both sides of the straight line', () => {
    const first = edgeGeometry(ahead, 0, 2);
    const second = edgeGeometry(ahead, 1, 2);
    expect(first.labelY).toBeCloseTo(-35);
    expect(second.labelY).toBeCloseTo(35);
    expect(first.labelX).toBeCloseTo(100);
  });

  it('routes a connection to a card below through the gap between the cards', () => {
    const { labelX, labelY, path } = edgeGeometry(below);
    expect([labelX, labelY]).toEqual([120, 146]);
    expect(path.match(/C/g)).toHaveLength(2);
  });

  it('puts the labels of parallel connections to a card below side by side', () => {
    const [a, b] = [edgeGeometry(below, 0, 2), edgeGeometry(below, 1, 2)];
    expect(b.labelX - a.labelX).toBeGreaterThan(100);
    expect(a.labelY).toBe(b.labelY);
  });

  it('routes a connection back to a card on the same row below both cards', () => {
    const back = edgeGeometry({ sourceX: 640, sourceY: 46, targetX: 0, targetY: 46 });
    expect(back.labelY).toBeGreaterThan(46 + 90);
  });

  it('loops a connection from a processor to itself above the card', () => {
    const loop = edgeGeometry({ sourceX: 240, sourceY: 40, targetX: 0, targetY: 40 }, 0, 1, true);
    expect(loop.labelX).toBeCloseTo(120);
    expect(loop.labelY).toBeLessThan(-40);
  });
});
