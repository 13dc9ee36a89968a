import type { PickedSide } from './types.js';

/**
 * The sides picked after a click in the history list: a picked side is let go, a new one is
 * added, and a third pick lets go of the first, so at most two are ever picked.
 */
export function togglePick(picked: readonly PickedSide[], side: PickedSide): PickedSide[] {
  if (picked.includes(side)) return picked.filter((s) => s !== side);
  return [...picked, side].slice(-2);
}

/**
 * Two picked sides as `[from, to]`, the older first, by their place in the list (newest first,
 * the working copy above every version); null unless exactly two are picked.
 */
export function diffSides(
  picked: readonly PickedSide[],
  newestFirst: readonly PickedSide[],
): [PickedSide, PickedSide] | null {
  if (picked.length !== 2) return null;
  const [a, b] = picked as [PickedSide, PickedSide];
  return newestFirst.indexOf(a) > newestFirst.indexOf(b) ? [a, b] : [b, a];
}
