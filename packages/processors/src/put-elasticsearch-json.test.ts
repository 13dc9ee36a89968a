import type { Client } from '@elastic/elasticsearch';
import type { TestRunner } from '@sluice/engine';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  checkingClient,
  putElasticsearchRunner,
  storedSourceText,
  uniqueIndex,
} from '../test/support/elasticsearch-fixtures.js';
import { closedAfterEach } from '../test/support/runners.js';
import { BULK_ERROR_TYPE_ATTRIBUTE } from './put-elasticsearch-json.js';

const { url } = inject('services').elasticsearch!;
let es: Client;
const track = closedAfterEach();

beforeAll(() => {
  es = checkingClient(url);
});
afterAll(async () => {
  await es.close();
});

async function runner(
  properties: Record<string, string>,
  service: Record<string, string> = {},
): Promise<TestRunner> {
  return track(await putElasticsearchRunner(url, properties, service));
}

/** A runner whose `autoTerminate` relationships lead nowhere (the others are captured). */
async function runnerEnding(
  properties: Record<string, string>,
  autoTerminate: readonly string[],
): Promise<TestRunner> {
  return track(await putElasticsearchRunner(url, properties, {}, { autoTerminate }));
}

async function count(index: string): Promise<number> {
  await es.indices.refresh({ index });
  return (await es.count({ index })).count;
}

