import { randomUUID } from 'node:crypto';
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client } from '@elastic/elasticsearch';
import type { FlowEngine } from '@sluice/engine';
import { parseFlowDocument } from '@sluice/flow-schema';
import { WebHdfsClient } from '@sluice/webhdfs';
import { Kafka, logLevel } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { eventually as eventuallyIn, expectCleanStart, openSeedFlow } from './support/seed-flow.js';

const EXAMPLE = fileURLToPath(
  new URL('../../../examples/seed-004-sftp-kafka-hdfs-es.json', import.meta.url),
);

/**
 * The seed's text files, and what broke it: multi-line bodies with quotes, tabs, backslashes,
 * CRLF, a control character and Korean text (`JSONDecodeError: Invalid control character`).
 */
const FILES: Record<string, string> = {
  'plain.txt': 'Hello, Sluice\n',
  'quotes.txt': 'He said "stop" and \'go\'\n"quoted line"\n',
  'tabs-and-backslashes.txt': 'col1\tcol2\tcol3\nC:\\data\\in\\file.txt\n\\n is not a newline\n',
  'korean.txt': '빅데이터 파이프라인\n카프카 토픽 t3q 에 "메시지"를 보낸다\n\t탭과 \\ 백슬래시\n',
  '세미나 자료.txt': '제목: 세미나\r\n본문 첫 줄\r\n본문 둘째 줄 with a bell \u0007 character\r\n',
  'json-looking.txt': '{"not": "parsed", "nested": {"a": [1, 2, 3]}}\n',
  'no-newline.txt': 'a single line without a newline at the end',
};

const services = inject('services');
const run = randomUUID().slice(0, 8);
const remoteDir = `${services.sftp!.remoteDir}/seed-004-${run}`;
const hdfsDir = `/seed-004/${run}`;
const topic = `t3q-${run}`;
const index = `t3q-${run}`;

let engine: FlowEngine | undefined;
let dataDir: string;
let elasticsearch: Client;
const hdfs = new WebHdfsClient({ url: services.hdfs!.webHdfsUrl, user: 'sluice' });

beforeAll(async () => {
  const local = path.join(services.sftp!.localDir, `seed-004-${run}`);
  await mkdir(local, { recursive: true });
  await chmod(local, 0o755);
  for (const [name, text] of Object.entries(FILES)) {
    await writeFile(path.join(local, name), text);
  }
  // Only .txt files are collected: this one must stay behind.
  await writeFile(path.join(local, 'notes.md'), '# not a text file of the pipeline\n');

  const kafka = new Kafka({ brokers: [services.kafka!.bootstrap], logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic, numPartitions: 3, replicationFactor: 1 }] });
  await admin.disconnect();
  elasticsearch = new Client({ node: services.elasticsearch!.url });

  dataDir = await mkdtemp(path.join(tmpdir(), 'sluice-seed-004-'));
  const document = parseFlowDocument(JSON.parse(await readFile(EXAMPLE, 'utf8')));
  engine = await openSeedFlow(dataDir, document, {
    'sftp.host': services.sftp!.host,
    'sftp.port': String(services.sftp!.port),
    'sftp.username': services.sftp!.username,
    'sftp.password': services.sftp!.password,
    'sftp.remote.dir': remoteDir,
    'kafka.bootstrap': services.kafka!.bootstrap,
    'kafka.topic': topic,
    'hdfs.url': services.hdfs!.webHdfsUrl,
    'hdfs.dir': hdfsDir,
    'elasticsearch.url': services.elasticsearch!.url,
    'elasticsearch.index': index,
  });
  await expectCleanStart(engine);
}, 120_000);

