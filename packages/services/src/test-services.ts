import { startElasticsearch } from './elasticsearch/elasticsearch-server.js';
import { startHdfs } from './hdfs/hdfs-server.js';
import { startKafka, type KafkaServer } from './kafka/kafka-server.js';
import { freePort } from './process/free-port.js';
import { runningServicesInfo } from './running-services.js';
import {
  sftpConnectionInfo,
  startSftp,
  type SftpConnectionInfo,
  type SftpServer,
} from './sftp/sftp-server.js';
import { testWorkDir } from './test-work-dir.js';

/** Services a test suite can ask for. */
export type TestServiceName = 'kafka' | 'sftp' | 'elasticsearch' | 'hdfs';

/** How tests reach the services a global setup started: plain data, so vitest can `provide` it. */
export interface TestServicesInfo {
  kafka?: { bootstrap: string; brokerPort: number };
  sftp?: SftpConnectionInfo;
  /** `url` is `http://127.0.0.1:<port>`. */
  elasticsearch?: { url: string; port: number };
  /** `webHdfsUrl` is the NameNode's `http://127.0.0.1:<port>` (WebHDFS under `/webhdfs/v1`). */
  hdfs?: { webHdfsUrl: string };
}

/** Started services and how to stop them all. */
export interface TestServices {
  readonly info: TestServicesInfo;
  stop(): Promise<void>;
}

/**
 * Starts the named services for a test run, in parallel, each on free ports in a fresh work
 * directory. A service that cannot start fails the whole run with its reason: with `CI=true`
 * nothing may be skipped, and without it a silent skip would hide the same problem.
 *
 * Outside CI, `SLUICE_TEST_SERVICES=running` uses the servers `npm run services:up` runs instead,
 * and leaves them running, so several suites at once share one set of servers.
 */
export async function startTestServices(names: readonly TestServiceName[]): Promise<TestServices> {
  if (process.env['SLUICE_TEST_SERVICES'] === 'running' && process.env['CI'] !== 'true') {
    return { info: await runningServicesInfo(names), stop: async () => {} };
  }
  const stops: (() => Promise<void>)[] = [];
  const info: TestServicesInfo = {};
  const starts = names.map(async (name) => {
    switch (name) {
      case 'kafka': {
        const kafka: KafkaServer = await startKafka({
          workDir: await testWorkDir('kafka'),
          brokerPort: await freePort(),
          controllerPort: await freePort(),
          detached: false,
        });
        stops.push(() => kafka.stop());
        info.kafka = { bootstrap: kafka.bootstrap, brokerPort: kafka.brokerPort };
        return;
      }
      case 'sftp': {
        const sftp: SftpServer = await startSftp({
          workDir: await testWorkDir('sftp'),
          port: await freePort(),
          detached: false,
        });
        stops.push(() => sftp.stop());
        info.sftp = sftpConnectionInfo(sftp);
        return;
      }
      case 'elasticsearch': {
        const elasticsearch = await startElasticsearch({
          workDir: await testWorkDir('elasticsearch'),
          port: await freePort(),
          transportPort: await freePort(),
          detached: false,
        });
        stops.push(() => elasticsearch.stop());
        info.elasticsearch = { url: elasticsearch.url, port: elasticsearch.port };
        return;
      }
      case 'hdfs': {
        const hdfs = await startHdfs({
          workDir: await testWorkDir('hdfs'),
          namenodeRpcPort: await freePort(),
          namenodeHttpPort: await freePort(),
          datanodePort: await freePort(),
          datanodeHttpPort: await freePort(),
          datanodeIpcPort: await freePort(),
          detached: false,
        });
        stops.push(() => hdfs.stop());
        info.hdfs = { webHdfsUrl: hdfs.webHdfsUrl };
        return;
      }
      default: {
        const _exhaustive: never = name;
        throw new Error(`unknown test service ${String(_exhaustive)}`);
      }
    }
  });
  const stop = async () => {
    await Promise.allSettled(stops.map((s) => s()));
  };
  const results = await Promise.allSettled(starts);
  const failed = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed.length > 0) {
    await stop();
    throw new AggregateError(
      failed.map((f) => f.reason as Error),
      `Test services could not start: ${failed.map((f) => (f.reason as Error).message).join(' | ')}`,
    );
  }
  return { info, stop };
}
