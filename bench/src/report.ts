/** Markdown tables of the results, as printed by `npm run bench` and pasted into docs/benchmarks.md. */
import type { MachineInfo } from './machine.js';
import { mib } from './support/memory.js';
import type { W1Result, W1System } from './w1-common.js';
import type { W2Result } from './w2-common.js';
import type { MemoryAfterGc, W3Results } from './w3-common.js';

/** W1's goal: Sluice at least twice Node-RED's throughput. */
export const W1_GOAL_RATIO = 2;
/** W2's goal: peak RSS under 200 MB. */
export const W2_GOAL_RSS = 200 * 1024 * 1024;
/** W3's goals: restored within 10 s, under 500 MB. */
export const W3_GOAL_MS = 10_000;
export const W3_GOAL_RSS = 500 * 1024 * 1024;

/** The median of a non-empty list. */
function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

const seconds = (ms: number) => (ms / 1000).toFixed(2);
const verdict = (ok: boolean) => (ok ? 'met' : '**missed**');
const MB = (bytes: number) => `${mib(bytes)} MiB`;

/** The median run of a W1 system (by flowfiles/s), or undefined when it did not run. */
export function medianW1(results: readonly W1Result[], system: W1System): W1Result | undefined {
  const runs = results.filter((r) => r.system === system);
  if (runs.length === 0) return undefined;
  const m = median(runs.map((r) => r.flowFilesPerSecond));
  return runs.reduce((best, r) =>
    Math.abs(r.flowFilesPerSecond - m) < Math.abs(best.flowFilesPerSecond - m) ? r : best,
  );
}

/** W1: median of each system, every run's flowfiles/s, and the ratios. */
export function w1Report(results: readonly W1Result[]): string {
  const systems: W1System[] = ['sluice', 'node-red-function', 'node-red-change', 'plain-loop'];
  const rows = systems.flatMap((system) => {
    const m = medianW1(results, system);
    if (!m) return [];
    const all = results
      .filter((r) => r.system === system)
      .map((r) => Math.round(r.flowFilesPerSecond));
    return [
      [
        system,
        String(m.flowFiles),
        seconds(m.elapsedMs),
        Math.round(m.flowFilesPerSecond).toLocaleString('en-US'),
        m.mibPerSecond.toFixed(1),
        MB(m.peakRss),
        all.join(', '),
      ],
    ];
  });
  const sluice = medianW1(results, 'sluice');
  const ratios = systems.slice(1).flatMap((system) => {
    const other = medianW1(results, system);
    if (!sluice || !other) return [];
    const ratio = sluice.flowFilesPerSecond / other.flowFilesPerSecond;
    const goal =
      system === 'plain-loop'
        ? 'no goal: the plain loop persists nothing; the ratio is the share of the ceiling'
        : `goal ≥ ${W1_GOAL_RATIO}×: ${verdict(ratio >= W1_GOAL_RATIO)}`;
    return [`Sluice / ${system}: **${ratio.toFixed(2)}×** (${goal})`];
  });
  return [
    '### W1: 100,000 × 1 KiB through the regex wrap (median run)',
    '',
    table(
      [
        'system',
        'flowfiles',
        'elapsed s',
        'flowfiles/s',
        'MiB/s in',
        'peak RSS',
        'flowfiles/s of every run',
      ],
      rows,
    ),
    '',
    ...ratios.map((r) => `- ${r}`),
  ].join('\n');
}

/** W2: time, throughput, memory and the hash check against the goal. */
export function w2Report(r: W2Result): string {
  const peak = Math.max(r.peakRssSampled, r.maxRss);
  return [
    `### W2: one ${MB(r.fileBytes)} file, ListFile → FetchFile → PutFile`,
    '',
    table(
      [
        'file',
        'elapsed s',
        'MiB/s',
        'RSS before flow',
        'peak RSS (50 ms samples)',
        'peak RSS (ru_maxrss)',
        'output size & SHA-256',
        'goal < 200 MB',
      ],
      [
        [
          MB(r.fileBytes),
          seconds(r.elapsedMs),
          r.mibPerSecond.toFixed(1),
          MB(r.rssBeforeFlow),
          MB(r.peakRssSampled),
          MB(r.maxRss),
          r.outputBytes === r.fileBytes && r.hashMatches ? 'match' : '**MISMATCH**',
          verdict(peak < W2_GOAL_RSS),
        ],
      ],
    ),
  ].join('\n');
}

