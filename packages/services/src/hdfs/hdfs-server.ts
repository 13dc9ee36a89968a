import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { appendFile, mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { requireJava } from '../prerequisites.js';
import { JVM_READY_TIMEOUT_MS, awaitReady, exitedDuringStart } from '../process/await-ready.js';
import {
  commandLineOf,
  isAlive,
  spawnService,
  stopProcess,
  tailOf,
  type ServiceProcess,
} from '../process/service-process.js';
import { ServiceError } from '../service-error.js';
import {
  coreSiteXml,
  HADOOP_WEBAPPS,
  hadoopJvmOptions,
  hadoopLog4jProperties,
  hdfsSiteXml,
  type HdfsPorts,
} from './hdfs-config.js';
import { waitForHdfs } from './hdfs-jmx.js';
import { ensureHadoopRuntime, HADOOP_VERSION } from './hdfs-runtime.js';

const run = promisify(execFile);

/** Default ports: Hadoop's own plus 10000, so a developer's own cluster is left alone. */
export const HDFS_DEFAULT_PORTS: Readonly<HdfsPorts> = {
  namenodeRpcPort: 18020,
  namenodeHttpPort: 19870,
  datanodePort: 19866,
  datanodeHttpPort: 19864,
  datanodeIpcPort: 19867,
};

/** The two JVMs of the cluster. */
export type HdfsRole = 'namenode' | 'datanode';

const MAIN_CLASS: Readonly<Record<HdfsRole, string>> = {
  namenode: 'org.apache.hadoop.hdfs.server.namenode.NameNode',
  datanode: 'org.apache.hadoop.hdfs.server.datanode.DataNode',
};

const ROLE_NAME: Readonly<Record<HdfsRole, string>> = {
  namenode: 'NameNode',
  datanode: 'DataNode',
};

/** Where and how to run the cluster; ports default to {@link HDFS_DEFAULT_PORTS}. */
export interface HdfsServerOptions extends Partial<HdfsPorts> {
  /** Holds conf/, the data (wiped at every start unless `keepData`) and `namenode.log`, `datanode.log`. */
  workDir: string;
  /** See {@link SpawnServiceOptions.detached}. */
  detached?: boolean;
  /** How long to wait for a live DataNode with safe mode off. */
  readyTimeoutMs?: number;
  /** Maximum heap of each JVM; 256m is plenty for a test namespace. */
  heap?: string;
  /**
   * Keeps the namespace and blocks of an earlier run in `workDir` (a restart of the same cluster,
   * for tests of an HDFS that goes away and comes back): the NameNode is not formatted again.
   * By default every start is fresh.
   */
  keepData?: boolean;
}

/** A running NameNode with one DataNode, WebHDFS on, everything on 127.0.0.1. */
export interface HdfsServer {
  readonly kind: 'hdfs';
  readonly version: string;
  readonly pids: Readonly<Record<HdfsRole, number>>;
  /** `http://127.0.0.1:<namenodeHttpPort>`: WebHDFS is under `/webhdfs/v1`, JMX under `/jmx`. */
  readonly webHdfsUrl: string;
  /** `hdfs://127.0.0.1:<namenodeRpcPort>`, the `fs.defaultFS` of Hadoop clients. */
  readonly namenodeRpc: string;
  readonly ports: Readonly<HdfsPorts>;
  readonly workDir: string;
  readonly logFiles: Readonly<Record<HdfsRole, string>>;
  /** Time spent fetching jars (0 when the cache was reused) and starting, in ms. */
  readonly timings: { downloadMs: number; startMs: number };
  /** SIGTERM to both JVMs, then SIGKILL after `graceMs`; resolves when both are gone. */
  stop(graceMs?: number): Promise<void>;
}

/**
 * Starts HDFS on 127.0.0.1: fetches Hadoop's jars once, writes the configuration, formats a
 * fresh NameNode (unless `keepData` finds one formatted), launches the NameNode and DataNode JVMs and waits until the NameNode reports
 * the DataNode live and safe mode off.
 */
export async function startHdfs(options: HdfsServerOptions): Promise<HdfsServer> {
  const { java } = await requireJava('HDFS');
  const downloadStarted = Date.now();
  const runtime = await ensureHadoopRuntime(HADOOP_VERSION);
  const downloadMs = runtime.downloaded ? Date.now() - downloadStarted : 0;
  const started = Date.now();

  const { workDir } = options;
  const ports: HdfsPorts = {
    namenodeRpcPort: options.namenodeRpcPort ?? HDFS_DEFAULT_PORTS.namenodeRpcPort,
    namenodeHttpPort: options.namenodeHttpPort ?? HDFS_DEFAULT_PORTS.namenodeHttpPort,
    datanodePort: options.datanodePort ?? HDFS_DEFAULT_PORTS.datanodePort,
    datanodeHttpPort: options.datanodeHttpPort ?? HDFS_DEFAULT_PORTS.datanodeHttpPort,
    datanodeIpcPort: options.datanodeIpcPort ?? HDFS_DEFAULT_PORTS.datanodeIpcPort,
  };
  const confDir = join(workDir, 'conf');
  const dataRoot = join(workDir, 'data');
  const layout = {
    ports,
    nameDir: join(dataRoot, 'name'),
    dataDir: join(dataRoot, 'data'),
    tmpDir: join(dataRoot, 'tmp'),
  };
  const logFiles = {
    namenode: join(workDir, 'namenode.log'),
    datanode: join(workDir, 'datanode.log'),
  };
  // A formatted NameNode has current/VERSION; formatting it again would orphan the DataNode's
  // blocks (a new namespace id), so a kept namespace is started as it is.
  const formatted =
    options.keepData === true && existsSync(join(layout.nameDir, 'current', 'VERSION'));
  if (!options.keepData) await rm(dataRoot, { recursive: true, force: true });
  for (const dir of [confDir, layout.nameDir, layout.dataDir, layout.tmpDir]) {
    await mkdir(dir, { recursive: true });
  }
  for (const app of HADOOP_WEBAPPS) await mkdir(join(confDir, 'webapps', app), { recursive: true });
  await writeFile(join(confDir, 'core-site.xml'), coreSiteXml(layout));
  await writeFile(join(confDir, 'hdfs-site.xml'), hdfsSiteXml(layout));
  await writeFile(join(confDir, 'log4j.properties'), hadoopLog4jProperties());
  await writeFile(logFiles.namenode, '');
  await writeFile(logFiles.datanode, '');

  const jvm = hadoopJvmOptions({
    heap: options.heap ?? '256m',
    // The conf dir first: Hadoop reads core-site.xml, hdfs-site.xml and log4j.properties from
    // the classpath.
    classpath: `${confDir}:${runtime.libDir}/*`,
  });
  const spawnRole = (role: HdfsRole) =>
    spawnService({
      command: java,
      args: [...jvm, MAIN_CLASS[role]],
      cwd: workDir,
      logFile: logFiles[role],
      detached: options.detached ?? false,
    });
  // The DataNode first, while the NameNode is formatted: it takes as long to start as the
  // NameNode, and retries its registration until the NameNode's RPC port answers.
  const datanode = spawnRole('datanode');
  try {
    if (!formatted) await formatNameNode(java, jvm, workDir, layout.nameDir, logFiles.namenode);
  } catch (error) {
    await stopProcess(datanode.pid, 5_000).catch(() => undefined);
    throw error;
  }
  const processes = { namenode: spawnRole('namenode'), datanode };
  const server = hdfsServerHandle({
    processes,
    ports,
    workDir,
    timings: { downloadMs, startMs: 0 },
  });
  await awaitReady({
    what: `HDFS with its NameNode on ${server.webHdfsUrl}`,
    ready: () =>
      waitForHdfs(server.webHdfsUrl, {
        timeoutMs: options.readyTimeoutMs ?? JVM_READY_TIMEOUT_MS,
        abortReason: () =>
          exitedDuringStart(processes.namenode, `the ${ROLE_NAME.namenode}`)() ??
          exitedDuringStart(processes.datanode, `the ${ROLE_NAME.datanode}`)(),
      }),
    stop: () => server.stop(5_000),
    logFiles: [logFiles.namenode, logFiles.datanode],
  });
  server.timings.startMs = Date.now() - started;
  return server;
}

async function formatNameNode(
  java: string,
  jvm: readonly string[],
  workDir: string,
  nameDir: string,
  logFile: string,
): Promise<void> {
  try {
    const { stdout, stderr } = await run(
      java,
      [...jvm, MAIN_CLASS.namenode, '-format', '-force', '-nonInteractive', '-clusterid', 'sluice'],
      { cwd: workDir, maxBuffer: 16 * 1024 * 1024 },
    );
    await appendFile(logFile, stdout + stderr);
  } catch (error) {
    const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
    await appendFile(logFile, stdout + stderr);
    throw new ServiceError(
      'start-failed',
      `Could not format the NameNode's storage in ${nameDir}: ${(error as Error).message.split('\n')[0]}\n` +
        `Last lines of ${logFile}:\n${tailOf(logFile)}`,
    );
  }
}

/**
 * Whether `pid` is still this cluster's `role` JVM: its command line names the role's main class
 * and this work dir's conf dir (pids get reused, and other clusters may run beside this one).
 */
export function isHdfsProcess(pid: number, role: HdfsRole, workDir: string): boolean {
  const commandLine = commandLineOf(pid);
  return (
    isAlive(pid) &&
    commandLine.includes(MAIN_CLASS[role]) &&
    commandLine.includes(join(workDir, 'conf'))
  );
}

interface HandleParts {
  processes: Readonly<Record<HdfsRole, Pick<ServiceProcess, 'pid' | 'logFile'>>>;
  ports: HdfsPorts;
  workDir: string;
  timings: { downloadMs: number; startMs: number };
}

/** A handle on a cluster started earlier (possibly by another process, from the state file). */
export function hdfsServerHandle(parts: HandleParts): HdfsServer & {
  timings: { downloadMs: number; startMs: number };
} {
  const { processes, ports, workDir } = parts;
  const pids = { namenode: processes.namenode.pid, datanode: processes.datanode.pid };
  const stopRole = async (role: HdfsRole, graceMs: number) => {
    if (!isHdfsProcess(pids[role], role, workDir)) return;
    try {
      await stopProcess(pids[role], graceMs);
    } catch (error) {
      throw new ServiceError(
        'stop-failed',
        `Could not stop the ${ROLE_NAME[role]} (pid ${pids[role]}): ${(error as Error).message}`,
      );
    }
  };
  return {
    kind: 'hdfs',
    version: HADOOP_VERSION,
    pids,
    webHdfsUrl: `http://127.0.0.1:${ports.namenodeHttpPort}`,
    namenodeRpc: `hdfs://127.0.0.1:${ports.namenodeRpcPort}`,
    ports,
    workDir,
    logFiles: { namenode: processes.namenode.logFile, datanode: processes.datanode.logFile },
    timings: parts.timings,
    async stop(graceMs = 30_000) {
      // Both at once: each shuts down on SIGTERM on its own, and waiting in turn doubles the time.
      const results = await Promise.allSettled([
        stopRole('datanode', graceMs),
        stopRole('namenode', graceMs),
      ]);
      const failed = results.find((result) => result.status === 'rejected');
      if (failed) throw failed.reason;
    },
  };
}
