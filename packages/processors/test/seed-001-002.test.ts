import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client } from '@elastic/elasticsearch';
import type { FlowEngine } from '@sluice/engine';
import { type FlowFile } from '@sluice/engine';
import { parseFlowDocument } from '@sluice/flow-schema';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { storedSourceText } from './support/elasticsearch-fixtures.js';
import { createTopic, readTopic } from './support/kafka.js';
import { startTweetsServer, type TweetsServer } from './support/tweets-server.js';
import { eventually as eventuallyIn, expectCleanStart, openSeedFlow } from './support/seed-flow.js';

const EXAMPLE = fileURLToPath(
  new URL('../../../examples/seed-001-002-tweets-kafka-es.json', import.meta.url),
);

/** Beyond 2^53: JSON.parse would turn it into ...992, so it only survives as the source text. */
const BIG_NUMBER = '9007199254740993';
/** The seeds' failure, scaled down: 1000 in the seeds, 50 here so one crafted tweet exceeds it. */
const TOTAL_FIELDS_LIMIT = 50;

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

/** A tweet's exact text on the wire: compact JSON with the big-number placeholder made a literal. */
function tweetText(tweet: Record<string, Json>): string {
  return JSON.stringify(tweet).replaceAll(`"${BIG_NUMBER}"`, BIG_NUMBER);
}

/** A tweet shaped as Twitter API v2's, with the author expanded inline (~40 mapped fields). */
function tweet(id: string, text: string, extra: Record<string, Json> = {}): Record<string, Json> {
  return {
    id,
    text,
    created_at: '2021-08-03T09:12:45.000Z',
    lang: 'ko',
    author_id: '335141638',
    author: {
      id: '335141638',
      username: 'BTS_twt',
      name: '방탄소년단 🐨',
      verified: true,
      public_metrics: { followers_count: 47_123_456 },
    },
    public_metrics: {
      retweet_count: 1520,
      reply_count: 88,
      like_count: 12_034,
      quote_count: 7,
      impression_count: BIG_NUMBER,
    },
    entities: {
      hashtags: [{ start: 0, end: 4, tag: 'BTS' }],
      mentions: [{ start: 5, end: 16, username: 'bts_bighit', id: '2244994945' }],
    },
    ...extra,
  };
}

const TWEETS = {
  t1: tweetText(tweet('1460323737035677698', '#BTS @bts_bighit 새 앨범 발매 축하해요 🎉💜')),
  t2: tweetText(
    tweet('1460323739812343811', '#BTS 뮤직비디오 공개 👉 https://t.co/aBcD1234 🇰🇷', {
      entities: {
        hashtags: [{ start: 0, end: 4, tag: 'BTS' }],
        urls: [
          {
            start: 17,
            end: 40,
            url: 'https://t.co/aBcD1234',
            expanded_url: 'https://youtu.be/gdZLi9oWNZg',
          },
        ],
      },
    }),
  ),
  t3: tweetText(
    tweet('1460323741234567890', 'Data pipeline: Kafka → Elasticsearch, zero lost tweets 🚀', {
      lang: 'en',
    }),
  ),
  t4: tweetText(
    tweet(
      '1460323745678901234',
      '줄바꿈\n"따옴표" 와 \\ 백슬래시, 탭\t그리고 제어문자 \u0007 까지',
    ),
  ),
  t5: tweetText(tweet('1460323760000000005', '가족 👩‍👩‍👧‍👦 과 함께 콘서트 🎤🎶 #방탄소년단')),
  t6: tweetText(tweet('1460323760000000006', '🐨🐰🐱🐹🐥🐻🐿️ 보라해 💜')),
  /** No id at all: it cannot be keyed, so it must stop before Kafka. */
  noId: tweetText({ text: 'id 없는 트윗', lang: 'ko' }),
  /** An id of the wrong type (an object): Read tweet id refuses it. */
  objectId: tweetText({ id: { $numberLong: '1460323760000000007' }, text: 'id가 객체인 트윗' }),
  /**
   * A retweet of a retweet, each with its whole tweet inside: what made the seeds' indices
   * exceed Elasticsearch's total-fields limit.
   */
  overLimit: tweetText(
    tweet('1460323760000000008', 'RT @BTS_twt: RT @bts_bighit: 🎉', {
      retweeted_status: tweet('1460323700000000001', 'RT @bts_bighit: 🎉', {
        retweeted_status: tweet('1460323600000000001', '🎉'),
      }),
    }),
  ),
  /** More than Kafka's 1 MB message limit (400,000 three-byte Hangul syllables). */
  oversized: tweetText(tweet('1460323760000000009', '가'.repeat(400_000))),
};

