/**
 * The sinks workload's cases and results, shared by the children and the runner: each Sluice sink
 * processor against its raw client doing the same work on the same real server.
 */
import type { FsyncPolicy } from '@sluice/engine';
import type { TestServicesInfo } from '@sluice/services';

/** The server (and so the processor and raw client) a case exercises. */
export type SinkPair = 'kafka' | 'elasticsearch' | 'sftp' | 'hdfs';

/** Who does the work: the Sluice processor in a FlowEngine, or the client library directly. */
export type SinkSide = 'sluice' | 'raw';

/** Both sides, in the order of the first timed repetition (later ones alternate). */
export const SINK_SIDES: readonly SinkSide[] = ['sluice', 'raw'];

/** One measured case: `items` transfers of `itemBytes` each (approximately, for documents). */
export interface SinkCase {
  readonly id: string;
  readonly pair: SinkPair;
  readonly items: number;
  readonly itemBytes: number;
  /**
   * Items each side's child sends first, untimed, in the same process: the timed run then
   * measures warm code, as a Sluice server that runs for days and a client application would
   * be, not V8 compiling it (in a cold child that was up to a third of a 20,000-message run).
   * 0 for the SFTP cases: their input is one prepared file set, and their runs are seconds of I/O.
   */
  readonly warmUpItems: number;
  /** What moves, for the table. */
  readonly label: string;
}

const KIB = 1024;
const MIB_BYTES = 1024 * 1024;

/** Scales the item counts (not sizes), e.g. 0.1 for a quick try: `SLUICE_BENCH_SINKS_SCALE`. */
const SCALE = Number(process.env['SLUICE_BENCH_SINKS_SCALE'] ?? 1);
const scaled = (items: number): number => Math.max(1, Math.round(items * SCALE));

/** Batch of the Kafka and Elasticsearch sides: PublishKafka's per-run maximum, set as PutElasticsearchJson's Batch Size. */
export const SINK_BATCH = 500;

/** Every case, in the order the runner measures them. */
export const SINK_CASES: readonly SinkCase[] = [
  {
    id: 'kafka-1k',
    pair: 'kafka',
    items: scaled(20_000),
    itemBytes: KIB,
    warmUpItems: scaled(2_000),
    label: 'Kafka: 1 KiB messages, 3 partitions, acks=all',
  },
  {
    id: 'es-docs',
    pair: 'elasticsearch',
    items: scaled(20_000),
    itemBytes: 0,
    warmUpItems: scaled(2_000),
    label: 'Elasticsearch: small JSON documents, _bulk of 500',
  },
  {
    id: 'sftp-1m',
    pair: 'sftp',
    items: scaled(200),
    itemBytes: MIB_BYTES,
    warmUpItems: 0,
    label: 'SFTP fetch: 1 MiB files',
  },
  {
    id: 'sftp-50m',
    pair: 'sftp',
    items: scaled(5),
    itemBytes: 50 * MIB_BYTES,
    warmUpItems: 0,
    label: 'SFTP fetch: 50 MiB files',
  },
  {
    id: 'hdfs-256k',
    pair: 'hdfs',
    items: scaled(500),
    itemBytes: 256 * KIB,
    warmUpItems: scaled(50),
    label: 'HDFS write: 256 KiB files',
  },
  {
    id: 'hdfs-32m',
    pair: 'hdfs',
    items: scaled(4),
    itemBytes: 32 * MIB_BYTES,
    warmUpItems: 1,
    label: 'HDFS write: 32 MiB files',
  },
];

/** The case with this id, or throws naming the known ones. */
export function sinkCase(id: string | undefined): SinkCase {
  const found = SINK_CASES.find((c) => c.id === id);
  if (!found)
    throw new Error(
      `unknown sinks case ${id}; choose from ${SINK_CASES.map((c) => c.id).join(', ')}`,
    );
  return found;
}

/** Narrows a command-line argument to a {@link SinkSide}. */
export function isSinkSide(value: string | undefined): value is SinkSide {
  return SINK_SIDES.some((s) => s === value);
}

/**
 * The repositories' fsync policy: `batch` (the default, as W1); `SLUICE_BENCH_SINKS_FSYNC=never`
 * only to find out what durability costs.
 */
export const SINKS_FSYNC: FsyncPolicy = parseFsync(
  process.env['SLUICE_BENCH_SINKS_FSYNC'] ?? 'batch',
);

function parseFsync(value: string): FsyncPolicy {
  if (value === 'always' || value === 'batch' || value === 'never') return value;
  throw new Error(`SLUICE_BENCH_SINKS_FSYNC must be always, batch or never, not ${value}`);
}

/** The environment variable that hands the servers' addresses to each child. */
export const SERVICES_ENV = 'SLUICE_BENCH_SINKS_SERVICES';

/** The servers' addresses, as the runner passed them. */
export function servicesFromEnv(): TestServicesInfo {
  const text = process.env[SERVICES_ENV];
  if (!text)
    throw new Error(`${SERVICES_ENV} is not set: the sinks runner passes the servers' addresses`);
  return JSON.parse(text) as TestServicesInfo;
}

/** Where one run works: the servers, and a tag that makes its topic, index or directory fresh. */
export interface SinkRun {
  readonly sinkCase: SinkCase;
  readonly services: TestServicesInfo;
  readonly tag: string;
}

/** What one side measured, before the child adds the rates. */
export interface SinkMeasurement {
  /** Items the side finished (sent, indexed, fetched, written). */
  readonly items: number;
  /** Content bytes moved. */
  readonly bytes: number;
  /** Clock: from starting the work (client connect included) to the last item done. */
  readonly elapsedMs: number;
  /** What was checked on the server or disk afterwards, and whether it held. */
  readonly verified: boolean;
  readonly check: string;
  readonly notes: Readonly<Record<string, number | string>>;
}

/** What one sinks child reports. */
export interface SinkRunResult extends SinkMeasurement {
  readonly workload: 'sinks';
  readonly caseId: string;
  readonly side: SinkSide;
  readonly itemsPerSecond: number;
  /** Content MiB per second (MiB = 2^20 bytes). */
  readonly mibPerSecond: number;
}

/** Every run of one case, and the load while it ran. */
export interface SinkCaseResult {
  readonly caseId: string;
  readonly label: string;
  /** 1-minute load average when the case started. */
  readonly loadAverage: number;
  readonly warmUp: readonly SinkRunResult[];
  readonly runs: readonly SinkRunResult[];
}

/** The runner's result of the whole workload. */
export interface SinksResults {
  readonly cases: readonly SinkCaseResult[];
  /** Seconds the four servers took to start (run in parallel). */
  readonly servicesStartSeconds: number;
  readonly errors: readonly string[];
}
