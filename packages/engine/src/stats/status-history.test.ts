import { describe, expect, it } from 'vitest';
import { StatusHistory } from './status-history.js';

describe('StatusHistory', () => {
  it('keeps the newest points up to its capacity, per component', () => {
    const history = new StatusHistory(3);
    for (let minute = 0; minute < 5; minute++)
      history.record('p', { time: minute, values: { in: minute } });
    history.record('q', { time: 9, values: { in: 1 } });
    expect(history.get('p').map((p) => p.time)).toEqual([2, 3, 4]);
    expect(history.get('q')).toHaveLength(1);
    expect(history.get('none')).toEqual([]);
  });
});

describe('StatusHistory.prune', () => {
  it('drops points older than the cut and components left with none', () => {
    const history = new StatusHistory();
    for (const time of [1, 2, 3]) history.record('p', { time, values: {} });
    history.record('gone', { time: 1, values: {} });
    history.prune(2);
    expect(history.get('p').map((p) => p.time)).toEqual([2, 3]);
    expect([...history.entries()].map(([id]) => id)).toEqual(['p']);
  });
});
