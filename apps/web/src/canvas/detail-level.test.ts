import { describe, expect, it } from 'vitest';
import type { ConnectionStatusView } from '../api/types.js';
import {
  OVERVIEW_BELOW_ZOOM,
  detailFor,
  overviewFillKey,
  parseOverviewFill,
} from './detail-level.js';

function queue(count: number, threshold: number, full = false): ConnectionStatusView {
  return { queued: { count, bytes: count * 16 }, threshold, full } as ConnectionStatusView;
}

describe('detailFor', () => {
  it('draws the overview below the threshold zoom and everything from it up', () => {
    expect(detailFor(0.1)).toBe('overview');
    expect(detailFor(OVERVIEW_BELOW_ZOOM - 0.001)).toBe('overview');
    expect(detailFor(OVERVIEW_BELOW_ZOOM)).toBe('full');
    expect(detailFor(1)).toBe('full');
  });

  it('answers the same level for every zoom step on one side, so cards do not render per step', () => {
    const steps = [0.1, 0.15, 0.2, 0.3, 0.44];
    expect(new Set(steps.map(detailFor))).toEqual(new Set(['overview']));
  });
});

describe('overviewFillKey', () => {
  it('keeps the same key while the queue moves within one tenth of the threshold', () => {
    expect(overviewFillKey(queue(101, 1000), 1000)).toBe(overviewFillKey(queue(140, 1000), 1000));
    expect(overviewFillKey(queue(0, 1000), 1000)).toBe(overviewFillKey(undefined, 1000));
  });

  it('changes when the bar moves a step or the level changes', () => {
    expect(parseOverviewFill(overviewFillKey(queue(300, 1000), 1000))).toEqual({
      level: 'green',
      percent: 30,
    });
    expect(parseOverviewFill(overviewFillKey(queue(650, 1000), 1000)).level).toBe('amber');
    expect(parseOverviewFill(overviewFillKey(queue(5, 1000, true), 1000))).toEqual({
      level: 'red',
      percent: 100,
    });
  });

  it('uses the threshold of the component when no status has arrived yet', () => {
    expect(parseOverviewFill(overviewFillKey(undefined, 0))).toEqual({
      level: 'green',
      percent: 0,
    });
  });
});
