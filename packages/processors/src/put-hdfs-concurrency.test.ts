import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { FlowEngine } from '@sluice/engine';
import { parseFlowDocument, type FlowDocument } from '@sluice/flow-schema';
import { afterEach, describe, expect, it } from 'vitest';
import {
  checkingHdfsClient,
  HDFS_TEST_USER,
  namesIn,
  sharedHdfsUrl,
  uniqueHdfsDir,
} from '../test/support/hdfs-fixtures.js';
import { standardRegistry } from './index.js';

const COPIES = 16;
const engines: FlowEngine[] = [];
const dirs: string[] = [];

afterEach(async () => {
  await Promise.all(engines.splice(0).map((e) => e.close()));
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

/**
 * GenerateFlowFile (run once: `COPIES` flowfiles) → UpdateAttribute (all named `same.txt`) →
 * PutHDFS with 8 concurrent tasks and Conflict Resolution 'replace' → stopped sinks that keep
 * what reached success and failure. Copies of one file arriving together is what at-least-once
 * delivery makes of a replay (a Kafka topic redelivered after a crash).
 */
function sameNameFlow(directory: string): FlowDocument {
  const stopped = (id: string, type: string, extra: object = {}) => ({
    id,
    type,
    name: id,
    position: { x: 0, y: 0 },
    properties: {},
    ...extra,
  });
  return parseFlowDocument({
    schemaVersion: 1,
    flow: {
      id: 'put-hdfs-same-name',
      name: 'PutHDFS, copies of one file at once',
      controllerServices: [
        {
          id: 'hdfs',
          type: 'StandardHdfsConnectionService',
          name: 'HDFS',
          state: 'ENABLED',
          properties: { webHdfsUrl: sharedHdfsUrl(), user: HDFS_TEST_USER },
        },
      ],
      processors: [
        stopped('generate', 'GenerateFlowFile', {
          properties: { batchSize: String(COPIES), customText: 'the same bytes in every copy' },
        }),
        stopped('name', 'UpdateAttribute', { properties: { filename: 'same.txt' } }),
        stopped('put', 'PutHDFS', {
          properties: {
            hdfsConnectionService: 'hdfs',
            directory,
            conflictResolutionStrategy: 'replace',
          },
          scheduling: { concurrentTasks: 8 },
        }),
        stopped('written', 'LogAttribute'),
        stopped('failed', 'LogAttribute'),
      ],
      connections: [
        {
          id: 'generated',
          source: { id: 'generate' },
          relationships: ['success'],
          destination: { id: 'name' },
        },
        {
          id: 'named',
          source: { id: 'name' },
          relationships: ['success'],
          destination: { id: 'put' },
        },
        {
          id: 'success',
          source: { id: 'put' },
          relationships: ['success'],
          destination: { id: 'written' },
        },
        {
          id: 'failure',
          source: { id: 'put' },
          relationships: ['failure'],
          destination: { id: 'failed' },
        },
      ],
    },
  });
}

async function until(check: () => boolean, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('PutHDFS with concurrent tasks', () => {
  it('writes copies of one file that arrive together, each to success, leaving one whole file and no dot file', async () => {
    // Given 16 flowfiles with the same name and content queued in front of PutHDFS with 8 tasks
    const directory = uniqueHdfsDir('put-hdfs-same-name');
    const dataDir = await mkdtemp(path.join(tmpdir(), 'sluice-put-hdfs-same-name-'));
    dirs.push(dataDir);
    const engine = await FlowEngine.open({
      dataDir,
      document: sameNameFlow(directory),
      registry: standardRegistry(),
      fsync: 'never',
    });
    engines.push(engine);
    const queued = (id: string) => engine.connectionStatus().find((c) => c.id === id)!.queued.count;
    expect((await engine.runOnce('generate')).ok).toBe(true);
    expect((await engine.runOnce('name')).ok).toBe(true);
    expect(queued('named')).toBe(COPIES);

    // When PutHDFS runs, its tasks taking the copies at once
    expect((await engine.start('put')).ok).toBe(true);
    await until(() => queued('success') + queued('failure') === COPIES);

    // Then every copy was written (none raced another to failure), and HDFS holds the one file
    expect(engine.bulletins.query({ limit: 5 }).map((b) => b.message)).toEqual([]);
    expect({ success: queued('success'), failure: queued('failure') }).toEqual({
      success: COPIES,
      failure: 0,
    });
    const hdfs = checkingHdfsClient();
    expect(await namesIn(hdfs, directory)).toEqual(['same.txt']);
    expect((await hdfs.read(`${directory}/same.txt`)).toString()).toBe(
      'the same bytes in every copy',
    );
  });
});
