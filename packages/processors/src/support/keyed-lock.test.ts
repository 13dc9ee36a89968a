import { describe, expect, it } from 'vitest';
import { KeyedLock } from './keyed-lock.js';

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('KeyedLock', () => {
  it('lets one holder of a key at a time, in the order they asked, and others keys meanwhile', async () => {
    // Given a lock with 'a' held
    const lock = new KeyedLock();
    const order: string[] = [];
    const releaseFirst = await lock.acquire('a');

    // When two more ask for 'a' and one for 'b'
    const second = lock.acquire('a').then((release) => (order.push('a2'), release));
    const third = lock.acquire('a').then((release) => (order.push('a3'), release));
    const other = lock.acquire('b').then((release) => (order.push('b'), release));
    await tick();

    // Then only 'b' got through while 'a' is held
    expect(order).toEqual(['b']);
    // And each release of 'a' lets the next in, in order, and the last one forgets the key
    releaseFirst();
    (await second)();
    (await third)();
    (await other)();
    expect(order).toEqual(['b', 'a2', 'a3']);
    expect(lock.size).toBe(0);
  });
});
