import { describe, expect, it } from 'vitest';
import { summaryReport, summaryRows } from './summary-report.js';
import { w1Result, type W1Result, type W1System } from './w1-common.js';

/** A W1 run of `system` at `perSecond` flowfiles/s. */
function w1(system: W1System, perSecond: number): W1Result {
  return w1Result(
    system,
    { flowFiles: 100_000, bytesOut: 1, elapsedMs: 100_000_000 / perSecond, peakRss: 1, maxRss: 1 },
    {},
  );
}

describe('the bench summary', () => {
  it('marks each W1 ratio against Node-RED with its goal and the plain loop with none', () => {
    // Given Sluice at 60k/s, Node-RED's function node at 25k/s, its change node at 40k/s
    const rows = summaryRows({
      w1: [
        w1('sluice', 60_000),
        w1('node-red-function', 25_000),
        w1('node-red-change', 40_000),
        w1('plain-loop', 200_000),
      ],
    });
    // Then the function node's ratio meets ≥ 2×, the change node's misses, the loop has no goal
    expect(rows.map((r) => [r.comparison, r.figure.split(' ')[0], r.met])).toEqual([
      ['Sluice / Node-RED function node', '2.40×', true],
      ['Sluice / Node-RED change node', '1.50×', false],
      ['Sluice (durable) / a plain Node loop (in memory)', '0.30×', undefined],
    ]);
  });

  it('counts only rows with a goal and prints missed in bold', () => {
    const text = summaryReport({
      w1: [w1('sluice', 30_000), w1('node-red-function', 20_000), w1('plain-loop', 90_000)],
    });
    expect(text).toContain(
      '| W1 | Sluice / Node-RED function node | 1.50× (30000 vs 20000 flowfiles/s) | ≥ 2× | **missed** |',
    );
    expect(text).toContain('| n/a |');
    expect(text).toContain('Goals met: 0 of 1.');
  });

  it("judges the queue listing on its slowest scenario's p95, rounded to a tenth", () => {
    // Given two scenarios, the slower one at 189.347... ms
    const scenario = (name: string, p95Ms: number) => ({
      name,
      query: name,
      coldMs: 1,
      p50Ms: 1,
      p95Ms,
      runs: [p95Ms],
      total: 1,
    });
    const rows = summaryRows({
      queueListing: {
        workload: 'queue-listing',
        queued: 1_000_000,
        swapped: 0,
        fillMs: 1,
        scenarios: [scenario('first page', 28.7), scenario('sorted anew', 189.3472580000016)],
        rssBeforeListing: 1,
        rssAfterListing: 1,
        heapUsedBeforeListing: 1,
        heapUsedAfterListing: 1,
      },
    });

    // Then one row names it, with its figure rounded, met under 200 ms
    expect(rows).toEqual([
      {
        workload: 'queue listing',
        comparison: 'a page of 1,000,000 queued, slowest scenario (sorted anew)',
        figure: 'p95 189.3 ms',
        goal: '< 200 ms',
        met: true,
      },
    ]);
  });

  it('is empty but well-formed when no workload ran', () => {
    expect(summaryRows({})).toEqual([]);
    expect(summaryReport({})).toContain('Goals met: 0 of 0.');
  });
});
