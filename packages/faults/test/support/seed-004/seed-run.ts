import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseFlowDocument, type FlowDocument } from '@sluice/flow-schema';
import type { TestServicesInfo } from '@sluice/services';
import { Kafka, logLevel } from 'kafkajs';

/** The shipped seed-004 flow: SFTP → Kafka t3q → HDFS + Elasticsearch. */
export const SEED_004_EXAMPLE = fileURLToPath(
  new URL('../../../../../examples/seed-004-sftp-kafka-hdfs-es.json', import.meta.url),
);

/** The seed-004 flow's connections that take the flowfiles a processor could not handle. */
export const SEED_FAILURE_CONNECTIONS: readonly string[] = [
  'fetch-failed',
  'wrap-failed',
  'publish-failed',
  'name-failed',
  'body-failed',
  'hdfs-failed',
  'document-failed',
  'es-failed',
];

/**
 * Where one run of the seed-004 flow reads and writes: its own SFTP directory, topic, consumer
 * group, HDFS directory and index, so runs on shared servers never see each other's data.
 */
export interface SeedRun {
  readonly id: string;
  /** The SFTP directory as a local path (the SFTP test server serves a local directory). */
  readonly localDir: string;
  /** The same directory as the flow sees it over SFTP. */
  readonly remoteDir: string;
  readonly topic: string;
  /** ConsumeKafka's group: a run's own, since a group shared by different topics rebalances across runs. */
  readonly groupId: string;
  readonly hdfsDir: string;
  readonly index: string;
}

/** The names of run `id` on `services` (which must include sftp). */
export function seedRun(services: TestServicesInfo, id: string): SeedRun {
  const sftp = services.sftp;
  if (!sftp) throw new Error('seed-004 needs the sftp test service');
  return {
    id,
    localDir: path.join(sftp.localDir, `seed-004-${id}`),
    remoteDir: `${sftp.remoteDir}/seed-004-${id}`,
    topic: `t3q-${id}`,
    groupId: `sluice-seed-004-${id}`,
    hdfsDir: `/seed-004/${id}`,
    index: `t3q-${id}`,
  };
}

/** Creates the run's topic with the seed's 3 partitions (so keys spread and order is per partition). */
export async function createSeedTopic(services: TestServicesInfo, run: SeedRun): Promise<void> {
  const kafka = new Kafka({ brokers: [services.kafka!.bootstrap], logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  try {
    await admin.createTopics({
      topics: [{ topic: run.topic, numPartitions: 3, replicationFactor: 1 }],
    });
  } finally {
    await admin.disconnect();
  }
}

/** The values of the seed-004 flow's parameters for `run` on `services`, as its seed test sets them. */
export function seedParameters(services: TestServicesInfo, run: SeedRun): Record<string, string> {
  const { sftp, kafka, hdfs, elasticsearch } = services;
  if (!sftp || !kafka || !hdfs || !elasticsearch) {
    throw new Error('seed-004 needs the kafka, sftp, elasticsearch and hdfs test services');
  }
  return {
    'sftp.host': sftp.host,
    'sftp.port': String(sftp.port),
    'sftp.username': sftp.username,
    'sftp.password': sftp.password,
    'sftp.remote.dir': run.remoteDir,
    'kafka.bootstrap': kafka.bootstrap,
    'kafka.topic': run.topic,
    'hdfs.url': hdfs.webHdfsUrl,
    'hdfs.dir': run.hdfsDir,
    'elasticsearch.url': elasticsearch.url,
    'elasticsearch.index': run.index,
  };
}

/** How {@link seedFlowDocument} departs from the shipped example; by default it does not. */
export interface SeedFlowOptions {
  /** ConsumeKafka's consumer group instead of the example's `sluice-seed-004` (see {@link SeedRun.groupId}). */
  readonly groupId?: string;
  /**
   * Saves every processor RUNNING (the example saves them stopped), so an engine or a server that
   * opens the document starts the flow by itself, again after each restart.
   */
  readonly running?: boolean;
  /**
   * Keeps the `failures` sink stopped (even when `running`): whatever reaches it stays queued in
   * front of it, durably, to be counted after crashes, instead of being logged and dropped.
   */
  readonly holdFailures?: boolean;
  /**
   * Concurrent tasks by processor id. An HDFS write of a small file takes 150–400 ms whatever
   * the client (the DataNode's close waits out HDFS's retry delay, see docs/benchmarks.md), so
   * PutHDFS with the example's one task moves ~3–5 files a second; thousands need more.
   */
  readonly concurrentTasks?: Readonly<Record<string, number>>;
}

/** The seed-004 example flow, parsed, with the departures `options` asks for. */
export async function seedFlowDocument(options: SeedFlowOptions = {}): Promise<FlowDocument> {
  const document = parseFlowDocument(JSON.parse(await readFile(SEED_004_EXAMPLE, 'utf8')));
  const flow = document.flow;
  flow.processors = flow.processors.map((processor) => {
    let next = processor;
    if (options.groupId !== undefined && processor.type === 'ConsumeKafka') {
      next = { ...next, properties: { ...next.properties, groupId: options.groupId } };
    }
    if (options.running) next = { ...next, state: 'RUNNING' };
    if (options.holdFailures && processor.id === 'failures') next = { ...next, state: 'STOPPED' };
    const tasks = options.concurrentTasks?.[processor.id];
    if (tasks !== undefined) {
      next = { ...next, scheduling: { ...next.scheduling, concurrentTasks: tasks } };
    }
    return next;
  });
  return document;
}
