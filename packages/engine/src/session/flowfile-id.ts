import { randomFillSync } from 'node:crypto';

/** Random bytes for 256 ids at a time (crypto.randomUUID keeps a similar cache). */
const pool = Buffer.allocUnsafe(16 * 256);
let next = pool.length;
/** Character codes of the id being made, reused (ids are made one at a time). */
const codes = new Array<number>(36).fill(0);
const HEX = Array.from('0123456789abcdef', (c) => c.charCodeAt(0));
const DASH = 0x2d;

/**
 * A new flowfile id: a random (version 4) UUID, as `crypto.randomUUID()` makes. That one builds
 * its string by concatenating 20 pieces, which V8 keeps as a tree of about 500 bytes until
 * something flattens it; this one makes one flat string of 36 characters from their codes,
 * which matters for an id every queue, record and event of a flowfile holds.
 */
export function newFlowFileId(): string {
  if (next === pool.length) {
    randomFillSync(pool);
    next = 0;
  }
  const start = next;
  next += 16;
  pool[start + 6] = (pool[start + 6]! & 0x0f) | 0x40;
  pool[start + 8] = (pool[start + 8]! & 0x3f) | 0x80;
  let position = 0;
  for (let i = 0; i < 16; i++) {
    if (i === 4 || i === 6 || i === 8 || i === 10) codes[position++] = DASH;
    const byte = pool[start + i]!;
    codes[position++] = HEX[byte >>> 4]!;
    codes[position++] = HEX[byte & 0x0f]!;
  }
  return String.fromCharCode.apply(null, codes);
}
