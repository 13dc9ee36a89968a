import { join } from 'node:path';
import {
  elasticsearchCommandMarker,
  elasticsearchServerHandle,
  startElasticsearch,
} from './elasticsearch/elasticsearch-server.js';
import type { HdfsPorts } from './hdfs/hdfs-config.js';
import { hdfsServerHandle, isHdfsProcess, startHdfs } from './hdfs/hdfs-server.js';
import { kafkaServerHandle, startKafka } from './kafka/kafka-server.js';
import { servicesDir } from './paths.js';
import { commandLineOf, isAlive } from './process/service-process.js';
import { sftpServerHandle, startSftp } from './sftp/sftp-server.js';
import {
  readServicesState,
  writeServicesState,
  type ServiceEntry,
  type ServicesState,
} from './state/state-file.js';

/** The services `services:up` knows how to start. */
export const SERVICE_NAMES = ['kafka', 'sftp', 'elasticsearch', 'hdfs'] as const;
/** One of {@link SERVICE_NAMES}. */
export type ServiceName = (typeof SERVICE_NAMES)[number];

/** What happened to one service in `up` or `down`. */
export type ServiceOutcome =
  | { name: ServiceName; status: 'started'; entry: ServiceEntry; detail: string }
  | { name: ServiceName; status: 'already-running'; entry: ServiceEntry }
  | { name: ServiceName; status: 'stopped' | 'not-running' }
  | { name: ServiceName; status: 'failed'; error: Error };

/**
 * Ports other than the defaults (19092/19093 for Kafka, 12222 for SFTP, 19200/19300 for
 * Elasticsearch, 18020/19870/19866/19864/19867 for HDFS).
 */
export interface ServicePorts {
  kafka?: { brokerPort?: number; controllerPort?: number };
  sftp?: { port?: number };
  elasticsearch?: { port?: number; transportPort?: number };
  hdfs?: Partial<HdfsPorts>;
}

/**
 * Whether the process in a state entry is still that service (alive, and its command line is the
 * service's: pids are reused after a reboot).
 */
export function isEntryRunning(entry: ServiceEntry): boolean {
  if (entry.kind === 'hdfs') {
    // Either JVM still running counts, so `down` stops what is left of a half-dead cluster.
    return (
      isHdfsProcess(entry.pids.namenode, 'namenode', entry.workDir) ||
      isHdfsProcess(entry.pids.datanode, 'datanode', entry.workDir)
    );
  }
  return isAlive(entry.pid) && commandLineOf(entry.pid).includes(commandMarkerOf(entry));
}

function commandMarkerOf(entry: Exclude<ServiceEntry, { kind: 'hdfs' }>): string {
  switch (entry.kind) {
    case 'kafka':
      return 'kafka.Kafka';
    case 'sftp':
      return join(entry.workDir, 'sshd_config');
    case 'elasticsearch':
      return elasticsearchCommandMarker(entry.workDir);
    default: {
      const _exhaustive: never = entry;
      throw new Error(`unknown service entry ${JSON.stringify(_exhaustive)}`);
    }
  }
}

/**
 * Starts the named services in the background (they outlive this process) on their default
 * ports under `.services/<name>`, records them in the state file, and leaves running ones alone.
 */
export async function servicesUp(
  names: readonly ServiceName[],
  ports: ServicePorts = {},
): Promise<ServiceOutcome[]> {
  const outcomes: ServiceOutcome[] = [];
  for (const name of names) {
    const state = await readServicesState();
    const existing = state[name];
    if (existing && isEntryRunning(existing)) {
      outcomes.push({ name, status: 'already-running', entry: existing });
      continue;
    }
    try {
      const { entry, detail } = await startOne(name, ports);
      await writeServicesState({ ...(await readServicesState()), [name]: entry });
      outcomes.push({ name, status: 'started', entry, detail });
    } catch (error) {
      outcomes.push({ name, status: 'failed', error: error as Error });
    }
  }
  return outcomes;
}

/** Stops the named services recorded in the state file and removes their entries. */
export async function servicesDown(names: readonly ServiceName[]): Promise<ServiceOutcome[]> {
  const outcomes: ServiceOutcome[] = [];
  for (const name of names) {
    const state = await readServicesState();
    const entry = state[name];
    if (!entry || !isEntryRunning(entry)) {
      outcomes.push({ name, status: 'not-running' });
    } else {
      try {
        await handleOf(entry).stop();
        outcomes.push({ name, status: 'stopped' });
      } catch (error) {
        outcomes.push({ name, status: 'failed', error: error as Error });
        continue;
      }
    }
    const next: ServicesState = { ...(await readServicesState()) };
    delete next[name];
    await writeServicesState(next);
  }
  return outcomes;
}

