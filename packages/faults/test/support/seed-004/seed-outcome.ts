import { Client } from '@elastic/elasticsearch';
import type { TestServicesInfo } from '@sluice/services';
import { WebHdfsClient, WebHdfsError } from '@sluice/webhdfs';
import { Kafka, logLevel } from 'kafkajs';
import type { DrainProgress } from './drain.js';
import type { SeedRun } from './seed-run.js';

/** What HDFS holds of a run, against the files expected. */
export interface HdfsOutcome {
  readonly expected: number;
  /** Files under the expected names (dot files aside). */
  readonly present: number;
  /** Present files whose bytes equal the expected ones. */
  readonly identical: number;
  readonly missing: readonly string[];
  /** Present but with other bytes (truncated, swapped, re-encoded). */
  readonly mismatched: readonly string[];
  /** Non-dot files under names that were not expected. */
  readonly unexpected: readonly string[];
  /** Dot files left behind (PutHDFS's `.<name>` of an interrupted write never renamed). */
  readonly strays: readonly string[];
}

/** What Elasticsearch holds of a run. */
export interface ElasticsearchOutcome {
  /** The index's `_count` after a refresh. */
  readonly count: number;
  /** Documents equal to the one expected for their file (id, names, subject, body, a time). */
  readonly exact: number;
  readonly missing: readonly string[];
  /** Documents of an expected file that differ from the expected document. */
  readonly mismatched: readonly string[];
  /** Documents of no expected file. */
  readonly unexpected: readonly string[];
}

/** What the run's topic holds, read from the beginning by a plain kafkajs consumer. */
export interface KafkaOutcome {
  readonly messages: number;
  readonly distinctKeys: number;
  /** Messages beyond the first of their key: at-least-once replays. */
  readonly duplicates: number;
  readonly missing: readonly string[];
  /** Messages whose envelope is not the expected one for their key (or not JSON). */
  readonly malformed: readonly string[];
  /** Partitions that got at least one message (the seed topic has 3). */
  readonly partitions: number;
}

/** A run's end state on every sink, as figures a test asserts on and prints. */
export interface SeedOutcome {
  readonly hdfs: HdfsOutcome;
  readonly elasticsearch: ElasticsearchOutcome;
  readonly kafka: KafkaOutcome;
}

/** Where to look for a run's outcome. */
export interface SeedOutcomeTarget {
  readonly services: TestServicesInfo;
  readonly run: SeedRun;
  /** How long reading the topic to its end may take (default 60 s). */
  readonly kafkaTimeoutMs?: number;
}

/** HDFS user the seed-004 flow writes as (the example's `hdfs.user` default). */
const HDFS_USER = 'sluice';

/**
 * Checks what the seed-004 flow left on HDFS, Elasticsearch and Kafka against the files it was
 * given (`expected`: bytes by name): every file byte for byte, one exact document per file, and
 * every key on the topic at least once, with duplicates counted.
 */
export async function checkSeedOutcome(
  expected: ReadonlyMap<string, Buffer>,
  target: SeedOutcomeTarget,
): Promise<SeedOutcome> {
  return {
    hdfs: await checkHdfs(expected, target),
    elasticsearch: await checkElasticsearch(expected, target),
    kafka: await checkKafka(expected, target),
  };
}

/** The files HDFS lists in the run's directory (none when it does not exist yet). */
export async function listSeedHdfs(target: SeedOutcomeTarget): Promise<string[]> {
  const hdfs = new WebHdfsClient({ url: target.services.hdfs!.webHdfsUrl, user: HDFS_USER });
  const statuses = await hdfs.listStatus(target.run.hdfsDir).catch((error: unknown) => {
    if (error instanceof WebHdfsError && error.code === 'not-found') return [];
    throw error;
  });
  return statuses.filter((s) => s.type === 'FILE').map((s) => s.pathSuffix);
}

