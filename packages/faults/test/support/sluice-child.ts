/**
 * The Sluice process a fault test kills: the real server (`startSluice`, as `npm start` runs it)
 * on a data directory, with the flow and parameter values of a JSON file
 * `{ "document": FlowDocument, "parameterValues": {...} }` (the flow is saved on the first start;
 * later starts open what was saved, and resume the processors saved running).
 *
 * Usage: sluice-child <dataDir> <config.json>. Speaks on stdout, one line each:
 * `running <ms>` once the flow is open and started (ms `startSluice` took: opening the
 * repositories, replaying them, starting the flow; not the loading of the code), then
 * `status <json>` every 200 ms (see {@link ChildStatus}) and `bulletin <level> [name] message`.
 * SIGTERM closes it cleanly (`closed`, exit 0).
 */
import { readFile } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import type { FlowDocument } from '@sluice/flow-schema';
import { standardRegistry } from '@sluice/processors';
import { startSluice } from '@sluice/server';
import { activeTasksOf } from './seed-004/drain.js';

/** What the child reports every 200 ms. */
export interface ChildStatus {
  readonly queued: Record<string, number>;
  /** Tasks running, by processor id (those with none left out). */
  readonly activeTasks: Record<string, number>;
}

const [dataDir, configFile] = process.argv.slice(2);
if (!dataDir || !configFile) throw new Error('usage: sluice-child <dataDir> <config.json>');
const config = JSON.parse(await readFile(configFile, 'utf8')) as {
  document: FlowDocument;
  parameterValues: Record<string, string>;
};

const opening = performance.now();
const sluice = await startSluice({
  host: '127.0.0.1',
  port: 0,
  dataDir,
  registry: standardRegistry(),
  parameterValues: config.parameterValues,
  seed: config.document,
});
const engine = sluice.workspace.get(config.document.flow.id);
if (!engine) throw new Error(`flow ${config.document.flow.id} is not open`);
engine.events.subscribe((event) => {
  if (event.type !== 'bulletin') return;
  const b = event.bulletin;
  process.stdout.write(
    `bulletin ${b.level} [${b.componentName}] ${b.message.replace(/\s+/g, ' ')}\n`,
  );
});
process.stdout.write(`running ${Math.round(performance.now() - opening)}\n`);

const report = () => {
  const status: ChildStatus = {
    queued: Object.fromEntries(engine.connectionStatus().map((c) => [c.id, c.queued.count])),
    activeTasks: activeTasksOf(engine),
  };
  process.stdout.write(`status ${JSON.stringify(status)}\n`);
};
report();
const timer = setInterval(report, 200);

process.once('SIGTERM', () => {
  clearInterval(timer);
  void sluice.close().then(() => {
    process.stdout.write('closed\n');
    process.exit(0);
  });
});
