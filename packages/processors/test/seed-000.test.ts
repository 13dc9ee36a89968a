import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client } from '@elastic/elasticsearch';
import type { FlowEngine } from '@sluice/engine';
import { parseFlowDocument } from '@sluice/flow-schema';
import { Kafka, logLevel } from 'kafkajs';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { POSTGRES_JDBC_URL, POSTGRES_URL, POSTGRES_USER } from './support/postgres-fixtures.js';
import { eventually as eventuallyIn, openSeedFlow } from './support/seed-flow.js';

const EXAMPLE = fileURLToPath(
  new URL('../../../examples/seed-000-web-events-kafka-es-postgres.json', import.meta.url),
);

/** A web event as the application sends it. */
type WebEvent = Record<string, unknown> & { event_id: string; category: string };

/**
 * The events that must come through, as the Django app of the seed logs them: Korean text,
 * quotes, tabs, backslashes and newlines in fields; a nested object; an unknown category.
 */
const PAGE_VIEW: WebEvent = {
  event_id: 'pv-1',
  category: 'page_view',
  log_level: 'INFO',
  method: 'GET',
  time: '2023-10-01T01:11:00+09:00',
  user_id: 19,
  status: 'Success',
  message: '메인 페이지',
};
/** The seed's own event, which Logstash refused: it arrives as a JSON string holding the object. */
const CLICK_AS_STRING: WebEvent = {
  event_id: 'click-1',
  category: 'click',
  log_level: 'INFO',
  method: 'POST',
  time: '2023-10-01T01:11:30+09:00',
  user_id: 19,
  status: 'Success',
};
const PURCHASE: WebEvent = {
  event_id: 'buy-1',
  category: 'purchase',
  time: '2023-10-01T02:00:00Z',
  user_id: 7,
  message: '주문 "완료" — 결제\n두 번째 줄\t탭 \\ 백슬래시',
  detail: { items: [{ sku: 'A-1', qty: 2 }], note: '선물 포장 "빨간색"\n' },
};
/** A category the flow has no topic for: it goes to <prefix>other, and keeps its category. */
const QUESTION: WebEvent = {
  event_id: 'q-1',
  category: 'Q_create',
  time: '2023-10-01T03:00:00+09:00',
  user_id: null,
  message: '질문: Kafka 토픽은 "카테고리" 별로?',
};
const CLICK_ANONYMOUS: WebEvent = {
  event_id: 'click-2',
  category: 'click',
  detail: { element: 'button#buy', path: 'C:\\shop\\cart' },
};
/** Passes the flow's checks, but the index maps `status` as a keyword, so Elasticsearch refuses it. */
const ES_REFUSED: WebEvent = { event_id: 'es-bad-1', category: 'click', status: { code: 500 } };

/** What the test POSTs, in order: good and bad events interleaved. */
interface Post {
  readonly body: string;
  /** The HTTP status ListenHTTP must answer. */
  readonly status: number;
}
const json = (value: unknown) => JSON.stringify(value);
const OVERSIZED_IN_FLOW = json({ event_id: 'big-1', category: 'click', message: 'x'.repeat(3000) });
const MALFORMED = '{"event_id": "bad-1", "category": "click"';
const STRING_OF_MALFORMED = json('{"event_id": "bad-2", category: click}');
const WRONG_TYPE = json({ event_id: 'bad-3', category: 42 });
const MISSING_ID = json({ category: 'click', message: 'no id' });
const USER_ID_TEXT = json({ event_id: 'bad-5', category: 'click', user_id: '19' });
const POSTS: readonly Post[] = [
  { body: json(PAGE_VIEW), status: 200 },
  { body: MALFORMED, status: 200 },
  { body: json(json(CLICK_AS_STRING)), status: 200 },
  { body: WRONG_TYPE, status: 200 },
  { body: json(PURCHASE), status: 200 },
  { body: OVERSIZED_IN_FLOW, status: 200 },
  // Over Max Request Size (8 KB here): refused at the door, never a flowfile.
  { body: json({ event_id: 'huge', category: 'click', message: 'y'.repeat(10_000) }), status: 413 },
  { body: json(QUESTION), status: 200 },
  { body: STRING_OF_MALFORMED, status: 200 },
  { body: MISSING_ID, status: 200 },
  { body: json(CLICK_ANONYMOUS), status: 200 },
  { body: USER_ID_TEXT, status: 200 },
  { body: json(ES_REFUSED), status: 200 },
  // The client retried: the same event again. Kafka gets it twice; Elasticsearch and the
  // warehouse keep one, because the document id and the row key are the event_id.
  { body: json(PAGE_VIEW), status: 200 },
];