/** The run's index `_count` after a refresh (0 when the index does not exist yet). */
export async function seedDocumentCount(target: SeedOutcomeTarget): Promise<number> {
  const client = new Client({ node: target.services.elasticsearch!.url });
  try {
    const exists = await client.indices.exists({ index: target.run.index });
    if (!exists) return 0;
    await client.indices.refresh({ index: target.run.index });
    return (await client.count({ index: target.run.index })).count;
  } finally {
    await client.close();
  }
}

/**
 * Whether HDFS holds every expected name and the index counts as many documents: a cheap test
 * to poll, before the full {@link checkSeedOutcome}; the summary says what is missing, which a
 * drain's timeout reports.
 */
export async function seedProgress(
  expected: ReadonlyMap<string, Buffer>,
  target: SeedOutcomeTarget,
): Promise<DrainProgress> {
  const names = new Set((await listSeedHdfs(target)).filter((n) => !n.startsWith('.')));
  const missing = [...expected.keys()].filter((name) => !names.has(name));
  const documents = await seedDocumentCount(target);
  const shown = missing.slice(0, 5).join(', ') + (missing.length > 5 ? ', …' : '');
  return {
    complete: missing.length === 0 && documents === expected.size,
    summary:
      `HDFS ${expected.size - missing.length}/${expected.size}` +
      (missing.length > 0 ? ` (missing ${shown})` : '') +
      `, Elasticsearch ${documents}/${expected.size}`,
  };
}

async function checkHdfs(
  expected: ReadonlyMap<string, Buffer>,
  target: SeedOutcomeTarget,
): Promise<HdfsOutcome> {
  const hdfs = new WebHdfsClient({ url: target.services.hdfs!.webHdfsUrl, user: HDFS_USER });
  const listed = await listSeedHdfs(target);
  const strays = listed.filter((n) => n.startsWith('.')).sort();
  const names = new Set(listed.filter((n) => !n.startsWith('.')));
  const missing = [...expected.keys()].filter((n) => !names.has(n)).sort();
  const unexpected = [...names].filter((n) => !expected.has(n)).sort();
  const present = [...names].filter((n) => expected.has(n));
  const mismatched: string[] = [];
  await inParallel(present, 8, async (name) => {
    const bytes = await hdfs.read(`${target.run.hdfsDir}/${name}`);
    if (!bytes.equals(expected.get(name)!)) mismatched.push(name);
  });
  return {
    expected: expected.size,
    present: present.length,
    identical: present.length - mismatched.length,
    missing,
    mismatched: mismatched.sort(),
    unexpected,
    strays,
  };
}

/** The document the flow's TransformJson builds for a file (`writeDatetime` is any non-empty text). */
function expectedDocument(run: SeedRun, name: string, body: string): Record<string, string> {
  const fullPathName = `${run.remoteDir}/${name}`;
  const newline = body.indexOf('\n');
  return {
    id: fullPathName,
    fileName: name,
    fullPathName,
    // JSONata's $substringBefore gives the whole text when there is no newline.
    subject: newline === -1 ? body : body.slice(0, newline),
    body,
  };
}

async function checkElasticsearch(
  expected: ReadonlyMap<string, Buffer>,
  target: SeedOutcomeTarget,
): Promise<ElasticsearchOutcome> {
  const { run } = target;
  const client = new Client({ node: target.services.elasticsearch!.url });
  try {
    await client.indices.refresh({ index: run.index });
    const count = (await client.count({ index: run.index })).count;
    const seen = new Set<string>();
    const mismatched: string[] = [];
    const unexpected: string[] = [];
    let exact = 0;
    // One page: Elasticsearch returns at most 10,000 hits without a point in time, far more
    // than a run writes; a count beyond it shows in `count` anyway.
    const page = await client.search<Record<string, unknown>>({
      index: run.index,
      size: Math.min(10_000, Math.max(count, expected.size)),
      query: { match_all: {} },
    });
    for (const hit of page.hits.hits) {
      const source = hit._source ?? {};
      const name = typeof source['fileName'] === 'string' ? source['fileName'] : '';
      const bytes = expected.get(name);
      if (!bytes) {
        unexpected.push(hit._id ?? '(no id)');
        continue;
      }
      seen.add(name);
      const { writeDatetime, ...rest } = source;
      const want = expectedDocument(run, name, bytes.toString('utf8'));
      const same =
        hit._id === want['id'] &&
        typeof writeDatetime === 'string' &&
        writeDatetime !== '' &&
        JSON.stringify(sortedKeys(rest)) === JSON.stringify(sortedKeys(want));
      if (same) exact++;
      else mismatched.push(name);
    }
    const missing = [...expected.keys()].filter((n) => !seen.has(n)).sort();
    return { count, exact, missing, mismatched: mismatched.sort(), unexpected: unexpected.sort() };
  } finally {
    await client.close();
  }
}

