import { rm, writeFile } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { join } from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import SftpClient from 'ssh2-sftp-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRestartableServices, type RestartableServices } from './restartable-services.js';

const TOPIC = 'kept-topic';
const GROUP = 'kept-group';
const FILE_TEXT = 'kept across a restart\n두 번째 줄\n';

describe('startRestartableServices', () => {
  let set: RestartableServices;

  beforeAll(async () => {
    const started = Date.now();
    set = await startRestartableServices(['kafka', 'elasticsearch', 'hdfs', 'sftp']);
    console.warn(`four restartable services ready in ${Date.now() - started} ms`);
  }, 400_000);

  afterAll(async () => {
    await set?.stop();
    for (const service of Object.values(set?.services ?? {})) {
      await rm(service.workDir, { recursive: true, force: true });
    }
  });

  it('keeps Kafka offsets, the Elasticsearch index, HDFS files and SFTP files across a stop and a start on the same ports', async () => {
    // Given data in each server
    const { kafka, elasticsearch, hdfs, sftp } = set.info;
    await writeKafka(kafka!.bootstrap);
    await writeElasticsearch(elasticsearch!.url);
    await writeHdfs(hdfs!.webHdfsUrl);
    await writeFile(join(sftp!.localDir, 'kept.txt'), FILE_TEXT);

    const held = await sftpClient();

    // When every server stops and starts again
    const names = ['kafka', 'elasticsearch', 'hdfs', 'sftp'] as const;
    await Promise.all(names.map((name) => set.get(name).stop()));
    expect(names.map((name) => set.get(name).running)).toEqual([false, false, false, false]);
    // (a stopped SFTP server also cuts the sessions clients hold, not just its listener)
    await expect(held.list(sftp!.remoteDir)).rejects.toThrow();
    await held.end().catch(() => undefined);
    const restarted = Date.now();
    await Promise.all(names.map((name) => set.get(name).start()));
    console.warn(`four restartable services back in ${Date.now() - restarted} ms`);

    // Then each answers on the addresses it had, with what it held
    expect(set.info.kafka).toEqual(kafka);
    expect(set.info.sftp?.port).toBe(sftp!.port);
    expect(await readKafka(kafka!.bootstrap)).toEqual({ offsets: ['2', '1', '0'], messages: 3 });
    expect(await readElasticsearch(elasticsearch!.url)).toEqual({ count: 1, title: '제목' });
    expect(await readHdfs(hdfs!.webHdfsUrl)).toBe(FILE_TEXT);
    expect(await readSftp()).toBe(FILE_TEXT);
  }, 600_000);

  async function sftpClient(): Promise<SftpClient> {
    const info = set.info.sftp!;
    const client = new SftpClient();
    await client.connect({
      host: info.host,
      port: info.port,
      username: info.username,
      password: info.password,
    });
    return client;
  }

  async function readSftp(): Promise<string> {
    const client = await sftpClient();
    try {
      return ((await client.get(`${set.info.sftp!.remoteDir}/kept.txt`)) as Buffer).toString(
        'utf8',
      );
    } finally {
      await client.end();
    }
  }
});

function kafkaClient(bootstrap: string): Kafka {
  return new Kafka({ brokers: [bootstrap], logLevel: logLevel.NOTHING });
}

/** A topic of 3 partitions, one message in each, and the group's offsets committed 2, 1, 0. */
async function writeKafka(bootstrap: string): Promise<void> {
  const kafka = kafkaClient(bootstrap);
  const admin = kafka.admin();
  const producer = kafka.producer();
  await admin.connect();
  await producer.connect();
  try {
    await admin.createTopics({ topics: [{ topic: TOPIC, numPartitions: 3 }] });
    await producer.send({
      topic: TOPIC,
      messages: [0, 1, 2].map((partition) => ({ partition, value: `m${partition}` })),
    });
    await admin.setOffsets({
      groupId: GROUP,
      topic: TOPIC,
      partitions: [
        { partition: 0, offset: '2' },
        { partition: 1, offset: '1' },
        { partition: 2, offset: '0' },
      ],
    });
  } finally {
    await producer.disconnect();
    await admin.disconnect();
  }
}

async function readKafka(bootstrap: string): Promise<{ offsets: string[]; messages: number }> {
  const admin = kafkaClient(bootstrap).admin();
  await admin.connect();
  try {
    const [committed] = await admin.fetchOffsets({ groupId: GROUP, topics: [TOPIC] });
    const ends = await admin.fetchTopicOffsets(TOPIC);
    return {
      offsets: committed!.partitions.sort((a, b) => a.partition - b.partition).map((p) => p.offset),
      messages: ends.reduce((sum, p) => sum + Number(p.high), 0),
    };
  } finally {
    await admin.disconnect();
  }
}

async function writeElasticsearch(url: string): Promise<void> {
  const response = await fetch(`${url}/kept/_doc/1?refresh=true`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ title: '제목' }),
  });
  expect(response.status).toBe(201);
}

async function readElasticsearch(url: string): Promise<{ count: number; title: unknown }> {
  const count = (await (await fetch(`${url}/kept/_count`)).json()) as { count: number };
  const document = (await (await fetch(`${url}/kept/_doc/1`)).json()) as {
    _source: { title: unknown };
  };
  return { count: count.count, title: document._source.title };
}

const HDFS_FILE = '/kept/file.txt';

/** WebHDFS CREATE in its two steps: the NameNode names a DataNode, which takes the bytes. */
async function writeHdfs(webHdfsUrl: string): Promise<void> {
  const named = await fetch(
    `${webHdfsUrl}/webhdfs/v1${HDFS_FILE}?op=CREATE&user.name=sluice&noredirect=true`,
    { method: 'PUT' },
  );
  const { Location } = (await named.json()) as { Location: string };
  // node:http, not fetch: the DataNode sends `100 Continue` unasked, which undici rejects.
  const status = await new Promise<number | undefined>((resolve, reject) => {
    const request = httpRequest(Location, { method: 'PUT' }, (response) => {
      response.resume();
      response.on('end', () => resolve(response.statusCode));
    });
    request.on('error', reject);
    request.end(FILE_TEXT);
  });
  expect(status).toBe(201);
}

async function readHdfs(webHdfsUrl: string): Promise<string> {
  const response = await fetch(`${webHdfsUrl}/webhdfs/v1${HDFS_FILE}?op=OPEN&user.name=sluice`);
  return response.text();
}