/** A Twitter API v2 page of tweet texts. */
function page(tweets: readonly string[]): string {
  return `{"data":[${tweets.join(',')}],"meta":{"result_count":${tweets.length},"newest_id":"1","oldest_id":"0"}}`;
}

/** What the API hands out, one page per poll (10 s apart), then empty pages. */
const PAGES = [
  page([TWEETS.t1, TWEETS.t2, TWEETS.t3, TWEETS.noId, TWEETS.t4]),
  // Malformed: the connection broke off in the middle of a tweet.
  '{"data":[{"id":"1460323750000000001","text":"끊긴 페이지',
  // A wrong type: data is one object, not an array of tweets.
  '{"data":{"id":"1460323750000000002","text":"data가 배열이 아님"},"meta":{"result_count":1}}',
  // The flow goes on after the bad pages; t2 comes again, as an API overlap or a replay would.
  page([TWEETS.t5, TWEETS.objectId, TWEETS.overLimit, TWEETS.oversized, TWEETS.t2, TWEETS.t6]),
];

/** The tweets that reach Elasticsearch, by id. */
const INDEXED: Record<string, string> = Object.fromEntries(
  ['t1', 't2', 't3', 't4', 't5', 't6'].map((name) => {
    const text = TWEETS[name as keyof typeof TWEETS];
    return [(JSON.parse(text) as { id: string }).id, text];
  }),
);
/** What Kafka gets: every tweet with an id that fits in a message, t2 twice. */
const PUBLISHED = [
  TWEETS.t1,
  TWEETS.t2,
  TWEETS.t3,
  TWEETS.t4,
  TWEETS.t5,
  TWEETS.overLimit,
  TWEETS.t2,
  TWEETS.t6,
];

const DEAD_LETTER_CONNECTIONS = [
  'dead-unreadable-pages',
  'dead-unsplittable-pages',
  'dead-unreadable-tweets',
  'dead-tweets-without-id',
  'dead-unpublished-tweets',
  'dead-rejected-documents',
] as const;

const services = inject('services');
const run = randomUUID().slice(0, 8);
const topic = `twitter-${run}`;
const indexPrefix = `twitter-${run}-`;
const template = `seed-001-002-${run}`;
const token = `token-${randomUUID()}`;

let engine: FlowEngine | undefined;
let tweetsApi: TweetsServer | undefined;
let dataDir: string | undefined;
let elasticsearch: Client;
/** UTC days (yyyyMMdd) the run spans: the flow names each day's index after the day. */
const days = new Set<string>();

function utcDay(time = new Date()): string {
  return time.toISOString().slice(0, 10).replaceAll('-', '');
}

beforeAll(async () => {
  elasticsearch = new Client({ node: services.elasticsearch!.url, maxRetries: 0 });
  // Every index the flow creates for the prefix gets the low limit, as the seeds' got 1000.
  await elasticsearch.indices.putIndexTemplate({
    name: template,
    index_patterns: [`${indexPrefix}*`],
    priority: 500,
    template: {
      settings: {
        number_of_replicas: 0,
        'index.mapping.total_fields.limit': TOTAL_FIELDS_LIMIT,
      },
    },
  });
  await createTopic(services.kafka!.bootstrap, topic, 1);
  tweetsApi = await startTweetsServer(PAGES, token);

  dataDir = await mkdtemp(path.join(tmpdir(), 'sluice-seed-001-002-'));
  const document = parseFlowDocument(JSON.parse(await readFile(EXAMPLE, 'utf8')));
  days.add(utcDay());
  engine = await openSeedFlow(dataDir, document, {
    'twitter.api.url': tweetsApi.url,
    'twitter.bearer.token': token,
    'kafka.bootstrap': services.kafka!.bootstrap,
    'kafka.topic': topic,
    'kafka.group.id': `seed-001-002-${run}`,
    'elasticsearch.url': services.elasticsearch!.url,
    'elasticsearch.index.prefix': indexPrefix,
  });
  await expectCleanStart(engine);
}, 60_000);

