import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { access, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Kafka, logLevel } from 'kafkajs';
import { requireJava } from '../prerequisites.js';
import { JVM_READY_TIMEOUT_MS, awaitReady, exitedDuringStart } from '../process/await-ready.js';
import {
  commandLineOf,
  spawnService,
  stopProcess,
  type ServiceProcess,
} from '../process/service-process.js';
import { ServiceError } from '../service-error.js';
import { selfSignedCertificate } from '../tls/self-signed-certificate.js';
import { waitUntil } from '../wait-until.js';
import { kafkaLog4j2Properties, kafkaServerProperties, randomClusterId } from './kafka-config.js';
import { ensureKafkaRuntime, KAFKA_VERSION } from './kafka-runtime.js';

const run = promisify(execFile);

/** Default ports: not Kafka's 9092/9093, so a developer's own broker is left alone. */
export const KAFKA_DEFAULT_PORTS = { brokerPort: 19092, controllerPort: 19093 } as const;

/** Where and how to run the broker. */
export interface KafkaServerOptions {
  /** Holds server.properties, the data (wiped at every start) and `kafka.log`. */
  workDir: string;
  brokerPort?: number;
  controllerPort?: number;
  /** See {@link SpawnServiceOptions.detached}. */
  detached?: boolean;
  /** How long to wait for the broker to answer a metadata request. */
  readyTimeoutMs?: number;
  /** JVM heap; Kafka's own default of 1 GB is more than tests need. */
  heap?: string;
  /** Whether the broker creates a topic on first use (default true, as Kafka's own default). */
  autoCreateTopics?: boolean;
  /**
   * Keeps the topics and offsets of an earlier run in `workDir` (a restart of the same broker,
   * for tests of a broker that goes away and comes back); by default every start is fresh.
   */
  keepData?: boolean;
  /** Adds SASL_PLAINTEXT and SASL_SSL listeners (see {@link KafkaSecurityOptions}). */
  security?: KafkaSecurityOptions;
}

/** The authenticating listeners' ports and users (PLAIN and SCRAM-SHA-256 both). */
export interface KafkaSecurityOptions {
  saslPlaintextPort: number;
  saslSslPort: number;
  /** User name to password: letters, digits, '.', '_' and '-'. */
  users: Readonly<Record<string, string>>;
}

/** How clients reach the authenticating listeners. */
export interface KafkaSecurityInfo {
  /** `127.0.0.1:<port>` of the SASL_PLAINTEXT listener. */
  readonly saslPlaintext: string;
  /** `127.0.0.1:<port>` of the SASL_SSL listener. */
  readonly saslSsl: string;
  /** The broker's self-signed certificate (PEM, for 127.0.0.1): what clients trust. */
  readonly certificatePem: string;
  readonly users: Readonly<Record<string, string>>;
}

/** A running single-node KRaft broker. */
export interface KafkaServer {
  readonly kind: 'kafka';
  readonly version: string;
  readonly pid: number;
  /** `127.0.0.1:<brokerPort>`, for kafkajs `brokers`. */
  readonly bootstrap: string;
  readonly brokerPort: number;
  readonly controllerPort: number;
  readonly workDir: string;
  readonly logFile: string;
  /** Time spent fetching jars (0 when the cache was reused) and starting, in ms. */
  readonly timings: { downloadMs: number; startMs: number };
  /** Present when started with {@link KafkaServerOptions.security}. */
  readonly security?: KafkaSecurityInfo;
  /** SIGTERM, then SIGKILL after `graceMs`; resolves when the JVM is gone. */
  stop(graceMs?: number): Promise<void>;
}

/**
 * Starts Kafka (KRaft, one node as broker and controller) on 127.0.0.1: fetches the jars once,
 * writes the config, formats fresh storage, launches the JVM and waits until a kafkajs admin
 * client lists topics.
 */