const gcFigure = (m: MemoryAfterGc | undefined) =>
  m ? `${MB(m.rss)} (${MB(m.heapUsed)})` : 'n/a (no --expose-gc)';

/** W3: queued RSS, restore times and RSS against the goals. */
export function w3Report(r: W3Results): string {
  const { fill, restore } = r;
  return [
    `### W3: ${fill.queued.toLocaleString('en-US')} queued flowfiles, SIGKILL, restart`,
    '',
    table(
      ['phase', 'figure', 'value', 'goal'],
      [
        [
          'fill',
          'flowfiles queued (swapped)',
          `${fill.queued.toLocaleString('en-US')} (${fill.swapped.toLocaleString('en-US')})`,
          '',
        ],
        [
          'fill',
          'most records in memory at once (swap backlog)',
          fill.maxInMemory.toLocaleString('en-US'),
          'about 20,000 (swap threshold)',
        ],
        [
          'fill',
          'time to generate (to swap settled)',
          `${seconds(fill.fillMs)} s (${seconds(fill.settledMs)} s)`,
          '',
        ],
        [
          'fill',
          'RSS while queued (peak while filling)',
          `${MB(fill.rssWhileQueued)} (${MB(fill.peakRssWhileFilling)})`,
          `< 500 MB: ${verdict(fill.rssWhileQueued < W3_GOAL_RSS)}`,
        ],
        ['fill', 'RSS (heap used) right after a forced full GC', gcFigure(fill.afterFullGc), ''],
        [
          'fill',
          'RSS (heap used) 10 s later, idle, still queued',
          gcFigure(fill.atRest),
          `< 500 MB: ${fill.atRest ? verdict(fill.atRest.rss < W3_GOAL_RSS) : 'n/a'}`,
        ],
        ['fill', 'flowfile repository on disk', MB(fill.flowFileRepositoryBytes), ''],
        ['kill', 'signal', String(r.killedBy), 'SIGKILL'],
        [
          'restart',
          'restored (swapped)',
          `${restore.restored.toLocaleString('en-US')} (${restore.swapped.toLocaleString('en-US')})`,
          `${fill.queued.toLocaleString('en-US')}: ${restore.complete && restore.restored === fill.queued ? 'all back' : '**NOT ALL BACK**'}`,
        ],
        ['restart', 'FlowEngine.open resolved after', `${seconds(restore.openMs)} s`, ''],
        [
          'restart',
          'FlowEngine.open → queues restored',
          `${seconds(restore.sinceOpenMs)} s`,
          `< 10 s: ${verdict(restore.complete && restore.sinceOpenMs < W3_GOAL_MS)}`,
        ],
        [
          'restart',
          'process start → queues restored',
          `${seconds(restore.sinceProcessStartMs)} s`,
          `< 10 s: ${verdict(restore.complete && restore.sinceProcessStartMs < W3_GOAL_MS)}`,
        ],
        ['restart', 'spawn → queues restored (wall clock)', `${seconds(r.restartWallMs)} s`, ''],
        ['restart', 'of which module loading (tsx)', `${seconds(restore.importMs)} s`, ''],
        [
          'restart',
          'RSS (heap used) right after a forced full GC',
          gcFigure(restore.afterFullGc),
          '',
        ],
        [
          'restart',
          'RSS (heap used) 10 s later, idle',
          gcFigure(restore.atRest),
          `< 500 MB: ${restore.atRest ? verdict(restore.atRest.rss < W3_GOAL_RSS) : 'n/a'}`,
        ],
        [
          'restart',
          'engine.close() afterwards',
          r.closedCleanly ? 'finished' : '**did not finish within 60 s (killed)**',
          '',
        ],
        [
          'restart',
          'RSS after restore (peak)',
          `${MB(restore.rssAfterRestore)} (${MB(restore.maxRss)})`,
          `< 500 MB: ${verdict(Math.max(restore.rssAfterRestore, restore.maxRss) < W3_GOAL_RSS)}`,
        ],
      ],
    ),
  ].join('\n');
}

/** The machine line printed above the tables. */
export function machineReport(m: MachineInfo): string {
  return `Machine: ${m.cpuModel}, ${m.cpus} CPUs, ${m.memoryGiB} GiB RAM, ${m.platform}, Node ${m.node}; ${m.date}; load average at start ${m.loadAverage.toFixed(2)}`;
}
