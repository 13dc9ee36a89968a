import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runningServicesInfo } from './running-services.js';
import { writeServicesState } from './state/state-file.js';
import { startTestServices } from './test-services.js';

let dir: string;
const saved = { ...process.env };

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'sluice-running-services-'));
  process.env['SLUICE_SERVICES_DIR'] = dir;
});

afterEach(async () => {
  process.env = { ...saved };
  await rm(dir, { recursive: true, force: true });
});

/** A Kafka entry whose process is long gone. */
async function staleKafka(): Promise<void> {
  await writeServicesState({
    kafka: {
      kind: 'kafka',
      pid: 2 ** 22 + 12345,
      bootstrap: '127.0.0.1:19092',
      brokerPort: 19092,
      controllerPort: 19093,
      workDir: path.join(dir, 'kafka'),
      logFile: path.join(dir, 'kafka', 'kafka.log'),
      startedAt: new Date().toISOString(),
    },
  });
}

describe('runningServicesInfo (SLUICE_TEST_SERVICES=running)', () => {
  it('refuses, naming the command to run, when a service is not running', async () => {
    await staleKafka();
    await expect(runningServicesInfo(['kafka', 'sftp'])).rejects.toThrow(
      /kafka, sftp are not running .*npm run services:up -- kafka sftp/,
    );
  });

  it('is not taken with CI=true: CI starts its own servers', async () => {
    await staleKafka();
    process.env['SLUICE_TEST_SERVICES'] = 'running';
    process.env['CI'] = 'true';
    // An unknown name fails before anything starts, showing the normal path was taken.
    await expect(startTestServices(['nothing' as 'kafka'])).rejects.toThrow(
      /unknown test service nothing/,
    );
    process.env['CI'] = 'false';
    await expect(startTestServices(['kafka'])).rejects.toThrow(/SLUICE_TEST_SERVICES=running/);
  });
});
