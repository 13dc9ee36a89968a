import type { Client } from '@elastic/elasticsearch';
import type { TestRunner } from '@sluice/engine';
import {
  freePort,
  startElasticsearch,
  testWorkDir,
  type ElasticsearchServer,
} from '@sluice/services';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  bulkRequestCount,
  checkingClient,
  processTree,
  putElasticsearchRunner,
  uniqueIndex,
} from '../test/support/elasticsearch-fixtures.js';
import { closedAfterEach } from '../test/support/runners.js';

// A node of its own: these tests stop it, change cluster-wide settings and count every _bulk
// request it answers, none of which may touch the node the other test files share.
let workDir: string;
let ports: { port: number; transportPort: number };
let server: ElasticsearchServer | undefined;
let es: Client | undefined;
const track = closedAfterEach();

async function startNode(): Promise<ElasticsearchServer> {
  server = await startElasticsearch({ workDir, ...ports, detached: false });
  await es?.close();
  es = checkingClient(server.url);
  return server;
}

beforeAll(async () => {
  workDir = await testWorkDir('put-elasticsearch-json');
  ports = { port: await freePort(), transportPort: await freePort() };
  await startNode();
}, 180_000);

afterAll(async () => {
  await es?.close();
  await server?.stop();
}, 60_000);

async function runner(
  properties: Record<string, string>,
  service: Record<string, string> = {},
): Promise<TestRunner> {
  return track(await putElasticsearchRunner(server!.url, properties, service));
}

async function count(index: string): Promise<number> {
  await es!.indices.refresh({ index });
  return (await es!.count({ index })).count;
}

/** How many flowfiles each relationship holds. */
async function routed(run: TestRunner): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const relationship of run.relationships) {
    counts[relationship] = (await run.flowFiles(relationship)).length;
  }
  return counts;
}

describe('PutElasticsearchJson against a node of its own', () => {
  it('sends 250 flowfiles with Batch Size 100 in exactly 3 bulk requests', async () => {
    const index = uniqueIndex();
    const run = await runner({ index, identifierAttribute: 'id' });
    for (let i = 0; i < 250; i++) await run.enqueue(`{"i":${i}}`, { id: `doc-${i}` });
    const before = await bulkRequestCount(es!);

    await run.run();
    expect(run.inputQueueSize()).toBe(150);
    await run.run();
    expect(run.inputQueueSize()).toBe(50);
    await run.run();

    expect(run.inputQueueSize()).toBe(0);
    expect((await bulkRequestCount(es!)) - before).toBe(3);
    expect(await routed(run)).toEqual({
      original: 250,
      successful: 250,
      errors: 0,
      failure: 0,
      retry: 0,
    });
    expect(await count(index)).toBe(250);
  });

  it('routes a whole request the cluster refuses for load (HTTP 429, circuit breaker) to retry', async () => {
    const index = uniqueIndex();
    const run = await runner({ index });
    await run.enqueue(JSON.stringify({ text: 'x'.repeat(4000) }));
    // The in-flight requests breaker refuses any request body above 1 KB, before it is parsed.
    await es!.cluster.putSettings({
      persistent: { 'network.breaker.inflight_requests.limit': '1kb' },
    });
    try {
      await run.run();
    } finally {
      await es!.cluster.putSettings({
        persistent: { 'network.breaker.inflight_requests.limit': null },
      });
    }

    const [retry] = await run.flowFiles('retry');
    expect(retry?.attributes['elasticsearch.put.error']).toMatch(
      new RegExp(
        `^Elasticsearch at ${server!.url} cannot take the request now \\(HTTP 429\\): circuit_breaking_exception`,
      ),
    );
    expect(retry?.flowFile.penalizedUntil).toBeGreaterThan(0);
    expect(await run.flowFiles('original')).toHaveLength(0);
  });

  it('keeps the flowfiles queued when the node stops answering (Read Timeout), and sends them once it answers again', async () => {
    const index = uniqueIndex();
    // With ids: the frozen node applies the first request when it wakes, so the second sends
    // the same documents again (at-least-once), which ids make harmless.
    const run = await runner({ index, identifierAttribute: 'id' }, { readTimeout: '2000' });
    for (let i = 0; i < 3; i++) await run.enqueue(`{"i":${i}}`, { id: `doc-${i}` });
    // A frozen node still accepts connections (the kernel does), but never answers.
    const frozen = await processTree(server!.pid);
    for (const pid of frozen) process.kill(pid, 'SIGSTOP');
    try {
      await run.run();
    } finally {
      for (const pid of frozen) process.kill(pid, 'SIGCONT');
    }

    expect(run.inputQueueSize()).toBe(3);
    expect(await routed(run)).toEqual({
      original: 0,
      successful: 0,
      errors: 0,
      failure: 0,
      retry: 0,
    });
    expect(run.bulletins().map((b) => b.message)).toContainEqual(
      expect.stringMatching(
        new RegExp(
          `^Elasticsearch at ${server!.url} is unreachable: no answer within the Read Timeout \\(Request timed out\\)`,
        ),
      ),
    );

    await run.run();

    expect(await routed(run)).toMatchObject({ original: 3, successful: 3 });
    expect(await count(index)).toBe(3);
  });

  it('keeps every flowfile queued while Elasticsearch is down, with a bulletin, and sends them all once it is back', async () => {
    const index = uniqueIndex();
    const run = await runner({ index, identifierAttribute: 'id', batchSize: '10' });
    for (let i = 0; i < 25; i++) await run.enqueue(`{"i":${i}}`, { id: `doc-${i}` });
    await run.run();
    expect(run.inputQueueSize()).toBe(15);
    const sentBefore = await routed(run);
    expect(sentBefore).toMatchObject({ original: 10, successful: 10 });

    const url = server!.url;
    await server!.stop();
    await run.run();
    for (let i = 25; i < 30; i++) await run.enqueue(`{"i":${i}}`, { id: `doc-${i}` });
    await run.run(2);

    // Rolled back: nothing went anywhere, everything waits in the input queue.
    expect(run.inputQueueSize()).toBe(20);
    expect(await routed(run)).toEqual(sentBefore);
    const bulletins = run.bulletins().map((b) => b.message);
    expect(bulletins).toContainEqual(
      expect.stringMatching(
        new RegExp(
          `^Elasticsearch at ${url} is unreachable: .*ECONNREFUSED.*stay in the input queue`,
        ),
      ),
    );

    // A fresh node on the same port (the harness wipes its data at start).
    await startNode();
    await run.run(2);

    expect(run.inputQueueSize()).toBe(0);
    expect(await routed(run)).toEqual({
      original: 30,
      successful: 30,
      errors: 0,
      failure: 0,
      retry: 0,
    });
    expect(await count(index)).toBe(20);
    const { docs } = await es!.mget({
      index,
      ids: Array.from({ length: 20 }, (_, i) => `doc-${i + 10}`),
    });
    expect(docs.every((doc) => 'found' in doc && doc.found)).toBe(true);
  }, 300_000);
});