/** The events that reach Elasticsearch and the warehouse, by id. */
const STORED: Record<string, WebEvent> = Object.fromEntries(
  [PAGE_VIEW, CLICK_AS_STRING, PURCHASE, QUESTION, CLICK_ANONYMOUS].map((e) => [e.event_id, e]),
);
const CATEGORIES = ['page_view', 'click', 'purchase', 'other'] as const;

const services = inject('services');
const run = randomUUID().slice(0, 8);
const topicPrefix = `seed000-${run}-`;
const index = `seed-000-${run}`;
const table = `seed000_${run}`;

let engine: FlowEngine | undefined;
let dataDir: string;
let port: number;
let elasticsearch: Client;
let database: pg.Client;
const kafka = new Kafka({ brokers: [services.kafka!.bootstrap], logLevel: logLevel.NOTHING });

/** A port nothing listens on now, for ListenHTTP (its property takes no 0). */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port: chosen } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return chosen;
}

/**
 * The batch copies today's events (UTC) in this test: a run that would straddle midnight, posting
 * on one day and reading on the next, waits for the new day first (at most a minute).
 */
async function awayFromMidnight(): Promise<void> {
  const now = new Date();
  const midnight = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1);
  const left = midnight - now.getTime();
  if (left < 60_000) await new Promise((resolve) => setTimeout(resolve, left + 1000));
}

