/**
 * The one table `npm run bench` ends with: every comparison measured side by side in the run and
 * every goal of the earlier issues, each marked met or missed, so a reader sees the state of
 * Sluice's speed claims at a glance (the sections above hold the figures behind each row).
 */
import type { EditorResult } from './editor.js';
import { EDITOR_FRAME_P95_GOAL_MS } from './editor-report.js';
import { QL_GOAL_MS, type QueueListingResult } from './queue-listing-common.js';
import { medianW1, W1_GOAL_RATIO, W2_GOAL_RSS, W3_GOAL_MS, W3_GOAL_RSS } from './report.js';
import { SINK_CASES, type SinksResults } from './sinks-common.js';
import { medianRun, SINKS_GOAL_RATIO } from './sinks-report.js';
import { mib } from './support/memory.js';
import type { W1Result, W1System } from './w1-common.js';
import type { W2Result } from './w2-common.js';
import type { W3Results } from './w3-common.js';

/** What one `npm run bench` measured; absent workloads were not selected or failed. */
export interface BenchResults {
  readonly w1?: readonly W1Result[];
  readonly w2?: W2Result;
  readonly w3?: W3Results;
  readonly editor?: EditorResult;
  readonly queueListing?: QueueListingResult;
  readonly sinks?: SinksResults;
}

/** One row of the summary: what was compared, the figure, the goal and its status. */
export interface SummaryRow {
  readonly workload: string;
  readonly comparison: string;
  readonly figure: string;
  readonly goal: string;
  /** `undefined` for a comparison with no goal (shown for reference). */
  readonly met: boolean | undefined;
}

const ratio = (value: number) => `${value.toFixed(2)}×`;

function w1Rows(results: readonly W1Result[]): SummaryRow[] {
  const sluice = medianW1(results, 'sluice');
  if (!sluice) return [];
  const others: readonly W1System[] = ['node-red-function', 'node-red-change', 'plain-loop'];
  return others.flatMap((system): SummaryRow[] => {
    const other = medianW1(results, system);
    if (!other) return [];
    const r = sluice.flowFilesPerSecond / other.flowFilesPerSecond;
    const rates = `${Math.round(sluice.flowFilesPerSecond)} vs ${Math.round(other.flowFilesPerSecond)} flowfiles/s`;
    return system === 'plain-loop'
      ? [
          {
            workload: 'W1',
            comparison: 'Sluice (durable) / a plain Node loop (in memory)',
            figure: `${ratio(r)} (${rates})`,
            goal: 'none: the ceiling',
            met: undefined,
          },
        ]
      : [
          {
            workload: 'W1',
            comparison: `Sluice / Node-RED ${system.replace('node-red-', '')} node`,
            figure: `${ratio(r)} (${rates})`,
            goal: `≥ ${W1_GOAL_RATIO}×`,
            met: r >= W1_GOAL_RATIO,
          },
        ];
  });
}

function w2Rows(r: W2Result): SummaryRow[] {
  const peak = Math.max(r.peakRssSampled, r.maxRss);
  return [
    {
      workload: 'W2',
      comparison: `peak RSS streaming ${mib(r.fileBytes)} MiB (output identical: ${r.hashMatches ? 'yes' : 'NO'})`,
      figure: `${mib(peak)} MiB`,
      goal: `< ${mib(W2_GOAL_RSS)} MiB`,
      met: peak < W2_GOAL_RSS && r.hashMatches,
    },
  ];
}

