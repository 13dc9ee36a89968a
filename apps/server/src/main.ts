#!/usr/bin/env node
import path from 'node:path';
import { standardRegistry } from '@sluice/processors';
import { readServerConfig } from './config.js';
import { ensureDemoData } from './demo-data.js';
import { loadFlow } from './load-flow.js';
import { createLogger, errorRecord, whenLogsWritten, type SluiceLogger } from './ops/logger.js';
import { readOpsConfig } from './ops/ops-config.js';
import { gracefulShutdown, handleShutdownSignals } from './ops/shutdown.js';
import { startSluice } from './server.js';

/**
 * Starts Sluice: opens every flow saved under `<data>/flows` (the demo flow on a first start),
 * resumes the processors saved running, and serves HTTP. Logs JSON lines on stdout
 * (`SLUICE_LOG_LEVEL`); SIGTERM or SIGINT shut it down gracefully (docs/operations.md).
 */
/**
 * Exits once the logger wrote what it holds: stdout is written asynchronously, so the last lines
 * (the shutdown's "Shutdown complete") would otherwise be lost with the process.
 */
function exitAfterLogs(logger: SluiceLogger, code: number): void {
  whenLogsWritten(logger, () => process.exit(code));
}

async function main(logger: SluiceLogger, shutdownTimeoutMs: number): Promise<void> {
  const config = readServerConfig(process.argv.slice(2), process.env);
  if (await ensureDemoData(config.dataDir)) {
    logger.info({ dir: path.join(config.dataDir, 'demo', 'in') }, 'Created the demo input files');
  }
  const registry = standardRegistry();
  const loaded = await loadFlow(config.flowPath, registry);
  if (!loaded.document) {
    logger.fatal({ file: config.flowPath, issues: loaded.issues }, 'The flow cannot be loaded');
    process.exit(1);
  }
  if (loaded.issues.length > 0) {
    logger.warn({ file: config.flowPath, issues: loaded.issues }, 'The flow has problems');
  }
  const sluice = await startSluice({
    host: config.host,
    port: config.port,
    webDir: config.webDir,
    dataDir: config.dataDir,
    registry,
    parameterValues: { 'demo.dir': path.join(config.dataDir, 'demo') },
    seed: loaded.document,
    statusIntervalMs: config.statusIntervalMs,
    logger,
  });
  handleShutdownSignals(
    gracefulShutdown({
      close: () => sluice.close(),
      logger,
      timeoutMs: shutdownTimeoutMs,
      exit: (code) => exitAfterLogs(logger, code),
    }),
  );
  const { workspace } = sluice;
  const firstAdmin = sluice.auth.firstAdmin;
  if (firstAdmin?.generatedPassword) {
    // Printed once, on purpose not through the logger (logs are kept and shipped): it is stored
    // only as a hash. SLUICE_ADMIN_PASSWORD sets it instead.
    process.stdout.write(
      `Created the first user: '${firstAdmin.username}' (admin) with password ${firstAdmin.generatedPassword}\nLog in and change it (or set SLUICE_ADMIN_PASSWORD before the first start). It is not shown again.\n`,
    );
  }
  const keySource = workspace.secretKeySource;
  if (keySource.kind === 'file' && keySource.created) {
    logger.warn(
      { file: keySource.file },
      'Created the key that encrypts secrets at rest (mode 0600). Back it up; without it saved passwords cannot be read.',
    );
  }
  for (const problem of workspace.unreadable) {
    logger.warn({ file: problem.file, issues: problem.issues }, 'A saved flow cannot be opened');
  }
  logger.info(
    {
      url: sluice.url,
      flows: workspace.list().map((e) => ({ id: e.document.flow.id, name: e.document.flow.name })),
    },
    `Sluice is serving on ${sluice.url}/`,
  );
}

let ops: ReturnType<typeof readOpsConfig>;
try {
  ops = readOpsConfig(process.env);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
const logger = createLogger({ level: ops.logLevel });
main(logger, ops.shutdownTimeoutMs).catch((error: unknown) => {
  logger.fatal({ error: errorRecord(error, []) }, 'Sluice could not start');
  exitAfterLogs(logger, 1);
});
