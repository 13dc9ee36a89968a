/**
 * Sinks case elasticsearch: PutElasticsearchJson against the client's `helpers.bulk`, each
 * indexing the same number of small JSON documents (the same shape and size on both sides, ids
 * chosen by Elasticsearch) into a fresh index, in `_bulk` requests of {@link SINK_BATCH}
 * documents, one request at a time.
 */
import { randomUUID } from 'node:crypto';
import { Client } from '@elastic/elasticsearch';
import { SINK_BATCH, type SinkMeasurement, type SinkRun } from './sinks-common.js';
import { generateBatch, runSluiceSink } from './sinks-engine.js';

/** A fixed text, so every document has the same size (a UUID is always 36 characters). */
const MESSAGE =
  'a small JSON document of the sinks benchmark, the same size on both sides of the comparison';

/** The document text; GenerateFlowFile evaluates `${UUID()}` per flowfile. */
const documentText = (id: string): string =>
  `{"uuid":"${id}","source":"bench-sinks","level":"INFO","message":"${MESSAGE}"}`;

function urlOf(run: SinkRun): string {
  const url = run.services.elasticsearch?.url;
  if (!url) throw new Error('the sinks runner did not start Elasticsearch');
  return url;
}

/** Creates the run's fresh index (one shard, no replica: one node), before any clock. */
async function createIndex(client: Client, index: string): Promise<void> {
  await client.indices.create({
    index,
    settings: { number_of_shards: 1, number_of_replicas: 0 },
  });
}

/** Documents in the index once refreshed; the index is deleted after. */
async function countAndDrop(client: Client, index: string): Promise<number> {
  await client.indices.refresh({ index });
  const { count } = await client.count({ index });
  await client.indices.delete({ index });
  return count;
}

function verdict(expected: number, found: number): Pick<SinkMeasurement, 'verified' | 'check'> {
  return { verified: found === expected, check: `${found} of ${expected} documents in the index` };
}

/** PutElasticsearchJson (Batch Size 500) fed by a pre-filled queue of documents. */
export async function elasticsearchSluice(run: SinkRun): Promise<SinkMeasurement> {
  const { items } = run.sinkCase;
  const index = `bench-sinks-sluice-${run.tag}`;
  const checking = new Client({ node: urlOf(run) });
  try {
    await createIndex(checking, index);
    const batch = generateBatch(items);
    const outcome = await runSluiceSink(
      {
        source: {
          type: 'GenerateFlowFile',
          properties: { customText: documentText('${UUID()}'), batchSize: String(batch) },
        },
        sink: {
          type: 'PutElasticsearchJson',
          properties: { clientService: 'service', index, batchSize: String(SINK_BATCH) },
          // With one connection: one _bulk in flight while the other task prepares the next, as
          // the raw side's helper does with concurrency 1.
          concurrentTasks: 2,
        },
        service: {
          type: 'ElasticSearchClientServiceImpl',
          properties: { httpHosts: urlOf(run), authorizationScheme: 'NONE', maxConnections: '1' },
        },
        done: ['original', 'successful'],
        failed: ['errors', 'failure', 'retry'],
      },
      items,
      { kind: 'generate', batch },
    );
    const found = await countAndDrop(checking, index);
    return {
      items: outcome.sink.inCount,
      bytes: outcome.sink.inBytes,
      elapsedMs: outcome.elapsedMs,
      ...verdict(items, found),
      notes: {
        failed: outcome.failed,
        left: outcome.left,
        swappedAtStart: outcome.swappedAtStart,
        tasks: outcome.sink.tasks,
        taskMillis: outcome.sink.taskMillis,
        batching: `PutElasticsearchJson Batch Size ${SINK_BATCH}: one _bulk request per session; two concurrent tasks sharing the client's one connection (Max Connections 1), so one request is in flight while the next is prepared`,
      },
    };
  } finally {
    await checking.close();
  }
}

/** `helpers.bulk` flushing every {@link SINK_BATCH} documents, concurrency 1. */
export async function elasticsearchRaw(run: SinkRun): Promise<SinkMeasurement> {
  const { items } = run.sinkCase;
  const index = `bench-sinks-raw-${run.tag}`;
  const client = new Client({ node: urlOf(run) });
  try {
    await createIndex(client, index);
    // Objects, as a user of the helper has them; made before the clock.
    const documents = Array.from(
      { length: items },
      () => JSON.parse(documentText(randomUUID())) as Record<string, string>,
    );
    const action = { index: { _index: index } };
    // The helper flushes once the NDJSON it gathered reaches flushBytes: with documents of one
    // size, exactly every SINK_BATCH documents.
    const perDocument =
      Buffer.byteLength(JSON.stringify(action)) + Buffer.byteLength(JSON.stringify(documents[0]));
    const startedAt = performance.now();
    const stats = await client.helpers.bulk({
      datasource: documents,
      onDocument: () => action,
      flushBytes: perDocument * SINK_BATCH,
      concurrency: 1,
    });
    const elapsedMs = performance.now() - startedAt;
    const bytes = documents.reduce((sum, d) => sum + Buffer.byteLength(JSON.stringify(d)), 0);
    const found = await countAndDrop(client, index);
    return {
      items: stats.successful,
      bytes,
      elapsedMs,
      ...verdict(items, found),
      notes: {
        failed: stats.failed,
        batching: `helpers.bulk, flushBytes = ${SINK_BATCH} documents (${perDocument * SINK_BATCH} B), concurrency 1`,
      },
    };
  } finally {
    await client.close();
  }
}
