/**
 * W2 child entry: `w2.ts <inputDir> <outputDir> <dataDir>` moves the one large file of
 * `inputDir` into `outputDir` with ListFile (run once) → FetchFile → PutFile, sampling RSS every
 * 50 ms from the first line of the process, and prints one result line.
 */
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { RssSampler, maxRssBytes } from './support/memory.js';
import { emitResult } from './support/result.js';
import { countersOf, startOrThrow, whenCommitted } from './support/sluice.js';
import { W2_FILE_NAME, type W2Result } from './w2-common.js';

const sampler = new RssSampler(50).start();
const [inputDir, outputDir, dataDir] = process.argv.slice(2);
if (!inputDir || !outputDir || !dataDir)
  throw new Error('usage: w2.ts <inputDir> <outputDir> <dataDir>');

// Imported after the sampler starts, so loading the engine is sampled too.
const { FlowEngine } = await import('@sluice/engine');
const { standardRegistry } = await import('@sluice/processors');
const { w2Flow } = await import('./flows.js');

const engine = await FlowEngine.open({
  dataDir,
  document: w2Flow(inputDir, outputDir),
  registry: standardRegistry(),
  fsync: 'batch',
  autoStart: false,
});
await startOrThrow(engine, 'fetch');
await startOrThrow(engine, 'put');
const rssBeforeFlow = process.memoryUsage.rss();
const written = whenCommitted(engine, 'put', (c) => c.inCount >= 1);
const startedAt = performance.now();
const listed = await engine.runOnce('list');
if (!listed.ok) throw new Error(`ListFile cannot run: ${listed.reasons.join('; ')}`);
if (countersOf(engine, 'list').outCount !== 1)
  throw new Error(`ListFile listed ${countersOf(engine, 'list').outCount} files, expected 1`);
const finishedAt = await written;
await engine.close();
const { peakRss, samples } = sampler.stop();

const outputBytes = (await stat(path.join(outputDir, W2_FILE_NAME))).size;
const elapsedMs = finishedAt - startedAt;
const result: W2Result = {
  workload: 'W2',
  fileBytes: (await stat(path.join(inputDir, W2_FILE_NAME))).size,
  elapsedMs,
  mibPerSecond: outputBytes / (1024 * 1024) / (elapsedMs / 1000),
  peakRssSampled: peakRss,
  maxRss: maxRssBytes(),
  rssBeforeFlow,
  samples,
  outputBytes,
};
emitResult(result);
process.exit(0);
