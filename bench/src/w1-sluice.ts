/**
 * W1 in Sluice: GenerateFlowFile (1 KB Text, batches of 1,000) → ReplaceText (the seed's JSON
 * wrap) → auto-terminated, on durable repositories with fsync `batch` in a fresh temp dir. Every
 * flowfile is written to the content repository, logged in the flowfile WAL and recorded in
 * provenance.
 */
import path from 'node:path';
import { FlowEngine, type FsyncPolicy } from '@sluice/engine';
import { standardRegistry } from '@sluice/processors';
import { w1Flow } from './flows.js';
import { maxRssBytes, RssSampler } from './support/memory.js';
import {
  countersOf,
  directorySize,
  queuedCount,
  startOrThrow,
  stopAfterOut,
  whenCommitted,
} from './support/sluice.js';
import { makeTempDir, removeDir } from './support/temp-dir.js';
import { W1_BATCH, W1_FLOWFILES, w1Result, type W1Result } from './w1-common.js';

/**
 * Back-pressure of the generate → replace connection. Raised from NiFi's 10,000 so that the
 * generator never waits on the queue; kept at the swap threshold (20,000) so the queue stays in
 * memory, as Node-RED's does. Override with `SLUICE_BENCH_W1_THRESHOLD`.
 */
const OBJECT_THRESHOLD = Number(process.env['SLUICE_BENCH_W1_THRESHOLD'] ?? 20_000);

/**
 * The flowfile and content repositories' fsync policy: `batch` (the default and what W1 is
 * specified with); `SLUICE_BENCH_W1_FSYNC=never` is only for finding out what durability costs.
 */
const FSYNC: FsyncPolicy = parseFsync(process.env['SLUICE_BENCH_W1_FSYNC'] ?? 'batch');

function parseFsync(value: string): FsyncPolicy {
  if (value === 'always' || value === 'batch' || value === 'never') return value;
  throw new Error(`SLUICE_BENCH_W1_FSYNC must be always, batch or never, not ${value}`);
}

/** Runs W1 on a Sluice engine and reports the figures. */
export async function runSluiceW1(): Promise<W1Result> {
  const dataDir = await makeTempDir('w1');
  try {
    const engine = await FlowEngine.open({
      dataDir,
      document: w1Flow(W1_BATCH, OBJECT_THRESHOLD),
      registry: standardRegistry(),
      fsync: FSYNC,
      autoStart: false,
    });
    await startOrThrow(engine, 'replace');
    const generated = stopAfterOut(engine, 'generate', W1_FLOWFILES);
    const processed = whenCommitted(engine, 'replace', (c) => c.inCount >= W1_FLOWFILES);
    let maxQueued = 0;
    const queueProbe = setInterval(
      () => (maxQueued = Math.max(maxQueued, queuedCount(engine))),
      50,
    );

    // The clock: from starting the generator to the commit of the session that took ReplaceText
    // past 100,000 flowfiles (that commit is durable when it resolves: fsync batch).
    const sampler = new RssSampler(50).start();
    const startedAt = performance.now();
    await startOrThrow(engine, 'generate');
    const finishedAt = await processed;
    const { peakRss } = sampler.stop();
    clearInterval(queueProbe);
    await generated;

    const replace = countersOf(engine, 'replace');
    const generate = countersOf(engine, 'generate');
    const closeStarted = performance.now();
    await engine.close();
    const closeMs = performance.now() - closeStarted;
    const repositories = {
      contentBytes: await directorySize(path.join(dataDir, 'content')),
      flowFileRepositoryBytes: await directorySize(path.join(dataDir, 'flowfile')),
      provenanceBytes: await directorySize(path.join(dataDir, 'provenance')),
    };
    return w1Result(
      'sluice',
      {
        flowFiles: replace.inCount,
        bytesOut: replace.bytesWritten,
        elapsedMs: finishedAt - startedAt,
        peakRss,
        maxRss: maxRssBytes(),
      },
      {
        generated: generate.outCount,
        replaceTasks: replace.tasks,
        replaceTaskMillis: replace.taskMillis,
        generateTasks: generate.tasks,
        generateTaskMillis: generate.taskMillis,
        maxQueued,
        objectThreshold: OBJECT_THRESHOLD,
        fsync: FSYNC,
        closeMs: Math.round(closeMs),
        ...repositories,
        persisted: `content, flowfile WAL (fsync ${FSYNC}) and provenance of every flowfile`,
      },
    );
  } finally {
    await removeDir(dataDir);
  }
}