afterAll(async () => {
  await engine?.close();
  await elasticsearch?.close();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

/** Polls until `check` holds; the flow is asynchronous from end to end. */
const eventually = (what: string, check: () => Promise<boolean>, timeoutMs = 120_000) =>
  eventuallyIn(engine, what, check, { timeoutMs, intervalMs: 500 });

async function documentCount(): Promise<number> {
  await elasticsearch.indices.refresh({ index });
  return (await elasticsearch.count({ index })).count;
}

describe('seed 004: SFTP → Kafka t3q → HDFS + Elasticsearch, in one flow', () => {
  const names = Object.keys(FILES).sort();

  it('writes every file to HDFS byte for byte, under its original name', async () => {
    await eventually('every file in HDFS', async () => {
      const listed = await hdfs.listStatus(hdfsDir);
      return listed.filter((s) => !s.pathSuffix.startsWith('.')).length === names.length;
    });
    const listed = (await hdfs.listStatus(hdfsDir)).map((s) => s.pathSuffix).sort();
    expect(listed).toEqual(names);
    for (const name of names) {
      const bytes = await hdfs.read(`${hdfsDir}/${name}`);
      expect(bytes.equals(Buffer.from(FILES[name]!)), name).toBe(true);
    }
  });

  it('indexes one valid, exact document per file, checked through Elasticsearch itself', async () => {
    await eventually(
      'every document in Elasticsearch',
      async () => (await documentCount()) === names.length,
    );
    const { hits } = await elasticsearch.search<Record<string, string>>({
      index,
      size: 100,
      query: { match_all: {} },
    });
    const documents = hits.hits.map(
      (hit) => ({ _id: hit._id, ...hit._source }) as Record<string, string>,
    );
    expect(documents.map((d) => d.fileName).sort()).toEqual(names);
    for (const document of documents) {
      const body = FILES[document.fileName!]!;
      expect(document).toEqual({
        _id: `${remoteDir}/${document.fileName}`,
        id: `${remoteDir}/${document.fileName}`,
        fileName: document.fileName,
        fullPathName: `${remoteDir}/${document.fileName}`,
        subject: body.split('\n')[0],
        body,
        writeDatetime: expect.any(String),
      });
      expect(document.writeDatetime).not.toBe('');
    }
    const korean = await elasticsearch.search({ index, query: { match: { body: '파이프라인' } } });
    expect((korean.hits.total as { value: number }).value).toBe(1);
  });

  it('puts valid JSON envelopes on the topic, spread over its 3 partitions, read by a plain consumer', async () => {
    const kafka = new Kafka({ brokers: [services.kafka!.bootstrap], logLevel: logLevel.NOTHING });
    const consumer = kafka.consumer({ groupId: `seed-004-check-${run}` });
    const seen: { partition: number; key: string; envelope: Record<string, string> }[] = [];
    await consumer.connect();
    try {
      await consumer.subscribe({ topic, fromBeginning: true });
      await consumer.run({
        eachMessage: async ({ partition, message }) => {
          seen.push({
            partition,
            key: message.key!.toString('utf8'),
            envelope: JSON.parse(message.value!.toString('utf8')) as Record<string, string>,
          });
        },
      });
      await eventually('every message', async () => seen.length >= names.length, 60_000);
    } finally {
      await consumer.disconnect();
    }
    expect(seen.map((m) => m.key).sort()).toEqual(names);
    for (const { key, envelope } of seen) {
      expect(envelope).toEqual({
        fileName: key,
        fullPathName: `${remoteDir}/${key}`,
        writeDatetime: expect.any(String),
        body: FILES[key],
      });
    }
    expect(new Set(seen.map((m) => m.partition)).size).toBeGreaterThan(1);
  });

  it('leaves nothing behind: no failures, no queued flowfiles, no error bulletins', async () => {
    await eventually('the flow to drain', async () =>
      engine!.connectionStatus().every((c) => c.queued.count === 0),
    );
    const failures = engine!.processorStatus().find((p) => p.id === 'failures')!;
    expect(failures.stats.inCount).toBe(0);
    expect(engine!.bulletins.query({ limit: 100 }).filter((b) => b.level === 'ERROR')).toEqual([]);
  });
});
