import type { SortDirection } from './listing-query.js';

const DIGIT_BITS = 16;
const BUCKETS = 1 << DIGIT_BITS;
/** Which 32-bit word of a float64 holds its low bits on this machine. */
const LOW_WORD = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1 ? 0 : 1;

/**
 * The indices of `keys` in sorted order; ties keep index order in either direction (a listing
 * sorted by size lists equal sizes by queue position). A least-significant-digit radix sort over
 * the keys' bits: a million keys sort in tens of milliseconds where `Array.prototype.sort` with a
 * comparator takes half a second. Non-negative keys only (sizes, dates); anything else falls back
 * to a comparator sort.
 */
export function sortOrder(keys: Float64Array, direction: SortDirection): Uint32Array {
  const n = keys.length;
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  if (n < 2) return order;
  let min = Infinity;
  let max = -Infinity;
  let integral = true;
  for (let i = 0; i < n; i++) {
    const key = keys[i]!;
    if (!(key >= 0)) return comparatorOrder(keys, order, direction);
    if (key < min) min = key;
    if (key > max) max = key;
    if (integral && key !== Math.floor(key)) integral = false;
  }
  // Sizes and dates are whole numbers within 2^32 of each other: sort them as 32-bit offsets
  // from the smallest, in one or two passes, the keys moving along with the indices.
  if (integral && max - min < 2 ** 32) return integerOrder(keys, order, min, max, direction);
  const bits = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    // -0 has the sign bit set; as a bit pattern it would sort after every positive number.
    bits[i] = keys[i] === 0 ? 0 : keys[i]!;
  }
  // Non-negative doubles order as their bit patterns do, read as unsigned 64-bit integers.
  const words = new Uint32Array(bits.buffer);
  const flip = direction === 'desc' ? BUCKETS - 1 : 0;
  const counts = new Uint32Array(BUCKETS);
  let from: Uint32Array = order;
  let to: Uint32Array = new Uint32Array(n);
  for (let pass = 0; pass < 4; pass++) {
    const word = pass < 2 ? LOW_WORD : 1 - LOW_WORD;
    const shift = (pass % 2) * DIGIT_BITS;
    counts.fill(0);
    for (let i = 0; i < n; i++) {
      counts[(((words[2 * from[i]! + word]! >>> shift) & (BUCKETS - 1)) ^ flip) as number]!++;
    }
    // A digit every key shares (the high bits of dates, mostly) needs no pass.
    if (counts.some((c) => c === n)) continue;
    let sum = 0;
    for (let d = 0; d < BUCKETS; d++) {
      const c = counts[d]!;
      counts[d] = sum;
      sum += c;
    }
    for (let i = 0; i < n; i++) {
      const index = from[i]!;
      const digit = ((words[2 * index + word]! >>> shift) & (BUCKETS - 1)) ^ flip;
      to[counts[digit]!++] = index;
    }
    [from, to] = [to, from];
  }
  return from;
}

/** LSD radix sort of whole-number keys within 2^32 of `min`; descending by complementing. */
function integerOrder(
  keys: Float64Array,
  identity: Uint32Array,
  min: number,
  max: number,
  direction: SortDirection,
): Uint32Array {
  const n = keys.length;
  let fromKeys: Uint32Array = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    // Descending is ascending on max - key; ties still keep index order (stable passes).
    fromKeys[i] = direction === 'asc' ? keys[i]! - min : max - keys[i]!;
  }
  let from: Uint32Array = identity;
  let to: Uint32Array = new Uint32Array(n);
  let toKeys: Uint32Array = new Uint32Array(n);
  const counts = new Uint32Array(BUCKETS);
  const passes = max - min < BUCKETS ? 1 : 2;
  for (let pass = 0; pass < passes; pass++) {
    const shift = pass * DIGIT_BITS;
    counts.fill(0);
    for (let i = 0; i < n; i++) counts[(fromKeys[i]! >>> shift) & (BUCKETS - 1)]!++;
    let sum = 0;
    for (let d = 0; d < BUCKETS; d++) {
      const c = counts[d]!;
      counts[d] = sum;
      sum += c;
    }
    for (let i = 0; i < n; i++) {
      const key = fromKeys[i]!;
      const at = counts[(key >>> shift) & (BUCKETS - 1)]!++;
      to[at] = from[i]!;
      toKeys[at] = key;
    }
    [from, to] = [to, from];
    [fromKeys, toKeys] = [toKeys, fromKeys];
  }
  return from;
}

function comparatorOrder(
  keys: Float64Array,
  order: Uint32Array,
  direction: SortDirection,
): Uint32Array {
  const sign = direction === 'desc' ? -1 : 1;
  return order.sort((a, b) => sign * compareKeys(keys[a]!, keys[b]!) || a - b);
}

/** Numbers in order, NaN last. */
function compareKeys(a: number, b: number): number {
  if (Number.isNaN(a)) return Number.isNaN(b) ? 0 : 1;
  if (Number.isNaN(b)) return -1;
  return a - b;
}