afterAll(async () => {
  await engine?.close();
  await tweetsApi?.close();
  if (elasticsearch) {
    // This node refuses wildcard deletes (action.destructive_requires_name): delete by name.
    const indices = Object.keys(await elasticsearch.indices.get({ index: `${indexPrefix}*` }));
    if (indices.length > 0) await elasticsearch.indices.delete({ index: indices });
    await elasticsearch.indices.deleteIndexTemplate({ name: template });
    await elasticsearch.close();
  }
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

/** Polls until `check` holds; the flow is asynchronous from end to end. */
const eventually = (what: string, check: () => Promise<boolean>, timeoutMs = 75_000) =>
  eventuallyIn(engine, what, check, { timeoutMs, intervalMs: 500 });

async function contentOf(flowFile: FlowFile): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of engine!.readContent(flowFile)) chunks.push(chunk);
  return Buffer.concat(chunks).toString('utf8');
}

/** The one flowfile held in a dead-letter connection. */
function deadLetter(connectionId: string): FlowFile {
  const held = engine!.listQueue(connectionId);
  expect(held, connectionId).toHaveLength(1);
  return held[0]!;
}

describe('seeds 001/002: tweets API → Kafka twitter → Elasticsearch twitter-yyyyMMdd, in one flow', () => {
  it('polls every page once, with the bearer token, and then only empty pages', async () => {
    await eventually(
      'the pages and at least one empty page to be served',
      async () => tweetsApi!.requests.length > PAGES.length,
    );
    const requests = tweetsApi!.requests;
    expect(requests.every((r) => r.authorized)).toBe(true);
    expect(requests.map((r) => r.page)).toEqual([
      ...PAGES.map((_, i) => i),
      ...requests.slice(PAGES.length).map(() => undefined),
    ]);
    const { pathname, search } = new URL(tweetsApi!.url);
    expect(new Set(requests.map((r) => r.path))).toEqual(new Set([pathname + search]));
  });

  it('indexes each tweet once, by id, byte for byte, in the index of the day', async () => {
    await eventually('the dead letters to arrive', async () =>
      DEAD_LETTER_CONNECTIONS.every((id) => engine!.listQueue(id).length >= 1),
    );
    // t6 is the last tweet on the partition: once it is in, t2's second copy was sent before it.
    await eventually('every tweet in Elasticsearch', async () => {
      await elasticsearch.indices.refresh({ index: `${indexPrefix}*` });
      const { hits } = await elasticsearch.search({ index: `${indexPrefix}*`, size: 100 });
      const ids = new Set(hits.hits.map((hit) => hit._id));
      return Object.keys(INDEXED).every((id) => ids.has(id));
    });
    days.add(utcDay());
    await elasticsearch.indices.refresh({ index: `${indexPrefix}*` });
    const { hits } = await elasticsearch.search({
      index: `${indexPrefix}*`,
      size: 100,
      query: { match_all: {} },
      version: true,
    });
    const expectedIndices = [...days].map((day) => `${indexPrefix}${day}`);
    for (const hit of hits.hits) expect(expectedIndices).toContain(hit._index);
    const ids = hits.hits.map((hit) => hit._id!);
    const { count } = await elasticsearch.count({ index: `${indexPrefix}*` });
    expect(count).toBe(ids.length);
    if (days.size === 1) {
      // One day: t2, consumed twice, overwrote itself (version 2) instead of doubling.
      expect(ids.sort()).toEqual(Object.keys(INDEXED).sort());
      const t2 = hits.hits.find((hit) => hit._id === '1460323739812343811')!;
      expect(t2._version).toBe(2);
    } else {
      // The run crossed midnight (UTC): t2's second copy may have gone to the next day's index,
      // as Logstash's %{+YYYYMMdd} would; ids deduplicate within one day's index.
      expect([...new Set(ids)].sort()).toEqual(Object.keys(INDEXED).sort());
      expect(ids.length).toBeLessThanOrEqual(Object.keys(INDEXED).length + 1);
    }
    for (const hit of hits.hits) {
      const stored = await storedSourceText(services.elasticsearch!.url, hit._index, hit._id!);
      expect(stored, hit._id).toBe(INDEXED[hit._id!]);
    }
    const korean = await elasticsearch.search({
      index: `${indexPrefix}*`,
      query: { match: { text: '방탄소년단' } },
    });
    expect(new Set(korean.hits.hits.map((hit) => hit._id))).toEqual(
      new Set(['1460323760000000005']),
    );
  });

  it('publishes one message per tweet to the topic, keyed by the tweet id, read by a plain consumer', async () => {
    const messages = await readTopic(services.kafka!.bootstrap, topic, PUBLISHED.length, 2_000);
    const seen = messages.map((m) => ({
      key: m.key!.toString('utf8'),
      value: m.value!.toString('utf8'),
    }));
    const expected = PUBLISHED.map((text) => ({
      key: (JSON.parse(text) as { id: string }).id,
      value: text,
    }));
    const order = (a: { key: string }, b: { key: string }) => a.key.localeCompare(b.key);
    expect(seen.sort(order)).toEqual(expected.sort(order));
    expect(seen.some((m) => m.value.includes(`"impression_count":${BIG_NUMBER}`))).toBe(true);
  });

  it('holds every bad page and tweet in a dead-letter queue, with the reason', async () => {
    const malformed = deadLetter('dead-unreadable-pages');
    expect(await contentOf(malformed)).toBe(PAGES[1]);
    expect(malformed.attributes['evaluatejsonpath.failure.reason']).toBe(
      `the content is not valid JSON: a string is not closed (missing '"') (at column ${PAGES[1]!.indexOf('"끊긴') + 1})`,
    );
    expect(malformed.attributes['invokehttp.request.url']).toBe(tweetsApi!.url);

    const notAnArray = deadLetter('dead-unsplittable-pages');
    expect(await contentOf(notAnArray)).toBe(PAGES[2]);
    expect(notAnArray.attributes['splitjson.failure.reason']).toBe(
      'JsonPath $.data selected an object, not an array, so it cannot be split',
    );

    const objectId = deadLetter('dead-unreadable-tweets');
    expect(await contentOf(objectId)).toBe(TWEETS.objectId);
    expect(objectId.attributes['evaluatejsonpath.failure.reason']).toContain(
      "'tweet.id' ($.id) selected an object, not a scalar",
    );

    const noId = deadLetter('dead-tweets-without-id');
    expect(await contentOf(noId)).toBe(TWEETS.noId);
    expect(noId.attributes['tweet.failure.reason']).toBe(
      "The tweet has no usable id: $.id is '', not a string of 1 to 19 digits, and the id is needed as the Kafka key and the Elasticsearch document id",
    );

    const oversized = deadLetter('dead-unpublished-tweets');
    expect(oversized.size).toBe(Buffer.byteLength(TWEETS.oversized));
    expect(oversized.attributes['tweet.id']).toBe('1460323760000000009');
    expect(oversized.attributes['publishkafka.failure.reason']).toBe(
      `The FlowFile's content is ${oversized.size} bytes, more than the Max Request Size of 1048576 bytes`,
    );

    const overLimit = deadLetter('dead-rejected-documents');
    expect(await contentOf(overLimit)).toBe(TWEETS.overLimit);
    expect(overLimit.attributes['kafka.key']).toBe('1460323760000000008');
    expect(overLimit.attributes['elasticsearch.bulk.error.reason']).toContain(
      `Limit of total fields [${TOTAL_FIELDS_LIMIT}] has been exceeded`,
    );
    for (const id of DEAD_LETTER_CONNECTIONS) {
      for (const flowFile of engine!.listQueue(id)) {
        expect(JSON.stringify(flowFile.attributes)).not.toContain(token);
      }
    }
  });

  it('keeps running: nothing else queued, every processor running, bulletins only for the bad input', async () => {
    await eventually('the flow to drain', async () =>
      engine!
        .connectionStatus()
        .filter((c) => !(DEAD_LETTER_CONNECTIONS as readonly string[]).includes(c.id))
        .every((c) => c.queued.count === 0),
    );
    for (const id of DEAD_LETTER_CONNECTIONS) expect(engine!.listQueue(id), id).toHaveLength(1);
    const states = Object.fromEntries(engine!.processorStatus().map((p) => [p.id, p.state]));
    expect(states).toEqual({
      'poll-tweets': 'RUNNING',
      'read-page': 'RUNNING',
      'skip-empty': 'RUNNING',
      'split-tweets': 'RUNNING',
      'read-id': 'RUNNING',
      'check-id': 'RUNNING',
      'mark-no-id': 'RUNNING',
      'publish-kafka': 'RUNNING',
      'consume-kafka': 'RUNNING',
      'index-es': 'RUNNING',
      'dead-letters': 'DISABLED',
    });
    const bulletins = engine!.bulletins.query({ limit: 100 });
    const from = new Set(bulletins.filter((b) => b.level === 'ERROR').map((b) => b.componentId));
    expect(
      [...from].every((id) =>
        ['read-page', 'split-tweets', 'read-id', 'publish-kafka', 'index-es'].includes(id),
      ),
      [...from].join(', '),
    ).toBe(true);
    expect(JSON.stringify(bulletins)).not.toContain(token);
  });
});
