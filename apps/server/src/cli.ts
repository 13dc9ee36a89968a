import { parseArgs } from 'node:util';
import { FlowEngine, type FsyncPolicy } from '@sluice/engine';
import { standardRegistry } from '@sluice/processors';
import { exportCommand, importCommand } from './cli-transfer.js';
import { formatIssues, loadFlow } from './load-flow.js';
import { queueReport } from './queue-report.js';

const USAGE = `Usage:
  sluice validate <flow.json>             check a flow; prints each problem by JSON path
  sluice run <flow.json> [options]         run a flow headless, printing queued counts each second
      --data-dir <dir>     repositories (default ./data/repositories)
      --fsync <policy>     always | batch | never (default batch)
      --interval <ms>      report interval (default 1000)
  sluice export <flow.json> [-o out.json]  a flow as its deterministic JSON, without secrets
  sluice export --flow-id <id> [--data-dir <dir>] [-o out.json]
                                           the same for a flow saved in a data directory
  sluice import <file> [--data-dir <dir>] [--name <name>]
                                           a Sluice flow or a NiFi 2 flow definition, saved as a
                                           new flow in <dir>/flows; prints what was not mapped
      --data-dir <dir>     (export, import) Sluice's data directory (default $SLUICE_DATA_DIR or ./data)
`;

/** The `sluice` command line; returns the exit code. */
export async function cli(argv: readonly string[]): Promise<number> {
  const { positionals, values } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: {
      'data-dir': { type: 'string' },
      'flow-id': { type: 'string' },
      name: { type: 'string' },
      out: { type: 'string', short: 'o' },
      fsync: { type: 'string', default: 'batch' },
      interval: { type: 'string', default: '1000' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const [command, file] = positionals;
  if (values.help || !command) {
    process.stdout.write(USAGE);
    return command ? 0 : 2;
  }
  const registry = standardRegistry();
  const dataDir = values['data-dir'] ?? process.env['SLUICE_DATA_DIR'] ?? 'data';
  if (command === 'export') {
    return exportCommand({ file, flowId: values['flow-id'], dataDir, out: values.out }, registry);
  }
  if (command === 'import' && file) {
    return importCommand({ file, dataDir, name: values.name }, registry);
  }
  if ((command !== 'validate' && command !== 'run') || !file) {
    console.error(`Unknown command or missing flow file: ${positionals.join(' ')}\n${USAGE}`);
    return 2;
  }
  const loaded = await loadFlow(file, registry);
  if (command === 'validate') {
    if (loaded.issues.length > 0) {
      console.error(formatIssues(file, loaded.issues));
      return 1;
    }
    const flow = loaded.document!.flow;
    process.stdout.write(
      `${file}: valid flow '${flow.name}' (${flow.processors.length} processors, ${flow.connections.length} connections)\n`,
    );
    return 0;
  }
  if (!loaded.document) {
    console.error(formatIssues(file, loaded.issues));
    return 1;
  }
  const fsync = values.fsync as FsyncPolicy;
  if (!['always', 'batch', 'never'].includes(fsync)) {
    console.error(`--fsync must be always, batch or never, not '${values.fsync}'`);
    return 2;
  }
  const interval = Number(values.interval);
  const engine = await FlowEngine.open({
    dataDir: values['data-dir'] ?? 'data/repositories',
    document: loaded.document,
    registry,
    fsync,
    autoStart: false,
  });
  engine.events.subscribe((event) => {
    if (event.type === 'bulletin')
      console.error(
        `${event.bulletin.level} [${event.bulletin.componentName}] ${event.bulletin.message}`,
      );
  });
  for (const [id, reasons] of await engine.startAll()) {
    const name = engine.processors.get(id)?.config.name ?? id;
    console.error(`${name} cannot start: ${reasons.join('; ')}`);
  }
  const report = () => {
    process.stdout.write(
      `${new Date().toISOString()}\n${queueReport(engine)
        .map((l) => `  ${l}`)
        .join('\n')}\n`,
    );
  };
  const timer = setInterval(report, Number.isFinite(interval) && interval > 0 ? interval : 1000);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  clearInterval(timer);
  await engine.close();
  report();
  return 0;
}
