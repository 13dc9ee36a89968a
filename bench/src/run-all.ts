/**
 * `npm run bench`: runs W1, W2 and W3 one after another, each measured process a fresh child, then
 * the editor benchmark (the built editor in headless Chromium; the server runs in this process)
 * and the queue listing of a 1,000,000-flowfile queue (`queue-listing.ts`, a child too), then
 * the sinks (each sink processor against its raw client on real servers, `sinks-runner.ts`), prints
 * markdown tables on stdout, ending with a summary of every ratio and goal (progress on stderr), and writes every figure to
 * `bench/results/latest.json`.
 *
 * Arguments pick workloads (`npm run bench -- w1 w3`; default all). Environment:
 * `SLUICE_BENCH_W1_RUNS` (runs per W1 system, default 3), `SLUICE_BENCH_CPU_PROF` (a directory:
 * every child writes a V8 CPU profile there), `SLUICE_BENCH_TMP` (where the temp dirs go),
 * `SLUICE_BENCH_SCREENSHOTS` (a directory for the editor's screenshot).
 */
import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { runEditor, type EditorResult } from './editor.js';
import { editorReport } from './editor-report.js';
import { machineInfo } from './machine.js';
import type { QueueListingResult } from './queue-listing-common.js';
import { queueListingReport, runQueueListing } from './queue-listing-report.js';
import { machineReport, w1Report, w2Report, w3Report } from './report.js';
import { runW1, runW2, runW3 } from './runners.js';
import type { SinksResults } from './sinks-common.js';
import { sinksReport } from './sinks-report.js';
import { summaryReport } from './summary-report.js';
import { runSinks } from './sinks-runner.js';
import { BENCH_DIR } from './support/child.js';
import type { ChildOptions } from './support/child.js';
import type { W1Result } from './w1-common.js';
import type { W2Result } from './w2-common.js';
import type { W3Results } from './w3-common.js';

const WORKLOADS = ['w1', 'w2', 'w3', 'editor', 'queue-listing', 'sinks'] as const;
type Workload = (typeof WORKLOADS)[number];

const requested = process.argv.slice(2).map((a) => a.toLowerCase());
const unknown = requested.filter((a) => !WORKLOADS.some((w) => w === a));
if (unknown.length > 0)
  throw new Error(`unknown workload(s) ${unknown.join(', ')}; choose from ${WORKLOADS.join(', ')}`);
const selected: readonly Workload[] =
  requested.length > 0 ? WORKLOADS.filter((w) => requested.includes(w)) : WORKLOADS;

const runs = Number(process.env['SLUICE_BENCH_W1_RUNS'] ?? 3);
const profileDir = process.env['SLUICE_BENCH_CPU_PROF'];
const options: ChildOptions = profileDir ? { cpuProfileDir: path.resolve(profileDir) } : {};
const machine = machineInfo();

const results: {
  machine: typeof machine;
  loadAverageEnd?: number;
  w1?: W1Result[];
  w2?: W2Result;
  w3?: W3Results;
  editor?: EditorResult;
  queueListing?: QueueListingResult;
  sinks?: SinksResults;
  errors: string[];
} = { machine, errors: [] };
const sections: string[] = [machineReport(machine)];

/** Runs one workload; a failure is reported and the others still run. */
async function attempt<T>(
  name: Workload,
  run: () => Promise<T>,
  report: (value: T) => string,
  keep: (value: T) => void,
): Promise<void> {
  try {
    const value = await run();
    keep(value);
    sections.push(report(value));
  } catch (error) {
    const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
    console.error(`${name} failed: ${message}`);
    results.errors.push(`${name}: ${message}`);
    sections.push(`### ${name.toUpperCase()}: failed\n\n\`\`\`\n${message}\n\`\`\``);
  }
}

for (const workload of selected) {
  switch (workload) {
    case 'w1':
      await attempt(
        workload,
        () => runW1(runs, options),
        w1Report,
        (v) => (results.w1 = v),
      );
      break;
    case 'w2':
      await attempt(
        workload,
        () => runW2(options),
        w2Report,
        (v) => (results.w2 = v),
      );
      break;
    case 'w3':
      await attempt(
        workload,
        () => runW3(options),
        w3Report,
        (v) => (results.w3 = v),
      );
      break;
    case 'editor':
      await attempt(
        workload,
        () => runEditor(process.env['SLUICE_BENCH_SCREENSHOTS']),
        editorReport,
        (v) => (results.editor = v),
      );
      break;
    case 'queue-listing':
      await attempt(
        workload,
        () => runQueueListing(options),
        queueListingReport,
        (v) => (results.queueListing = v),
      );
      break;
    case 'sinks':
      await attempt(
        workload,
        () => runSinks(options),
        sinksReport,
        (v) => {
          results.sinks = v;
          results.errors.push(...v.errors.map((e) => `sinks ${e}`));
        },
      );
      break;
    default: {
      const _exhaustive: never = workload;
      throw new Error(`unknown workload ${String(_exhaustive)}`);
    }
  }
}

const loadAverageEnd = os.loadavg()[0] ?? 0;
sections.push(summaryReport(results));
sections.push(
  `Load average at end: ${loadAverageEnd.toFixed(2)} (${machine.cpus} CPUs; other work on the machine skews every figure).`,
);
const resultsDir = path.join(BENCH_DIR, 'results');
await mkdir(resultsDir, { recursive: true });
results.loadAverageEnd = loadAverageEnd;
await writeFile(path.join(resultsDir, 'latest.json'), `${JSON.stringify(results, null, 2)}\n`);
process.stdout.write(`${sections.join('\n\n')}\n`);
if (results.errors.length > 0) process.exitCode = 1;