/** Polls `condition` every 50 ms for up to 60 s. */
async function waitFor(condition: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('Timed out waiting for the documents');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const attributesOf = async (run: TestRunner, relationship: string) =>
  (await run.flowFiles(relationship)).map((f) => f.attributes);

describe('PutElasticsearchJson', () => {
  it('indexes every document once with two concurrent tasks sharing one connection', async () => {
    // given 1,500 documents, Batch Size 100, two tasks and a client with one connection per host
    const index = uniqueIndex();
    const run = track(
      await putElasticsearchRunner(
        url,
        { index, batchSize: '100', identifierAttribute: 'doc.id' },
        { maxConnections: '1' },
        { concurrentTasks: 2 },
      ),
    );
    for (let i = 0; i < 1500; i++) {
      await run.enqueue(`{"n": ${i}}`, { 'doc.id': `d${i}` });
    }

    // when it runs scheduled, as in a flow
    expect(await run.engine.start('under-test')).toEqual({ ok: true });
    try {
      await waitFor(async () => (await run.flowFiles('successful')).length === 1500);
    } finally {
      await run.engine.stop('under-test');
    }

    // then each document arrived once, and nothing went elsewhere
    expect(await count(index)).toBe(1500);
    expect(await run.flowFiles('failure')).toEqual([]);
    expect(await run.flowFiles('retry')).toEqual([]);
  });

  it('indexes the content exactly as written: multi-line strings, quotes, tabs, backslashes, Korean, big numbers', async () => {
    const index = uniqueIndex();
    const run = await runner({ index, identifierAttribute: 'doc.id' });
    // Pretty-printed over several lines, as an upstream JSON writer would.
    const content = [
      '{',
      '  "title": "첫 줄\\n둘째 줄\\r\\n\\t들여쓴 셋째 줄",',
      '  "quote": "he said \\"안녕\\" and left",',
      '  "path": "C:\\\\temp\\\\new",',
      '  "big": 9007199254740993,',
      '  "price": 2.50,',
      '  "nested": { "emoji": "🙂", "list": ["a", "b"] }',
      '}',
    ].join('\n');

    await run.enqueue(content, { 'doc.id': 'ko-1' });
    await run.run();

    expect(await run.flowFiles('successful')).toHaveLength(1);
    expect(await run.flowFiles('original')).toHaveLength(1);
    const stored = await storedSourceText(url, index, 'ko-1');
    // Sent as written, not re-serialized: 2^53 + 1 and 2.50 keep every digit (a JavaScript
    // number would have turned them into 9007199254740992 and 2.5).
    expect(stored).toContain('9007199254740993');
    expect(stored).toContain('2.50');
    expect(JSON.parse(stored)).toEqual({
      title: '첫 줄\n둘째 줄\r\n\t들여쓴 셋째 줄',
      quote: 'he said "안녕" and left',
      path: 'C:\\temp\\new',
      big: expect.any(Number),
      price: 2.5,
      nested: { emoji: '🙂', list: ['a', 'b'] },
    });
  });

  it('records a SEND with the index URL and counts the successful documents', async () => {
    const index = uniqueIndex();
    const run = await runner({ index });
    await run.enqueue('{"a":1}');
    await run.enqueue('{"a":2}');

    await run.run();

    const sends = (await run.provenanceEvents()).filter((e) => e.type === 'SEND');
    expect(sends.map((e) => e.transitUri)).toEqual([`${url}/${index}`, `${url}/${index}`]);
    expect(run.counter('Elasticsearch Documents Successful')).toBe(2);
    expect(run.counter('Elasticsearch Bulk Requests')).toBe(1);
    expect(await count(index)).toBe(2);
  });

  it('sends the flowfile itself to successful, with no copy, when original leads nowhere', async () => {
    // Given original auto-terminated and successful connected
    const index = uniqueIndex();
    const run = await runnerEnding({ index }, ['original']);
    await run.enqueue('{"a":1}', { n: '1' });
    await run.enqueue('{"a":2}', { n: '2' });

    // When both are indexed
    await run.run();

    // Then successful holds the two input flowfiles themselves: no CLONE, one SEND each
    const events = await run.provenanceEvents();
    const successful = await run.flowFiles('successful');
    expect(successful.map((f) => f.attributes['n'])).toEqual(['1', '2']);
    expect(events.filter((e) => e.type === 'CLONE')).toEqual([]);
    expect(
      events
        .filter((e) => e.type === 'SEND')
        .map((e) => e.flowFileId)
        .sort(),
    ).toEqual(successful.map((f) => f.attributes['uuid']).sort());
    expect(await count(index)).toBe(2);
  });

  it('makes no copy for an auto-terminated successful: the original records the SEND and goes on unchanged', async () => {
    const index = uniqueIndex();
    const run = await runnerEnding({ index }, ['successful']);
    await run.enqueue('{"a":1}', { n: '1' });

    await run.run();

    const events = await run.provenanceEvents();
    const [original] = await run.flowFiles('original');
    expect(original!.attributes['n']).toBe('1');
    expect(events.filter((e) => e.type === 'CLONE')).toEqual([]);
    expect(events.filter((e) => e.type === 'SEND').map((e) => e.flowFileId)).toEqual([
      original!.attributes['uuid'],
    ]);
    expect(run.counter('Elasticsearch Documents Successful')).toBe(1);
  });

  it('routes a refused document itself to errors, with the reason, when original leads nowhere', async () => {
    const index = uniqueIndex();
    const run = await runnerEnding({ index, indexOperation: 'create', identifierAttribute: 'id' }, [
      'original',
    ]);
    await run.enqueue('{"v":1}', { id: 'twice' });
    await run.enqueue('{"v":2}', { id: 'twice' });

    await run.run();

    expect(await run.flowFiles('successful')).toHaveLength(1);
    const [refused] = await attributesOf(run, 'errors');
    expect(refused).toMatchObject({ id: 'twice', [BULK_ERROR_TYPE_ATTRIBUTE]: expect.any(String) });
    expect(refused![BULK_ERROR_TYPE_ATTRIBUTE]).toContain('conflict');
  });

  it('creates a document, and routes a second create of the same id to errors with the reason', async () => {
    const index = uniqueIndex();
    const run = await runner({ index, indexOperation: 'create', identifierAttribute: 'id' });
    await run.enqueue('{"v":1}', { id: 'same' });
    await run.run();
    await run.enqueue('{"v":2}', { id: 'same' });

    await run.run();

    expect(await run.flowFiles('successful')).toHaveLength(1);
    expect(await run.flowFiles('original')).toHaveLength(2);
    const [error] = await attributesOf(run, 'errors');
    expect(error?.['elasticsearch.bulk.error.type']).toBe('version_conflict_engine_exception');
    expect(error?.['elasticsearch.bulk.error.reason']).toContain('document already exists');
    expect(JSON.parse(error?.['elasticsearch.bulk.error'] ?? '{}')).toMatchObject({
      _id: 'same',
      status: 409,
      error: { type: 'version_conflict_engine_exception' },
    });
    expect(JSON.parse(await storedSourceText(url, index, 'same'))).toEqual({ v: 1 });
  });

  it('updates a document by the Identifier Attribute, and routes an update of a missing one to errors', async () => {
    const index = uniqueIndex();
    await es.index({ index, id: 'u1', document: { a: 1, b: 1 }, refresh: true });
    const run = await runner({ index, indexOperation: 'update', identifierAttribute: 'id' });
    await run.enqueue('{"b":2,"c":"새"}', { id: 'u1' });
    await run.enqueue('{"b":3}', { id: 'missing' });

    await run.run();

    expect((await es.get({ index, id: 'u1' }))._source).toEqual({ a: 1, b: 2, c: '새' });
    expect(await run.flowFiles('successful')).toHaveLength(1);
    const [error] = await attributesOf(run, 'errors');
    expect(error?.['elasticsearch.bulk.error.type']).toBe('document_missing_exception');
  });

  it('upserts: creates the document when missing, merges into it when present', async () => {
    const index = uniqueIndex();
    const run = await runner({ index, indexOperation: 'upsert', identifierAttribute: 'id' });
    await run.enqueue('{"a":1,"b":1}', { id: 'up' });
    await run.run();
    await run.enqueue('{"b":2}', { id: 'up' });

    await run.run();

    expect((await es.get({ index, id: 'up' }))._source).toEqual({ a: 1, b: 2 });
    expect(await run.flowFiles('successful')).toHaveLength(2);
    expect(await run.flowFiles('errors')).toHaveLength(0);
  });

  it('deletes by the Identifier Attribute without reading the content; a missing document is successful by default', async () => {
    const index = uniqueIndex();
    await es.index({ index, id: 'd1', document: { a: 1 }, refresh: true });
    const run = await runner({ index, indexOperation: 'delete', identifierAttribute: 'id' });
    await run.enqueue('', { id: 'd1' });
    await run.enqueue('not json, and not read', { id: 'never-existed' });

    await run.run();

    expect(await run.flowFiles('successful')).toHaveLength(2);
    expect(await count(index)).toBe(0);
  });

  it('routes a delete of a missing document to errors when Not Found is not a success', async () => {
    const index = uniqueIndex();
    await es.indices.create({ index });
    const run = await runner({
      index,
      indexOperation: 'delete',
      identifierAttribute: 'id',
      notFoundIsSuccessful: 'false',
    });
    await run.enqueue('', { id: 'ghost' });

    await run.run();

    const [error] = await attributesOf(run, 'errors');
    expect(error?.['elasticsearch.bulk.error.type']).toBe('not_found');
    expect(JSON.parse(error?.['elasticsearch.bulk.error'] ?? '{}')).toMatchObject({
      _id: 'ghost',
      result: 'not_found',
      status: 404,
    });
  });

  it('routes a flowfile without the document id to failure, and requires the attribute for update', async () => {
    const index = uniqueIndex();
    const run = await runner({ index, indexOperation: 'upsert', identifierAttribute: 'id' });
    await run.enqueue('{"a":1}', { other: 'x' });

    await run.run();

    const [failed] = await attributesOf(run, 'failure');
    expect(failed?.['elasticsearch.put.error']).toBe(
      "the Identifier Attribute 'id' is missing or empty, and the upsert operation needs the document id",
    );
    expect(await run.flowFiles('original')).toHaveLength(0);

    const unconfigured = await runner({ index, indexOperation: 'delete' });
    expect(unconfigured.validationErrors()).toEqual([
      "identifierAttribute: 'Identifier Attribute' is required when the Index Operation is delete",
    ]);
  });

  it('routes content that is not a JSON object to failure with where the JSON breaks, and sends the rest', async () => {
    const index = uniqueIndex();
    const run = await runner({ index });
    await run.enqueue('{\n  "a": 1,\n  "b": }', { filename: 'broken.json' });
    await run.enqueue('[{"a":1}]', { filename: 'array.json' });
    await run.enqueue('{"fine":true}', { filename: 'fine.json' });

    await run.run();

    const failures = await attributesOf(run, 'failure');
    expect(failures.map((a) => [a['filename'], a['elasticsearch.put.error']])).toEqual([
      [
        'broken.json',
        "the content is not valid JSON: expected a JSON value, found '}' (at line 3, column 8)",
      ],
      [
        'array.json',
        'the content is a JSON array, not an object: an Elasticsearch document is a JSON object',
      ],
    ]);
    expect((await attributesOf(run, 'successful')).map((a) => a['filename'])).toEqual([
      'fine.json',
    ]);
    expect(run.bulletins().map((b) => b.message)).toContainEqual(
      expect.stringContaining('(at line 3, column 8)'),
    );
    expect(await count(index)).toBe(1);
  });

  it('routes a mapping conflict to errors with the reason while the other documents succeed', async () => {
    const index = uniqueIndex();
    await es.indices.create({ index, mappings: { properties: { n: { type: 'integer' } } } });
    const run = await runner({ index, identifierAttribute: 'id' });
    await run.enqueue('{"n":1}', { id: 'ok-1' });
    await run.enqueue('{"n":"not a number"}', { id: 'bad' });
    await run.enqueue('{"n":3}', { id: 'ok-2' });

    await run.run();

    expect((await run.flowFiles('successful')).map((f) => f.attributes['id'])).toEqual([
      'ok-1',
      'ok-2',
    ]);
    const [error] = await attributesOf(run, 'errors');
    expect(error?.['id']).toBe('bad');
    expect(error?.['elasticsearch.bulk.error.type']).toBe('document_parsing_exception');
    expect(error?.['elasticsearch.bulk.error.reason']).toContain(
      'failed to parse field [n] of type [integer]',
    );
    expect(await run.flowFiles('original')).toHaveLength(3);
    expect(run.counter('Elasticsearch Documents With Errors')).toBe(1);
    expect(await count(index)).toBe(2);
  });

  it("routes a document over the total fields limit to errors with Elasticsearch's reason", async () => {
    const index = uniqueIndex();
    const run = await runner({ index, identifierAttribute: 'id' });
    const wide = Object.fromEntries(Array.from({ length: 1001 }, (_, i) => [`field_${i}`, i]));
    await run.enqueue(JSON.stringify(wide), { id: 'wide' });
    await run.enqueue('{"narrow":1}', { id: 'narrow' });

    await run.run();

    const [error] = await attributesOf(run, 'errors');
    expect(error?.['id']).toBe('wide');
    expect(error?.['elasticsearch.bulk.error.reason']).toContain(
      'Limit of total fields [1000] has been exceeded',
    );
    expect((await attributesOf(run, 'successful')).map((a) => a['id'])).toEqual(['narrow']);
  });

  it('sends dynamic properties as bulk URL parameters: refresh=wait_for makes documents searchable at once', async () => {
    const index = uniqueIndex();
    const run = await runner({ index, refresh: 'wait_for' });
    await run.enqueue('{"a":1}');

    await run.run();

    expect((await es.count({ index })).count).toBe(1);
  });

  it('routes a request Elasticsearch refuses to failure, with the reason and no credentials', async () => {
    const index = uniqueIndex();
    const run = await runner(
      { index, refresh: 'bogus' },
      { authorizationScheme: 'BASIC', username: 'elastic', password: 'pa55-w0rd-secret' },
    );
    await run.enqueue('{"a":1}');

    await run.run();

    const [failed] = await attributesOf(run, 'failure');
    expect(failed?.['elasticsearch.put.error']).toBe(
      `Elasticsearch at ${url} refused the request with HTTP 400: illegal_argument_exception: Unknown value for refresh: [bogus].`,
    );
    const bulletins = run.bulletins().map((b) => b.message);
    expect(bulletins).toContainEqual(expect.stringContaining('HTTP 400'));
    const everything = JSON.stringify([bulletins, failed, await run.provenanceEvents()]);
    expect(everything).not.toContain('pa55-w0rd-secret');
    expect(await run.flowFiles('original')).toHaveLength(0);
  });

  it('adds BULK: dynamic properties to the action line (routing)', async () => {
    const index = uniqueIndex();
    const run = await runner({ index, identifierAttribute: 'id', 'BULK:routing': '${tenant}' });
    await run.enqueue('{"a":1}', { id: 'r1', tenant: 'acme' });

    await run.run();

    expect(await es.get({ index, id: 'r1', routing: 'acme' })).toMatchObject({
      _routing: 'acme',
      found: true,
    });
  });

  it("takes the Index and the Index Operation from each flowfile's attributes", async () => {
    const first = uniqueIndex();
    const second = uniqueIndex();
    const run = await runner({
      index: '${target}',
      indexOperation: '${op}',
      identifierAttribute: 'id',
    });
    await run.enqueue('{"a":1}', { target: first, op: 'index', id: '1' });
    await run.enqueue('{"a":2}', { target: second, op: 'CREATE', id: '2' });
    await run.enqueue('{"a":3}', { target: first, op: 'merge', id: '3' });

    await run.run();

    expect(await count(first)).toBe(1);
    expect(await count(second)).toBe(1);
    const [failed] = await attributesOf(run, 'failure');
    expect(failed?.['elasticsearch.put.error']).toBe(
      "Index Operation 'merge' is not one of index, create, update, upsert, delete",
    );
  });

  it('sends one bulk request per trigger of at most Batch Size flowfiles', async () => {
    const index = uniqueIndex();
    const run = await runner({ index, batchSize: '2' });
    for (let i = 0; i < 5; i++) await run.enqueue(`{"i":${i}}`);

    await run.run();
    expect(run.inputQueueSize()).toBe(3);
    await run.run(2);

    expect(run.inputQueueSize()).toBe(0);
    expect(run.counter('Elasticsearch Bulk Requests')).toBe(3);
    expect(await count(index)).toBe(5);
  });

  it('stops taking flowfiles for a request once Max Batch Size is reached', async () => {
    const index = uniqueIndex();
    const run = await runner({ index, maxBatchSize: '10 B' });
    for (let i = 0; i < 3; i++) await run.enqueue(`{"i":${i}}`); // 7 bytes each

    await run.run();

    expect(run.inputQueueSize()).toBe(1);
    expect(await run.flowFiles('successful')).toHaveLength(2);
  });

  it('routes the batch to failure when the answer is not a bulk response (filter_path cut it down)', async () => {
    const index = uniqueIndex();
    const run = await runner({ index, filter_path: 'took' });
    await run.enqueue('{"a":1}');

    await run.run();

    const [failed] = await attributesOf(run, 'failure');
    expect(failed?.['elasticsearch.put.error']).toMatch(
      /^Elasticsearch answered the bulk request with something that is not a bulk response/,
    );
    expect(await run.flowFiles('original')).toHaveLength(0);
  });

  it('routes documents refused for load (per-item 503) to retry, penalized, with the reason', async () => {
    const index = uniqueIndex();
    await es.indices.create({ index });
    // One node cannot hold two copies of a shard: each item times out with HTTP 503.
    const run = await runner({ index, wait_for_active_shards: '2', timeout: '1s' });
    await run.enqueue('{"a":1}');

    await run.run();

    const [retry] = await run.flowFiles('retry');
    expect(retry?.attributes['elasticsearch.bulk.error.type']).toBe('unavailable_shards_exception');
    expect(retry?.flowFile.penalizedUntil).toBeGreaterThan(0);
    expect(await run.flowFiles('original')).toHaveLength(1);
    expect(await run.flowFiles('errors')).toHaveLength(0);
    expect(run.counter('Elasticsearch Documents To Retry')).toBe(1);
  });

  it('routes documents refused by a read-only-allow-delete index (per-item 429) to retry', async () => {
    const index = uniqueIndex();
    await es.indices.create({ index, settings: { 'index.blocks.read_only_allow_delete': true } });
    const run = await runner({ index });
    await run.enqueue('{"a":1}');

    await run.run();

    const [retry] = await attributesOf(run, 'retry');
    expect(JSON.parse(retry?.['elasticsearch.bulk.error'] ?? '{}')).toMatchObject({
      status: 429,
      error: { type: 'cluster_block_exception' },
    });
    await es.indices.delete({ index });
  });
});
