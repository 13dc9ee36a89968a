#!/usr/bin/env node
import path from 'node:path';
import { standardRegistry } from '@sluice/processors';
import { readServerConfig } from './config.js';
import { ensureDemoData } from './demo-data.js';
import { formatIssues, loadFlow } from './load-flow.js';
import { startSluice } from './server.js';

/**
 * Starts Sluice: opens every flow saved under `<data>/flows` (the demo flow on a first start),
 * resumes the processors saved running, and serves HTTP.
 */
async function main(): Promise<void> {
  const config = readServerConfig(process.argv.slice(2), process.env);
  if (await ensureDemoData(config.dataDir)) {
    process.stdout.write(
      `Created demo input files in ${path.join(config.dataDir, 'demo', 'in')}\n`,
    );
  }
  const registry = standardRegistry();
  const loaded = await loadFlow(config.flowPath, registry);
  if (!loaded.document) {
    console.error(formatIssues(config.flowPath, loaded.issues));
    process.exit(1);
  }
  if (loaded.issues.length > 0) console.warn(formatIssues(config.flowPath, loaded.issues));
  const sluice = await startSluice({
    host: config.host,
    port: config.port,
    webDir: config.webDir,
    dataDir: config.dataDir,
    registry,
    parameterValues: { 'demo.dir': path.join(config.dataDir, 'demo') },
    seed: loaded.document,
    statusIntervalMs: config.statusIntervalMs,
  });
  const { workspace } = sluice;
  const firstAdmin = sluice.auth.firstAdmin;
  if (firstAdmin?.generatedPassword) {
    // Printed once: it is stored only as a hash. SLUICE_ADMIN_PASSWORD sets it instead.
    process.stdout.write(
      `Created the first user: '${firstAdmin.username}' (admin) with password ${firstAdmin.generatedPassword}\nLog in and change it (or set SLUICE_ADMIN_PASSWORD before the first start). It is not shown again.\n`,
    );
  }
  const keySource = workspace.secretKeySource;
  if (keySource.kind === 'file' && keySource.created) {
    process.stdout.write(
      `Created the key that encrypts secrets at rest: ${keySource.file} (mode 0600). Back it up; without it saved passwords cannot be read.\n`,
    );
  }
  for (const problem of workspace.unreadable)
    console.warn(formatIssues(problem.file, problem.issues));
  for (const engine of workspace.list()) {
    engine.events.subscribe((event) => {
      if (event.type === 'bulletin') {
        const b = event.bulletin;
        console.warn(
          `${new Date(b.time).toISOString()} ${b.level} [${b.componentName}] ${b.message}`,
        );
      }
    });
  }
  const names = workspace.list().map((e) => `'${e.document.flow.name}'`);
  process.stdout.write(`Sluice is serving ${names.join(', ') || 'no flow'} on ${sluice.url}/\n`);
  const shutdown = () => {
    void sluice.close().finally(() => process.exit(0));
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