async function checkKafka(
  expected: ReadonlyMap<string, Buffer>,
  target: SeedOutcomeTarget,
): Promise<KafkaOutcome> {
  const { run } = target;
  const kafka = new Kafka({
    brokers: [target.services.kafka!.bootstrap],
    logLevel: logLevel.NOTHING,
  });
  const admin = kafka.admin();
  await admin.connect();
  const ends = new Map<number, bigint>();
  try {
    for (const { partition, high, low } of await admin.fetchTopicOffsets(run.topic)) {
      if (BigInt(high) > BigInt(low)) ends.set(partition, BigInt(high));
    }
  } finally {
    await admin.disconnect();
  }
  const keys = new Map<string, number>();
  const malformed: string[] = [];
  const partitions = new Set<number>();
  let messages = 0;
  const consumer = kafka.consumer({ groupId: `seed-004-check-${run.id}-${Date.now()}` });
  await consumer.connect();
  try {
    const reached = new Set<number>();
    const done = new Promise<void>((resolve) => {
      if (ends.size === 0) resolve();
      void consumer.subscribe({ topic: run.topic, fromBeginning: true }).then(() =>
        consumer.run({
          eachMessage: async ({ partition, message }) => {
            messages++;
            partitions.add(partition);
            const key = message.key?.toString('utf8') ?? '';
            keys.set(key, (keys.get(key) ?? 0) + 1);
            if (!isExpectedEnvelope(run, key, message.value, expected)) malformed.push(key);
            if (BigInt(message.offset) + 1n >= ends.get(partition)!) reached.add(partition);
            if (reached.size === ends.size) resolve();
          },
        }),
      );
    });
    const timeoutMs = target.kafkaTimeoutMs ?? 60_000;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () =>
          reject(
            new Error(`read ${messages} messages of ${run.topic} in ${timeoutMs} ms, not its end`),
          ),
        timeoutMs,
      );
    });
    try {
      await Promise.race([done, timeout]);
    } finally {
      clearTimeout(timer);
    }
  } finally {
    await consumer.disconnect();
  }
  const missing = [...expected.keys()].filter((n) => !keys.has(n)).sort();
  const distinctKeys = keys.size;
  return {
    messages,
    distinctKeys,
    duplicates: messages - distinctKeys,
    missing,
    malformed: [...new Set(malformed)].sort(),
    partitions: partitions.size,
  };
}

/** The envelope ReplaceText wraps a file in: `{fileName, fullPathName, writeDatetime, body}`. */
function isExpectedEnvelope(
  run: SeedRun,
  key: string,
  value: Buffer | null,
  expected: ReadonlyMap<string, Buffer>,
): boolean {
  const bytes = expected.get(key);
  if (!bytes || !value) return false;
  try {
    const envelope = JSON.parse(value.toString('utf8')) as Record<string, unknown>;
    return (
      Object.keys(envelope).sort().join() === 'body,fileName,fullPathName,writeDatetime' &&
      envelope['fileName'] === key &&
      envelope['fullPathName'] === `${run.remoteDir}/${key}` &&
      typeof envelope['writeDatetime'] === 'string' &&
      envelope['body'] === bytes.toString('utf8')
    );
  } catch {
    return false;
  }
}

function sortedKeys(record: Record<string, unknown>): [string, unknown][] {
  return Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/** Runs `work` on every item, at most `limit` at a time. */
async function inParallel<T>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) await work(items[next++]!);
  });
  await Promise.all(workers);
}
