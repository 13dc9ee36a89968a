import { startElasticsearch } from './elasticsearch/elasticsearch-server.js';
import type { HdfsPorts } from './hdfs/hdfs-config.js';
import { startHdfs } from './hdfs/hdfs-server.js';
import { startKafka } from './kafka/kafka-server.js';
import { freePort } from './process/free-port.js';
import { sftpConnectionInfo, startSftp } from './sftp/sftp-server.js';
import { testWorkDir } from './test-work-dir.js';
import type { TestServiceName, TestServicesInfo } from './test-services.js';

/**
 * One server a test may stop and start again, as an operator would: on the same ports and the
 * same work dir, so what it held survives (Kafka's topics and committed offsets, Elasticsearch's
 * indices, HDFS's files, the SFTP server's files). Clients keep the addresses they were given.
 */
export interface RestartableService {
  readonly name: TestServiceName;
  /** Whether the server runs now (between a `start()` and a `stop()`). */
  readonly running: boolean;
  /** Where the server's files are kept across restarts (its logs are there too). */
  readonly workDir: string;
  /** Stops the server (SIGTERM, then SIGKILL after the grace period); a no-op when stopped. */
  stop(): Promise<void>;
  /** Starts it again on its ports and its data, and resolves once it is ready; a no-op when running. */
  start(): Promise<void>;
}

/** A private set of restartable servers, how tests reach them, and how to stop them all. */
export interface RestartableServices {
  readonly info: TestServicesInfo;
  readonly services: Readonly<Partial<Record<TestServiceName, RestartableService>>>;
  /** The named service; throws when it was not started. */
  get(name: TestServiceName): RestartableService;
  /** Stops every server for good. */
  stop(): Promise<void>;
}

/** What differs between services: the first start (which picks the info) and later ones. */
type Starter = (keepData: boolean) => Promise<{ stop: () => Promise<void> }>;

/**
 * Starts the named services, in parallel, each on its own free ports in a fresh work dir, as
 * {@link RestartableService}s. Unlike `startTestServices` this never uses the servers
 * `npm run services:up` runs (`SLUICE_TEST_SERVICES=running`): a test that stops a server must
 * not stop one that other suites share.
 */
export async function startRestartableServices(
  names: readonly TestServiceName[],
): Promise<RestartableServices> {
  const info: TestServicesInfo = {};
  const services: Partial<Record<TestServiceName, RestartableService>> = {};
  const prepared = await Promise.all(
    names.map(async (name) => ({ name, ...(await starterOf(name, info)) })),
  );
  for (const { name, starter, workDir } of prepared)
    services[name] = restartable(name, workDir, starter);
  const stopAll = async () => {
    await Promise.allSettled(Object.values(services).map((service) => service.stop()));
  };
  const results = await Promise.allSettled(Object.values(services).map((s) => s.start()));
  const failed = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed.length > 0) {
    await stopAll();
    throw new AggregateError(
      failed.map((f) => f.reason as Error),
      `Restartable services could not start: ${failed.map((f) => (f.reason as Error).message).join(' | ')}`,
    );
  }
  return {
    info,
    services,
    get(name) {
      const service = services[name];
      if (!service) throw new Error(`${name} was not started (started: ${names.join(', ')})`);
      return service;
    },
    stop: stopAll,
  };
}

function restartable(name: TestServiceName, workDir: string, starter: Starter): RestartableService {
  let current: { stop: () => Promise<void> } | undefined;
  let starts = 0;
  return {
    name,
    workDir,
    get running() {
      return current !== undefined;
    },
    async start() {
      if (current) return;
      // The first start is fresh; every later one keeps what the server held.
      current = await starter(starts > 0);
      starts++;
    },
    async stop() {
      const server = current;
      current = undefined;
      await server?.stop();
    },
  };
}

/** Picks the ports and the work dir once, fills in `info`, and says how to start the server. */
async function starterOf(
  name: TestServiceName,
  info: TestServicesInfo,
): Promise<{ starter: Starter; workDir: string }> {
  const workDir = await testWorkDir(`${name}-restartable`);
  switch (name) {
    case 'kafka': {
      const ports = { brokerPort: await freePort(), controllerPort: await freePort() };
      info.kafka = { bootstrap: `127.0.0.1:${ports.brokerPort}`, brokerPort: ports.brokerPort };
      return {
        workDir,
        starter: (keepData) => startKafka({ workDir, ...ports, keepData, detached: false }),
      };
    }
    case 'elasticsearch': {
      const ports = { port: await freePort(), transportPort: await freePort() };
      info.elasticsearch = { url: `http://127.0.0.1:${ports.port}`, port: ports.port };
      return {
        workDir,
        starter: (keepData) => startElasticsearch({ workDir, ...ports, keepData, detached: false }),
      };
    }
    case 'hdfs': {
      const ports: HdfsPorts = {
        namenodeRpcPort: await freePort(),
        namenodeHttpPort: await freePort(),
        datanodePort: await freePort(),
        datanodeHttpPort: await freePort(),
        datanodeIpcPort: await freePort(),
      };
      info.hdfs = { webHdfsUrl: `http://127.0.0.1:${ports.namenodeHttpPort}` };
      return {
        workDir,
        starter: (keepData) => startHdfs({ workDir, ...ports, keepData, detached: false }),
      };
    }
    case 'sftp': {
      // sshd keeps nothing but the files under its chroot and its keys, which a start reuses.
      const port = await freePort();
      return {
        workDir,
        starter: async () => {
          const server = await startSftp({ workDir, port, detached: false });
          info.sftp = sftpConnectionInfo(server);
          return server;
        },
      };
    }
    default: {
      const _exhaustive: never = name;
      throw new Error(`unknown test service ${String(_exhaustive)}`);
    }
  }
}
