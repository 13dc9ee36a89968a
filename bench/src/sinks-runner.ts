/**
 * The runner's side of the sinks workload: starts Kafka, SFTP, Elasticsearch and HDFS once, then
 * for each case runs a warm-up of both sides and `SLUICE_BENCH_SINKS_RUNS` (default 3) timed
 * repetitions whose order alternates (Sluice first, then raw first, ...), each side a fresh child
 * process, and stops the servers at the end. `SLUICE_BENCH_SINKS_CASES` (comma-separated ids)
 * picks cases.
 */
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import { startTestServices, type TestServicesInfo } from '@sluice/services';
import {
  SERVICES_ENV,
  SINK_CASES,
  SINK_SIDES,
  sinkCase,
  type SinkCase,
  type SinkCaseResult,
  type SinkRunResult,
  type SinkSide,
  type SinksResults,
} from './sinks-common.js';
import { prepareSftpInput, removeSftpInput } from './sinks-sftp.js';
import { runWorkload, type ChildOptions } from './support/child.js';
import { expectResult } from './support/result.js';

function selectedCases(): readonly SinkCase[] {
  const text = process.env['SLUICE_BENCH_SINKS_CASES'];
  if (!text) return SINK_CASES;
  return text.split(',').map((id) => sinkCase(id.trim()));
}

async function runSide(
  c: SinkCase,
  side: SinkSide,
  label: string,
  options: ChildOptions,
): Promise<SinkRunResult> {
  const tag = `${c.id}-${side}-${randomUUID().slice(0, 8)}`;
  const result = expectResult<SinkRunResult>(
    await runWorkload('sinks.ts', [c.id, side, tag], options),
    'sinks',
  );
  console.error(
    `sinks ${c.id} ${label} ${side}: ${Math.round(result.itemsPerSecond)} items/s, ${result.mibPerSecond.toFixed(1)} MiB/s in ${(result.elapsedMs / 1000).toFixed(2)} s (${result.check})`,
  );
  return result;
}

/** A warm-up of both sides, then `runs` timed repetitions in alternating order. */
async function runCase(
  c: SinkCase,
  services: TestServicesInfo,
  runs: number,
  options: ChildOptions,
): Promise<SinkCaseResult> {
  const loadAverage = os.loadavg()[0] ?? 0;
  if (c.pair === 'sftp') {
    console.error(`sinks ${c.id}: writing ${c.items} input files on the SFTP server`);
    await prepareSftpInput(services, c);
  }
  try {
    const warmUp: SinkRunResult[] = [];
    for (const side of SINK_SIDES) warmUp.push(await runSide(c, side, 'warm-up', options));
    const timed: SinkRunResult[] = [];
    for (let run = 0; run < runs; run++) {
      const order = run % 2 === 0 ? SINK_SIDES : [...SINK_SIDES].reverse();
      for (const side of order)
        timed.push(await runSide(c, side, `run ${run + 1}/${runs}`, options));
    }
    return { caseId: c.id, label: c.label, loadAverage, warmUp, runs: timed };
  } finally {
    if (c.pair === 'sftp') await removeSftpInput(services, c);
  }
}

/** Runs every selected case; a case that fails is reported and the others still run. */
export async function runSinks(options: ChildOptions): Promise<SinksResults> {
  const runs = Number(process.env['SLUICE_BENCH_SINKS_RUNS'] ?? 3);
  console.error('sinks: starting Kafka, SFTP, Elasticsearch and HDFS');
  const startedAt = performance.now();
  const services = await startTestServices(['kafka', 'sftp', 'elasticsearch', 'hdfs']);
  const servicesStartSeconds = (performance.now() - startedAt) / 1000;
  console.error(`sinks: servers up in ${servicesStartSeconds.toFixed(1)} s`);
  const cases: SinkCaseResult[] = [];
  const errors: string[] = [];
  try {
    const childOptions: ChildOptions = {
      ...options,
      env: { [SERVICES_ENV]: JSON.stringify(services.info) },
    };
    for (const c of selectedCases()) {
      try {
        cases.push(await runCase(c, services.info, runs, childOptions));
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        console.error(`sinks ${c.id} failed: ${message}`);
        errors.push(`${c.id}: ${message}`);
      }
    }
  } finally {
    await services.stop();
  }
  return { cases, servicesStartSeconds, errors };
}
