import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BinaryHeap } from './binary-heap.js';
import { SortedDeque } from './sorted-deque.js';

const byNumber = (a: number, b: number) => a - b;

describe('SortedDeque', () => {
  it('pops appended items in arrival order', () => {
    // given
    const deque = new SortedDeque(byNumber);
    // when
    for (let i = 0; i < 3000; i++) deque.push(i);
    const popped: number[] = [];
    for (let i = 0; i < 2000; i++) popped.push(deque.pop()!);
    // then
    expect(popped).toEqual(Array.from({ length: 2000 }, (_, i) => i));
    expect(deque.size).toBe(1000);
    expect(deque.peek()).toBe(2000);
    expect(deque.values()).toEqual(Array.from({ length: 1000 }, (_, i) => 2000 + i));
  });

  it('places an item that sorts earlier before the later ones', () => {
    // given
    const deque = new SortedDeque(byNumber);
    for (const n of [1, 3, 5, 7]) deque.push(n);
    deque.pop();
    // when
    deque.push(4);
    deque.push(0);
    // then
    expect(deque.clear()).toEqual([0, 3, 4, 5, 7]);
    expect(deque.size).toBe(0);
    expect(deque.pop()).toBeUndefined();
    expect(deque.peek()).toBeUndefined();
  });

  it('keeps equal items in arrival order', () => {
    // given
    const deque = new SortedDeque<[number, string]>((a, b) => a[0] - b[0]);
    // when
    deque.push([2, 'a']);
    deque.push([1, 'b']);
    deque.push([2, 'c']);
    deque.push([1, 'd']);
    // then
    expect(deque.clear().map(([, s]) => s)).toEqual(['b', 'd', 'a', 'c']);
  });

  it('pops in the same order as the binary heap for any pushes and pops', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.integer({ min: 0, max: 50 }), fc.constant(-1)), { maxLength: 3000 }),
        (steps) => {
          // given a total order, as the queue's (arrival sequence breaks every tie)
          type Item = [value: number, sequence: number];
          const compare = (a: Item, b: Item) => a[0] - b[0] || a[1] - b[1];
          const deque = new SortedDeque(compare);
          const heap = new BinaryHeap(compare);
          // when
          steps.forEach((step, sequence) => {
            if (step === -1) expect(deque.pop()).toEqual(heap.pop());
            else {
              deque.push([step, sequence]);
              heap.push([step, sequence]);
            }
            expect(deque.size).toBe(heap.size);
          });
          // then
          while (heap.size > 0) expect(deque.pop()).toEqual(heap.pop());
          expect(deque.size).toBe(0);
        },
      ),
    );
  });
});