beforeAll(async () => {
  await awayFromMidnight();
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({
    waitForLeaders: true,
    topics: CATEGORIES.map((c) => ({
      topic: `${topicPrefix}${c}`,
      numPartitions: 1,
      replicationFactor: 1,
    })),
  });
  await admin.disconnect();

  // The mapping docs/examples.md recommends, as the seed mapped its index by hand.
  elasticsearch = new Client({ node: services.elasticsearch!.url });
  await elasticsearch.indices.create({
    index,
    mappings: {
      properties: {
        event_id: { type: 'keyword' },
        category: { type: 'keyword' },
        log_level: { type: 'keyword' },
        method: { type: 'keyword' },
        status: { type: 'keyword' },
        time: { type: 'date' },
        received_at: { type: 'date' },
        user_id: { type: 'long' },
        message: { type: 'text' },
      },
    },
  });

  database = new pg.Client({ connectionString: POSTGRES_URL });
  await database.connect();
  await database.query(`CREATE TABLE ${table} (
    event_id    text PRIMARY KEY,
    category    text NOT NULL,
    time        timestamptz,
    user_id     bigint,
    message     text,
    detail      jsonb,
    received_at timestamptz NOT NULL
  )`);

  port = await freePort();
  dataDir = await mkdtemp(path.join(tmpdir(), 'sluice-seed-000-'));
  const document = parseFlowDocument(JSON.parse(await readFile(EXAMPLE, 'utf8')));
  // The batch is the shipped one, but fired every 3 seconds instead of once a day at 01:00:
  // each firing reads the whole day again, which also shows that the UPSERT never doubles a row.
  const batch = document.flow.processors.find((p) => p.id === 'daily-search')!;
  expect(batch.scheduling).toMatchObject({ strategy: 'CRON_DRIVEN', cron: '0 0 1 * * *' });
  batch.scheduling.cron = '*/3 * * * * *';
  engine = await openSeedFlow(dataDir, document, {
    'http.port': String(port),
    'http.max.request.size': '8 KB',
    'event.max.bytes': '2048',
    'kafka.bootstrap': services.kafka!.bootstrap,
    'kafka.topic.prefix': topicPrefix,
    'kafka.group.id': `seed-000-${run}`,
    'elasticsearch.url': services.elasticsearch!.url,
    'elasticsearch.index': index,
    // Today's events: the test cannot wait for tomorrow.
    'batch.days.ago': '0',
    'postgres.url': POSTGRES_JDBC_URL,
    'postgres.user': POSTGRES_USER,
    'postgres.password': '',
    'warehouse.table': table,
    'rejected.dir': path.join(dataDir, 'rejected'),
  });
  const refused = await engine.startAll();
  expect(Object.fromEntries(refused)).toEqual({});
  expect(engine.processors.get('rejected')!.state).toBe('DISABLED');

  for (const post of POSTS) {
    const response = await fetch(`http://127.0.0.1:${port}/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: post.body,
    });
    await response.arrayBuffer();
    expect(response.status, post.body.slice(0, 60)).toBe(post.status);
  }
}, 120_000);

afterAll(async () => {
  await engine?.close();
  await database?.query(`DROP TABLE IF EXISTS ${table}`);
  await database?.end();
  await elasticsearch?.indices.delete({ index }, { ignore: [404] });
  await elasticsearch?.close();
  const admin = kafka.admin();
  await admin.connect();
  await admin.deleteTopics({ topics: CATEGORIES.map((c) => `${topicPrefix}${c}`) }).catch(() => {});
  await admin.disconnect();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

/** Polls until `check` holds; the flow is asynchronous from end to end. */
const eventually = (what: string, check: () => Promise<boolean>, timeoutMs = 45_000) =>
  eventuallyIn(engine, what, check, { timeoutMs, intervalMs: 250 });

/** An event as the flow stores it: the fields sent, plus the received_at it stamped. */
function stored(event: WebEvent): Record<string, unknown> {
  return { ...event, received_at: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T[\d:.]+Z$/) };
}

interface Message {
  readonly offset: number;
  readonly key: string;
  readonly value: Record<string, unknown>;
}

let topicMessages: Promise<Record<string, Message[]>> | undefined;

/** Every message of the category topics, read once by a plain consumer, by topic suffix. */
function readTopics(expected: number): Promise<Record<string, Message[]>> {
  topicMessages ??= consumeTopics(expected);
  return topicMessages;
}

async function consumeTopics(expected: number): Promise<Record<string, Message[]>> {
  const consumer = kafka.consumer({ groupId: `seed-000-check-${run}` });
  const seen: Record<string, Message[]> = Object.fromEntries(CATEGORIES.map((c) => [c, []]));
  let count = 0;
  await consumer.connect();
  try {
    await consumer.subscribe({
      topics: CATEGORIES.map((c) => `${topicPrefix}${c}`),
      fromBeginning: true,
    });
    await consumer.run({
      eachMessage: async ({ topic, message }) => {
        seen[topic.slice(topicPrefix.length)]!.push({
          offset: Number(message.offset),
          key: message.key!.toString('utf8'),
          value: JSON.parse(message.value!.toString('utf8')) as Record<string, unknown>,
        });
        count++;
      },
    });
    await eventually('every Kafka message', async () => count >= expected);
    // Anything more than expected would arrive right behind: give it a moment to show up.
    await new Promise((resolve) => setTimeout(resolve, 1000));
  } finally {
    await consumer.disconnect();
  }
  return seen;
}

async function documentCount(): Promise<number> {
  await elasticsearch.indices.refresh({ index });
  return (await elasticsearch.count({ index })).count;
}

async function warehouseRows(): Promise<Record<string, unknown>[]> {
  const { rows } = await database.query(
    `SELECT event_id, category, time, user_id, message, detail, received_at FROM ${table} ORDER BY event_id`,
  );
  return rows as Record<string, unknown>[];
}

/** The documents in Elasticsearch, by _id. */
async function documents(): Promise<Record<string, Record<string, unknown>>> {
  const { hits } = await elasticsearch.search<Record<string, unknown>>({
    index,
    size: 100,
    query: { match_all: {} },
  });
  return Object.fromEntries(hits.hits.map((hit) => [hit._id!, hit._source!]));
}

describe('seed 000: web events → Kafka per category → Elasticsearch, daily batch to PostgreSQL', () => {
  it('publishes each valid event to its category topic, keyed by event_id, as a plain consumer reads it', async () => {
    const seen = await readTopics(7);
    const summary = Object.fromEntries(
      CATEGORIES.map((c) => [c, seen[c]!.map((m) => m.key).sort()]),
    );
    expect(summary).toEqual({
      page_view: ['pv-1', 'pv-1'],
      click: ['click-1', 'click-2', 'es-bad-1'],
      purchase: ['buy-1'],
      other: ['q-1'],
    });
    const byKey = (c: string, key: string) => seen[c]!.filter((m) => m.key === key);
    for (const message of byKey('page_view', 'pv-1'))
      expect(message.value).toEqual(stored(PAGE_VIEW));
    // The JSON string holding the event was parsed into the object, not kept as a string.
    expect(byKey('click', 'click-1')[0]!.value).toEqual(stored(CLICK_AS_STRING));
    expect(byKey('click', 'click-2')[0]!.value).toEqual(stored(CLICK_ANONYMOUS));
    expect(byKey('click', 'es-bad-1')[0]!.value).toEqual(stored(ES_REFUSED));
    expect(byKey('purchase', 'buy-1')[0]!.value).toEqual(stored(PURCHASE));
    expect(byKey('other', 'q-1')[0]!.value).toEqual(stored(QUESTION));
  });

  it('indexes one exact document per event in Elasticsearch, _id = event_id, the retried one once', async () => {
    await eventually('every document in Elasticsearch', async () => (await documentCount()) === 5);
    const found = await documents();
    expect(Object.keys(found).sort()).toEqual(Object.keys(STORED).sort());
    for (const [id, event] of Object.entries(STORED)) expect(found[id], id).toEqual(stored(event));
    const korean = await elasticsearch.search({ index, query: { match: { message: '질문' } } });
    expect(korean.hits.hits.map((h) => h._id)).toEqual(['q-1']);
    // The retried page view: the last message of its topic is the document kept.
    const seen = await readTopics(7);
    const last = seen['page_view']!.sort((a, b) => a.offset - b.offset).at(-1)!;
    expect(found['pv-1']!['received_at']).toBe(last.value['received_at']);
  });

  it('copies the day from Elasticsearch to the PostgreSQL warehouse on the cron schedule, one row per event however often it runs', async () => {
    await eventually('every document in Elasticsearch', async () => (await documentCount()) === 5);
    // Two more firings after every document became searchable: the rows must still be exact.
    const upsert = () => engine!.processorStatus().find((p) => p.id === 'upsert')!.stats.inCount;
    const before = upsert();
    await eventually('two more batches', async () => upsert() >= before + 2, 20_000);
    await eventually(
      'every row in the warehouse',
      async () => (await warehouseRows()).length === 5,
    );

    const found = await documents();
    const rows = await warehouseRows();
    expect(rows).toEqual(
      Object.keys(STORED)
        .sort()
        .map((id) => {
          const event = STORED[id]!;
          return {
            event_id: id,
            category: event.category,
            time: event['time'] === undefined ? null : new Date(event['time'] as string),
            // pg returns bigint as text, so no digit can be lost.
            user_id:
              event['user_id'] === undefined || event['user_id'] === null
                ? null
                : String(event['user_id']),
            message: event['message'] ?? null,
            detail: event['detail'] ?? null,
            received_at: new Date(found[id]!['received_at'] as string),
          };
        }),
    );
    const batches = engine!.connectionStatus().find((c) => c.id === 'upsert-refused')!;
    expect(batches.stats.inCount).toBe(0);
  });

  it('parks every rejected event with its reason, and nothing else, while the flow keeps running', async () => {
    await eventually(
      'every rejected event',
      async () =>
        engine!.connectionStatus().find((c) => c.id === 'rejected-events')!.queued.count >= 7,
    );
    const parked = await Promise.all(
      engine!.listQueue('rejected-events', 0, 100).map(async (flowFile) => {
        const chunks: Buffer[] = [];
        for await (const chunk of engine!.readContent(flowFile)) chunks.push(chunk);
        return {
          reason: flowFile.attributes['failure.reason']!,
          content: Buffer.concat(chunks).toString('utf8'),
        };
      }),
    );
    const find = (pattern: RegExp) => parked.filter((p) => pattern.test(p.reason));
    expect(parked).toHaveLength(7);

    const malformed = find(/^the content is not valid JSON: .* \(at column \d+\)$/);
    expect(malformed.map((p) => p.content).sort()).toEqual(
      [MALFORMED, JSON.parse(STRING_OF_MALFORMED) as string].sort(),
    );
    expect(
      find(/category must be a non-empty string \(it is a number\)/).map((p) =>
        JSON.parse(p.content),
      ),
    ).toEqual([JSON.parse(WRONG_TYPE)]);
    expect(
      find(/event_id must be a non-empty string \(it is missing\)/).map((p) =>
        JSON.parse(p.content),
      ),
    ).toEqual([JSON.parse(MISSING_ID)]);
    expect(
      find(/user_id must be an integer or null \(it is a string\)/).map((p) =>
        JSON.parse(p.content),
      ),
    ).toEqual([JSON.parse(USER_ID_TEXT)]);
    expect(
      find(/^the event is \d+ bytes, over the limit of 2048 bytes/).map((p) => p.content),
    ).toEqual([OVERSIZED_IN_FLOW]);
    // Refused by Elasticsearch after Kafka had it: the seed's "incompatible json object type".
    const refused = find(
      /failed to parse field \[status\] of type \[keyword\] in document with id 'es-bad-1'/,
    );
    expect(refused.map((p) => JSON.parse(p.content) as unknown)).toEqual([stored(ES_REFUSED)]);

    // Nothing else waits anywhere, and every processor but the parking one still runs.
    await eventually('the other queues to drain', async () =>
      engine!
        .connectionStatus()
        .filter((c) => c.id !== 'rejected-events')
        .every((c) => c.queued.count === 0),
    );
    // Bulletins came only from the parsing stages, one per event they refused (PutElasticsearchJson
    // posts none for a refused document, as NiFi's with Log Error Responses off: its reason rides
    // on the flowfile).
    const bulletins = engine!.bulletins.query({ limit: 100 });
    const bulletinsBy = (id: string) => bulletins.filter((b) => b.componentId === id).length;
    expect(new Set(bulletins.map((b) => b.componentId))).toEqual(new Set(['unwrap', 'validate']));
    expect([bulletinsBy('unwrap'), bulletinsBy('validate')]).toEqual([1, 4]);
    const states = Object.fromEntries(engine!.processorStatus().map((p) => [p.id, p.state]));
    expect(Object.entries(states).filter(([, state]) => state !== 'RUNNING')).toEqual([
      ['rejected', 'DISABLED'],
    ]);
  });
});
