/** The sinks workload's markdown section, as printed by `npm run bench -- sinks`. */
import {
  SINK_CASES,
  SINKS_FSYNC,
  type SinkCaseResult,
  type SinkRunResult,
  type SinkSide,
  type SinksResults,
} from './sinks-common.js';

/** The issue's goal: each Sluice sink at least 0.8× its raw client's throughput. */
export const SINKS_GOAL_RATIO = 0.8;

/** The run whose items/s is the median of a side's timed runs (the lower middle of an even count). */
export function medianRun(result: SinkCaseResult, side: SinkSide): SinkRunResult | undefined {
  const runs = result.runs
    .filter((r) => r.side === side)
    .sort((a, b) => a.itemsPerSecond - b.itemsPerSecond);
  return runs[Math.floor((runs.length - 1) / 2)];
}

const rate = (value: number) =>
  value >= 100 ? Math.round(value).toLocaleString('en-US') : value.toFixed(1);

function row(result: SinkCaseResult): string {
  const sluice = medianRun(result, 'sluice');
  const raw = medianRun(result, 'raw');
  const c = SINK_CASES.find((k) => k.id === result.caseId);
  const what = c
    ? `${result.caseId}: ${c.items.toLocaleString('en-US')} × ${c.label}`
    : result.caseId;
  if (!sluice || !raw) return `| ${what} | n/a | n/a | n/a | n/a | n/a | n/a | |`;
  const ratio = sluice.itemsPerSecond / raw.itemsPerSecond;
  const verified = result.runs.every((r) => r.verified) && result.warmUp.every((r) => r.verified);
  return [
    '',
    what,
    rate(sluice.itemsPerSecond),
    sluice.mibPerSecond.toFixed(1),
    rate(raw.itemsPerSecond),
    raw.mibPerSecond.toFixed(1),
    `**${ratio.toFixed(2)}×**`,
    ratio >= SINKS_GOAL_RATIO ? 'met' : '**missed**',
    verified ? 'all runs' : '**NOT ALL**',
    result.loadAverage.toFixed(1),
    '',
  ]
    .join(' | ')
    .trim();
}

function details(result: SinkCaseResult): string[] {
  const every = (side: SinkSide) =>
    result.runs
      .filter((r) => r.side === side)
      .map((r) => rate(r.itemsPerSecond))
      .join(', ');
  const first = (side: SinkSide) => result.runs.find((r) => r.side === side);
  const lines = [
    `- ${result.caseId}: items/s of every timed run: Sluice ${every('sluice')}; raw ${every('raw')}. Sluice: ${first('sluice')?.notes['batching'] ?? ''}. Raw: ${first('raw')?.notes['batching'] ?? ''}.`,
  ];
  for (const r of [...result.warmUp, ...result.runs].filter((x) => !x.verified)) {
    lines.push(`  - **unverified** ${r.side} run: ${r.check} (${JSON.stringify(r.notes)})`);
  }
  return lines;
}

/** The sinks section: one row per case (medians), then every run and how each side batched. */
export function sinksReport(results: SinksResults): string {
  return [
    '### Sinks: each Sluice sink processor against its raw client (median of the timed runs, after a warm-up)',
    '',
    `Servers (Kafka, SFTP, Elasticsearch, HDFS) started once in ${results.servicesStartSeconds.toFixed(0)} s. The Sluice side is a FlowEngine on durable repositories (fsync ${SINKS_FSYNC}): its clock runs from starting the sink, with its whole input already queued, to the commit of the session that took the last flowfile, so it includes reading content from the content repository, the flowfile WAL and provenance of every flowfile. The raw side's clock includes connecting its client. Same data sizes, same server, one run after the other. Each side is a fresh child process that first sends the case's warm-up items untimed (${SINK_CASES.map((c) => `${c.id} ${c.warmUpItems}`).join(', ')}), so both measure warm code; the warm-up runs above are whole children, for the servers.`,
    '',
    '| workload | Sluice items/s | Sluice MiB/s | raw items/s | raw MiB/s | Sluice / raw | goal ≥ 0.8× | verified | load avg at start |',
    '| --- | ---: | ---: | ---: | ---: | ---: | --- | --- | ---: |',
    ...results.cases.map(row),
    '',
    ...results.cases.flatMap(details),
    ...results.errors.map((e) => `- **failed**: ${e}`),
  ].join('\n');
}
