import { readFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../process/free-port.js';
import { descendantsOf, isAlive } from '../process/service-process.js';
import { systemUser } from '../process/system-user.js';
import { testWorkDir } from '../test-work-dir.js';
import { startElasticsearch, type ElasticsearchServer } from './elasticsearch-server.js';
import { ELASTICSEARCH_USER } from './elasticsearch-user.js';

/** The real user id a process runs as (`Uid:` in /proc/<pid>/status). */
function uidOf(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8')
    .split('\n')
    .find((l) => l.startsWith('Uid:'));
  return Number(line?.split(/\s+/)[1]);
}

describe('startElasticsearch', () => {
  let server: ElasticsearchServer;
  let serverJvms: number[] = [];

  beforeAll(async () => {
    server = await startElasticsearch({
      workDir: await testWorkDir('elasticsearch'),
      port: await freePort(),
      transportPort: await freePort(),
    });
    serverJvms = descendantsOf(server.pid);
    // Timings in the test output, so a slow download or start shows up in CI logs.
    console.warn(
      `Elasticsearch ${server.version} ready on ${server.url}: download ${server.timings.downloadMs} ms, start ${server.timings.startMs} ms`,
    );
  });

  afterAll(async () => {
    await server?.stop();
    // The log stays only when the start failed (the error quotes it); data never stays.
    if (server) await rm(server.workDir, { recursive: true, force: true });
  });

  it('creates an index, bulk-indexes documents, then counts and finds them', async () => {
    // Given an index with a mapping, as PutElasticsearch's users create
    const json = { 'content-type': 'application/json' };
    const created = await fetch(`${server.url}/products`, {
      method: 'PUT',
      headers: json,
      body: JSON.stringify({
        settings: { number_of_shards: 1, number_of_replicas: 0 },
        mappings: { properties: { name: { type: 'text' }, sku: { type: 'keyword' } } },
      }),
    });
    expect(created.status).toBe(200);

    // When three documents go in through _bulk (index with an id, index, create)
    const lines = [
      { index: { _index: 'products', _id: 'p1' } },
      { name: '한국어 "quoted" \\ 본문', sku: 'A-1' },
      { index: { _index: 'products', _id: 'p2' } },
      { name: 'tab\there', sku: 'B-2' },
      { create: { _index: 'products' } },
      { name: 'third product', sku: 'C-3' },
    ];
    const bulk = await fetch(`${server.url}/_bulk`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-ndjson' },
      body: lines.map((line) => JSON.stringify(line)).join('\n') + '\n',
    });
    const bulkBody = (await bulk.json()) as { errors: boolean; items: unknown[] };
    expect(bulk.status).toBe(200);
    expect(bulkBody.errors).toBe(false);
    expect(bulkBody.items).toHaveLength(3);
    expect((await fetch(`${server.url}/products/_refresh`, { method: 'POST' })).status).toBe(200);

    // Then _count sees all three and _search finds one by its text, byte for byte
    const count = (await (await fetch(`${server.url}/products/_count`)).json()) as {
      count: number;
    };
    expect(count.count).toBe(3);
    const search = await fetch(`${server.url}/products/_search`, {
      method: 'POST',
      headers: json,
      body: JSON.stringify({ query: { match: { name: '본문' } } }),
    });
    const hits = ((await search.json()) as { hits: { hits: { _id: string; _source: unknown }[] } })
      .hits.hits;
    expect(hits.map((hit) => hit._id)).toEqual(['p1']);
    expect(hits[0]?._source).toEqual({ name: '한국어 "quoted" \\ 본문', sku: 'A-1' });
  });

  it('runs the launcher and the server JVM as the dedicated user when started as root', async () => {
    // Elasticsearch refuses root; as any other user it runs as that user.
    const expected =
      process.getuid?.() === 0 ? (await systemUser(ELASTICSEARCH_USER))?.uid : process.getuid?.();
    expect(expected).toBeTypeOf('number');
    expect(serverJvms.length).toBeGreaterThan(0);
    for (const pid of [server.pid, ...serverJvms]) expect(uidOf(pid)).toBe(expected);
  });

  it('refuses to start a second node on a port that is already taken', async () => {
    const workDir = await testWorkDir('elasticsearch-taken');
    try {
      await expect(
        startElasticsearch({ workDir, port: server.port, transportPort: await freePort() }),
      ).rejects.toMatchObject({
        code: 'start-failed',
        message: `Cannot start Elasticsearch on 127.0.0.1:${server.port}: something already listens there.`,
      });
    } finally {
      await rm(workDir, { recursive: true, force: true });
    }
  });

  it('stops the launcher and the server JVM on stop()', async () => {
    await server.stop();
    expect(isAlive(server.pid)).toBe(false);
    expect(serverJvms.filter((pid) => isAlive(pid))).toEqual([]);
  });
});