function w3Rows(r: W3Results): SummaryRow[] {
  const { fill, restore } = r;
  const allBack = restore.complete && restore.restored === fill.queued;
  const peakRss = Math.max(fill.rssWhileQueued, restore.maxRss);
  return [
    {
      workload: 'W3',
      comparison: `${fill.queued.toLocaleString('en-US')} queued, SIGKILL: process start → restored`,
      figure: `${(restore.sinceProcessStartMs / 1000).toFixed(2)} s (${allBack ? 'all back' : 'NOT ALL BACK'})`,
      goal: `< ${W3_GOAL_MS / 1000} s`,
      met: allBack && restore.sinceProcessStartMs < W3_GOAL_MS,
    },
    {
      workload: 'W3',
      comparison: 'RSS while queued / after restore (peak)',
      figure: `${mib(peakRss)} MiB`,
      goal: `< ${mib(W3_GOAL_RSS)} MiB`,
      met: peakRss < W3_GOAL_RSS,
    },
  ];
}

function editorRows(r: EditorResult): SummaryRow[] {
  return [r.fitted, r.working].map((pan) => ({
    workload: 'editor',
    comparison: `${r.processors} processors, pan at zoom ${pan.zoom}: frame p95`,
    figure: `${pan.frameP95Ms.toFixed(1)} ms`,
    goal: `< ${EDITOR_FRAME_P95_GOAL_MS} ms`,
    met: pan.frameP95Ms < EDITOR_FRAME_P95_GOAL_MS,
  }));
}

function queueListingRows(r: QueueListingResult): SummaryRow[] {
  const worst = [...r.scenarios].sort((a, b) => b.p95Ms - a.p95Ms)[0];
  if (!worst) return [];
  return [
    {
      workload: 'queue listing',
      comparison: `a page of ${r.queued.toLocaleString('en-US')} queued, slowest scenario (${worst.name})`,
      figure: `p95 ${worst.p95Ms.toFixed(1)} ms`,
      goal: `< ${QL_GOAL_MS} ms`,
      met: worst.p95Ms < QL_GOAL_MS,
    },
  ];
}

function sinkRows(r: SinksResults): SummaryRow[] {
  return r.cases.flatMap((result): SummaryRow[] => {
    const sluice = medianRun(result, 'sluice');
    const raw = medianRun(result, 'raw');
    if (!sluice || !raw) return [];
    const c = SINK_CASES.find((k) => k.id === result.caseId);
    const value = sluice.itemsPerSecond / raw.itemsPerSecond;
    const verified = result.runs.every((x) => x.verified);
    return [
      {
        workload: 'sinks',
        comparison: `${result.caseId}${c ? ` (${c.label})` : ''}: Sluice / raw client`,
        figure: `${ratio(value)}${verified ? '' : ' (NOT ALL RUNS VERIFIED)'}`,
        goal: `≥ ${SINKS_GOAL_RATIO}×`,
        met: verified && value >= SINKS_GOAL_RATIO,
      },
    ];
  });
}

/** Every summary row the results allow, in the order of the workloads. */
export function summaryRows(results: BenchResults): SummaryRow[] {
  return [
    ...(results.w1 ? w1Rows(results.w1) : []),
    ...(results.w2 ? w2Rows(results.w2) : []),
    ...(results.w3 ? w3Rows(results.w3) : []),
    ...(results.editor ? editorRows(results.editor) : []),
    ...(results.queueListing ? queueListingRows(results.queueListing) : []),
    ...(results.sinks ? sinkRows(results.sinks) : []),
  ];
}

/** The summary as a markdown section: a table of ratios and goals, and a met/missed count. */
export function summaryReport(results: BenchResults): string {
  const rows = summaryRows(results);
  const status = (met: boolean | undefined) =>
    met === undefined ? 'n/a' : met ? 'met' : '**missed**';
  const withGoal = rows.filter((r) => r.met !== undefined);
  const met = withGoal.filter((r) => r.met).length;
  return [
    '### Summary: side-by-side ratios and goals',
    '',
    '| workload | comparison | figure | goal | status |',
    '| --- | --- | --- | --- | --- |',
    ...rows.map(
      (r) => `| ${r.workload} | ${r.comparison} | ${r.figure} | ${r.goal} | ${status(r.met)} |`,
    ),
    '',
    `Goals met: ${met} of ${withGoal.length}.`,
  ].join('\n');
}