export async function startKafka(options: KafkaServerOptions): Promise<KafkaServer> {
  const { java } = await requireJava('Kafka');
  const downloadStarted = Date.now();
  const runtime = await ensureKafkaRuntime(KAFKA_VERSION);
  const downloadMs = runtime.downloaded ? Date.now() - downloadStarted : 0;
  const started = Date.now();

  const brokerPort = options.brokerPort ?? KAFKA_DEFAULT_PORTS.brokerPort;
  const controllerPort = options.controllerPort ?? KAFKA_DEFAULT_PORTS.controllerPort;
  const confDir = join(options.workDir, 'conf');
  const logDir = join(options.workDir, 'data');
  const logFile = join(options.workDir, 'kafka.log');
  if (!options.keepData) await rm(logDir, { recursive: true, force: true });
  await mkdir(confDir, { recursive: true });
  await mkdir(logDir, { recursive: true });
  const propertiesFile = join(confDir, 'server.properties');
  const keystore = options.security && (await brokerKeystore(confDir));
  await writeFile(
    propertiesFile,
    kafkaServerProperties({
      brokerPort,
      controllerPort,
      logDir,
      autoCreateTopics: options.autoCreateTopics ?? true,
      ...(options.security &&
        keystore && {
          security: {
            saslPlaintextPort: options.security.saslPlaintextPort,
            saslSslPort: options.security.saslSslPort,
            users: options.security.users,
            keystorePem: keystore.path,
          },
        }),
    }),
  );
  await writeFile(join(confDir, 'log4j2.properties'), kafkaLog4j2Properties());
  await writeFile(logFile, '');

  const classpath = `${confDir}:${runtime.libDir}/*`;
  const jvm = [
    `-Xms${options.heap ?? '256m'}`,
    `-Xmx${options.heap ?? '512m'}`,
    '-XX:+UseG1GC',
    '-Djava.awt.headless=true',
    `-Dlog4j2.configurationFile=${join(confDir, 'log4j2.properties')}`,
    `-Dkafka.logs.dir=${options.workDir}`,
    '-cp',
    classpath,
  ];
  // Kept storage is formatted already, with its own cluster id (a new one would be refused).
  const formatted =
    options.keepData === true &&
    (await access(join(logDir, 'meta.properties')).then(
      () => true,
      () => false,
    ));
  try {
    if (!formatted)
      await run(java, [
        ...jvm,
        'kafka.tools.StorageTool',
        'format',
        '-t',
        randomClusterId(() => randomBytes(16)),
        '-c',
        propertiesFile,
        '--ignore-formatted',
        ...Object.entries(options.security?.users ?? {}).flatMap(([name, password]) => [
          '--add-scram',
          `SCRAM-SHA-256=[name=${name},password=${password}]`,
        ]),
      ]);
  } catch (error) {
    throw new ServiceError(
      'start-failed',
      `Could not format Kafka's storage in ${logDir}: ${(error as Error).message}`,
    );
  }

  const process_ = spawnService({
    command: java,
    args: [...jvm, 'kafka.Kafka', propertiesFile],
    cwd: options.workDir,
    logFile,
    detached: options.detached ?? false,
  });
  const server = kafkaServerHandle({
    process: process_,
    brokerPort,
    controllerPort,
    workDir: options.workDir,
    timings: { downloadMs, startMs: 0 },
  });
  await awaitReady({
    what: `Kafka on ${server.bootstrap}`,
    ready: () =>
      waitForKafka(server.bootstrap, {
        timeoutMs: options.readyTimeoutMs ?? JVM_READY_TIMEOUT_MS,
        abortReason: exitedDuringStart(process_, 'Kafka'),
      }),
    stop: () => server.stop(5_000),
    logFiles: [logFile],
  });
  server.timings.startMs = Date.now() - started;
  if (!options.security || !keystore) return server;
  return {
    ...server,
    security: {
      saslPlaintext: `127.0.0.1:${options.security.saslPlaintextPort}`,
      saslSsl: `127.0.0.1:${options.security.saslSslPort}`,
      certificatePem: keystore.certificatePem,
      users: options.security.users,
    },
  };
}

/**
 * The SASL_SSL listener's key store: a fresh self-signed certificate, its key and the certificate
 * in one PEM file (Kafka's PEM key store), and the certificate for clients to trust.
 */
async function brokerKeystore(confDir: string): Promise<{ path: string; certificatePem: string }> {
  const made = await selfSignedCertificate(confDir, 'broker');
  const path = join(confDir, 'broker-keystore.pem');
  const key = await readFile(join(confDir, made.keyFile), 'utf8');
  await writeFile(path, `${key.trim()}\n${made.certificatePem.trim()}\n`, { mode: 0o600 });
  return { path, certificatePem: made.certificatePem };
}

/**
 * Resolves once a broker on `bootstrap` answers a kafkajs admin `listTopics()` and its group
 * coordinator describes a group.
 */
export async function waitForKafka(
  bootstrap: string,
  wait: { timeoutMs: number; abortReason?: () => string | undefined },
): Promise<void> {
  const kafka = new Kafka({
    clientId: 'sluice-services-readiness',
    brokers: [bootstrap],
    logLevel: logLevel.NOTHING,
    connectionTimeout: 1000,
    retry: { retries: 0 },
  });
  await waitUntil(
    async () => {
      const admin = kafka.admin();
      try {
        await admin.connect();
        await admin.listTopics();
        // Asking for a group makes the broker create and load `__consumer_offsets` now, so the
        // first real consumer does not crash on "The coordinator is loading" and restart.
        const { groups } = await admin.describeGroups(['sluice-services-readiness']);
        return groups.length === 1 ? true : undefined;
      } finally {
        await admin.disconnect().catch(() => undefined);
      }
    },
    { intervalMs: 500, ...wait },
  );
}

interface HandleParts {
  process: Pick<ServiceProcess, 'pid' | 'logFile'>;
  brokerPort: number;
  controllerPort: number;
  workDir: string;
  timings: { downloadMs: number; startMs: number };
}

/** A handle on a broker started earlier (possibly by another process, from the state file). */
export function kafkaServerHandle(parts: HandleParts): KafkaServer & {
  timings: { downloadMs: number; startMs: number };
} {
  const { pid, logFile } = parts.process;
  return {
    kind: 'kafka',
    version: KAFKA_VERSION,
    pid,
    bootstrap: `127.0.0.1:${parts.brokerPort}`,
    brokerPort: parts.brokerPort,
    controllerPort: parts.controllerPort,
    workDir: parts.workDir,
    logFile,
    timings: parts.timings,
    async stop(graceMs = 30_000) {
      // Only signal the pid while it is still our broker (pids get reused).
      if (!commandLineOf(pid).includes('kafka.Kafka')) return;
      try {
        await stopProcess(pid, graceMs);
      } catch (error) {
        throw new ServiceError(
          'stop-failed',
          `Could not stop Kafka (pid ${pid}): ${(error as Error).message}`,
        );
      }
    },
  };
}
