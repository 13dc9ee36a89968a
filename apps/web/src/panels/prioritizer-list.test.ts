import { describe, expect, it } from 'vitest';
import {
  addPrioritizer,
  availablePrioritizers,
  movePrioritizer,
  PRIORITIZERS,
  removePrioritizer,
} from './prioritizer-list.js';

describe('prioritizer list', () => {
  it('offers every kind flow-schema knows, each once', () => {
    expect(PRIORITIZERS.map((p) => p.value)).toEqual([
      'FIFO',
      'OLDEST_FIRST',
      'NEWEST_FIRST',
      'PRIORITY_ATTRIBUTE',
    ]);
    expect(availablePrioritizers(['FIFO', 'NEWEST_FIRST']).map((p) => p.value)).toEqual([
      'OLDEST_FIRST',
      'PRIORITY_ATTRIBUTE',
    ]);
  });

  it('adds last and never twice', () => {
    expect(addPrioritizer(['FIFO'], 'NEWEST_FIRST')).toEqual(['FIFO', 'NEWEST_FIRST']);
    expect(addPrioritizer(['FIFO'], 'FIFO')).toEqual(['FIFO']);
  });

  it('removes by position', () => {
    expect(removePrioritizer(['FIFO', 'NEWEST_FIRST'], 0)).toEqual(['NEWEST_FIRST']);
  });

  it('moves up and down, and leaves the ends alone', () => {
    const list = ['FIFO', 'OLDEST_FIRST', 'NEWEST_FIRST'] as const;
    expect(movePrioritizer(list, 2, -1)).toEqual(['FIFO', 'NEWEST_FIRST', 'OLDEST_FIRST']);
    expect(movePrioritizer(list, 0, 1)).toEqual(['OLDEST_FIRST', 'FIFO', 'NEWEST_FIRST']);
    expect(movePrioritizer(list, 0, -1)).toEqual([...list]);
    expect(movePrioritizer(list, 2, 1)).toEqual([...list]);
  });
});