async function startOne(
  name: ServiceName,
  ports: ServicePorts,
): Promise<{ entry: ServiceEntry; detail: string }> {
  const workDir = join(servicesDir(), name);
  const startedAt = new Date().toISOString();
  switch (name) {
    case 'kafka': {
      const kafka = await startKafka({ workDir, detached: true, ...ports.kafka });
      const { downloadMs, startMs } = kafka.timings;
      return {
        entry: {
          kind: 'kafka',
          pid: kafka.pid,
          bootstrap: kafka.bootstrap,
          brokerPort: kafka.brokerPort,
          controllerPort: kafka.controllerPort,
          workDir,
          logFile: kafka.logFile,
          startedAt,
        },
        detail: `Kafka ${kafka.version} on ${kafka.bootstrap} (download ${downloadMs} ms, start ${startMs} ms)`,
      };
    }
    case 'sftp': {
      const sftp = await startSftp({ workDir, detached: true, ...ports.sftp });
      const { kind, pid, host, port, username, password, privateKeyFile, hostPublicKey } = sftp;
      return {
        entry: {
          kind,
          pid,
          host,
          port,
          username,
          password,
          privateKeyFile,
          hostPublicKey,
          remoteDir: sftp.remoteDir,
          localDir: sftp.localDir,
          workDir,
          logFile: sftp.logFile,
          startedAt,
        },
        detail:
          `SFTP on ${host}:${port}, user ${username}, password ${password}, key ${privateKeyFile}, ` +
          `writable ${sftp.remoteDir} (= ${sftp.localDir})`,
      };
    }
    case 'elasticsearch': {
      const es = await startElasticsearch({ workDir, detached: true, ...ports.elasticsearch });
      const { downloadMs, startMs } = es.timings;
      return {
        entry: {
          kind: 'elasticsearch',
          pid: es.pid,
          url: es.url,
          port: es.port,
          transportPort: es.transportPort,
          workDir,
          logFile: es.logFile,
          startedAt,
        },
        detail: `Elasticsearch ${es.version} on ${es.url} (download ${downloadMs} ms, start ${startMs} ms)`,
      };
    }
    case 'hdfs': {
      const hdfs = await startHdfs({ workDir, detached: true, ...ports.hdfs });
      const { downloadMs, startMs } = hdfs.timings;
      const { pids, webHdfsUrl, namenodeRpc, logFiles } = hdfs;
      return {
        entry: {
          kind: 'hdfs',
          pids: { ...pids },
          webHdfsUrl,
          namenodeRpc,
          ports: { ...hdfs.ports },
          workDir,
          logFiles: { ...logFiles },
          startedAt,
        },
        detail:
          `HDFS ${hdfs.version}: WebHDFS on ${webHdfsUrl}, NameNode RPC ${namenodeRpc} ` +
          `(download ${downloadMs} ms, start ${startMs} ms)`,
      };
    }
    default: {
      const _exhaustive: never = name;
      throw new Error(`unknown service ${String(_exhaustive)}`);
    }
  }
}

function handleOf(entry: ServiceEntry): { stop(): Promise<void> } {
  switch (entry.kind) {
    case 'kafka':
      return kafkaServerHandle({
        process: entry,
        brokerPort: entry.brokerPort,
        controllerPort: entry.controllerPort,
        workDir: entry.workDir,
        timings: { downloadMs: 0, startMs: 0 },
      });
    case 'sftp':
      return sftpServerHandle({ process: entry, workDir: entry.workDir, info: entry });
    case 'elasticsearch':
      return elasticsearchServerHandle({
        process: entry,
        port: entry.port,
        transportPort: entry.transportPort,
        workDir: entry.workDir,
        timings: { downloadMs: 0, startMs: 0 },
      });
    case 'hdfs':
      return hdfsServerHandle({
        processes: {
          namenode: { pid: entry.pids.namenode, logFile: entry.logFiles.namenode },
          datanode: { pid: entry.pids.datanode, logFile: entry.logFiles.datanode },
        },
        ports: entry.ports,
        workDir: entry.workDir,
        timings: { downloadMs: 0, startMs: 0 },
      });
    default: {
      const _exhaustive: never = entry;
      throw new Error(`unknown service entry ${JSON.stringify(_exhaustive)}`);
    }
  }
}
