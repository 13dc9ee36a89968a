/**
 * The process the crash test kills: opens the engine on a data directory, generates the
 * flowfiles once, runs the flow, and reports progress on stdout. Usage: crash-child <dataDir> <outDir>
 */
import { readdir } from 'node:fs/promises';
import { FlowEngine } from '@sluice/engine';
import { standardRegistry } from '../../src/index.js';
import { crashTestFlow } from './crash-flow.js';

const [dataDir, outputDir] = process.argv.slice(2);
if (!dataDir || !outputDir) throw new Error('usage: crash-child <dataDir> <outDir>');

async function outputCount(): Promise<number> {
  const names = await readdir(outputDir!).catch(() => []);
  return names.filter((n) => !n.startsWith('.')).length;
}

const engine = await FlowEngine.open({
  dataDir,
  document: crashTestFlow(outputDir),
  registry: standardRegistry(),
});
// Generated before iff anything is queued or written: nothing else creates flowfiles, and the
// generator's one batch is a single commit, so this cannot double-generate or skip.
const queued = engine.connectionStatus().reduce((n, c) => n + c.queued.count, 0);
if (queued === 0 && (await outputCount()) === 0) {
  const result = await engine.runOnce('generate');
  if (!result.ok) throw new Error(result.reasons.join('; '));
  process.stdout.write('generated\n');
}
process.stdout.write('running\n');
for (;;) {
  await new Promise((resolve) => setTimeout(resolve, 50));
  if (engine.isQuiescent()) break;
}
await engine.close();
process.stdout.write('done\n');
