import { pathToFileURL } from 'node:url';

/** The five ports of a NameNode and a DataNode on 127.0.0.1. */
export interface HdfsPorts {
  /** NameNode RPC (`hdfs://127.0.0.1:<port>`), Hadoop's own default 8020. */
  namenodeRpcPort: number;
  /** NameNode HTTP: WebHDFS and JMX, Hadoop's own default 9870. */
  namenodeHttpPort: number;
  /** DataNode block transfer, Hadoop's own default 9866. */
  datanodePort: number;
  /** DataNode HTTP: where WebHDFS redirects reads and writes, Hadoop's own default 9864. */
  datanodeHttpPort: number;
  /** DataNode IPC, Hadoop's own default 9867. */
  datanodeIpcPort: number;
}

/** The ports and directories of a one-DataNode cluster. */
export interface HdfsLayout {
  ports: HdfsPorts;
  nameDir: string;
  dataDir: string;
  /** `hadoop.tmp.dir`: Hadoop's default `/tmp/hadoop-<user>` would be shared by parallel tests. */
  tmpDir: string;
}

/** core-site.xml: the default file system is this NameNode. */
export function coreSiteXml(layout: HdfsLayout): string {
  return configurationXml([
    ['fs.defaultFS', `hdfs://127.0.0.1:${layout.ports.namenodeRpcPort}`],
    ['hadoop.tmp.dir', layout.tmpDir],
  ]);
}

/**
 * hdfs-site.xml for one NameNode and one DataNode on 127.0.0.1: one replica, no permission
 * checks (tests and development write as any user), WebHDFS on, no safe-mode extension.
 */
export function hdfsSiteXml(layout: HdfsLayout): string {
  const { ports } = layout;
  return configurationXml([
    ['dfs.replication', '1'],
    ['dfs.permissions.enabled', 'false'],
    ['dfs.webhdfs.enabled', 'true'],
    ['dfs.namenode.name.dir', fileUri(layout.nameDir)],
    ['dfs.datanode.data.dir', fileUri(layout.dataDir)],
    ['dfs.namenode.rpc-address', `127.0.0.1:${ports.namenodeRpcPort}`],
    ['dfs.namenode.http-address', `127.0.0.1:${ports.namenodeHttpPort}`],
    ['dfs.datanode.address', `127.0.0.1:${ports.datanodePort}`],
    ['dfs.datanode.http.address', `127.0.0.1:${ports.datanodeHttpPort}`],
    ['dfs.datanode.ipc.address', `127.0.0.1:${ports.datanodeIpcPort}`],
    // WebHDFS redirects reads and writes to the DataNode by the name it registered with: make
    // that 127.0.0.1, not the machine's host name, which may not resolve to a bound address.
    ['dfs.datanode.hostname', '127.0.0.1'],
    ['dfs.namenode.datanode.registration.ip-hostname-check', 'false'],
    // Leave safe mode as soon as the (empty) namespace is loaded; the default waits 30 s.
    ['dfs.namenode.safemode.extension', '0'],
  ]);
}

/**
 * log4j 1 (reload4j) configuration: warnings, plus the NameNode's and DataNode's start and stop
 * lines, to stdout (the harness's log files). Hadoop's INFO logging writes a line per block.
 */
export function hadoopLog4jProperties(): string {
  return [
    'log4j.rootLogger=WARN, out',
    'log4j.appender.out=org.apache.log4j.ConsoleAppender',
    'log4j.appender.out.layout=org.apache.log4j.PatternLayout',
    'log4j.appender.out.layout.ConversionPattern=%d{ISO8601} %p %c{2}: %m%n',
    'log4j.logger.org.apache.hadoop.hdfs.server.namenode.NameNode=INFO',
    'log4j.logger.org.apache.hadoop.hdfs.server.datanode.DataNode=INFO',
    // Expected here: the jars from Maven have no native library, and no HTTP signature secret
    // file is configured (a random secret is what a test cluster wants).
    'log4j.logger.org.apache.hadoop.security.authentication.server.AuthenticationFilter=ERROR',
    'log4j.logger.org.apache.hadoop.util.NativeCodeLoader=ERROR',
    '',
  ].join('\n');
}

/**
 * The packages Hadoop reaches into by reflection: without these `--add-opens` Java 17 stops the
 * NameNode and DataNode with InaccessibleObjectException (as Hadoop's own scripts add them).
 */
export const HADOOP_ADD_OPENS = [
  'java.base/java.io',
  'java.base/java.lang',
  'java.base/java.lang.reflect',
  'java.base/java.math',
  'java.base/java.net',
  'java.base/java.text',
  'java.base/java.util',
  'java.base/java.util.concurrent',
  'java.base/java.util.zip',
  'java.base/sun.security.util',
  'java.base/sun.security.x509',
] as const;

/**
 * The web applications the NameNode and DataNode look up on the classpath as `webapps/<name>`
 * and refuse to start without. Maven's hadoop-hdfs jar leaves them out (they ship only in the
 * binary tarball); WebHDFS and JMX are servlets that need none of their files, so empty
 * directories under the conf dir do.
 */
export const HADOOP_WEBAPPS = ['hdfs', 'datanode'] as const;

/** JVM options shared by the format run, the NameNode and the DataNode. */
export function hadoopJvmOptions(options: { heap: string; classpath: string }): string[] {
  return [
    `-Xmx${options.heap}`,
    // Two small JVMs for tests on a shared 2-core machine: the serial collector uses the least
    // memory and no GC threads; the C1 compiler alone spends less CPU while they start and keeps
    // each ~30 MB smaller. Neither matters for a test namespace's throughput.
    '-XX:+UseSerialGC',
    '-XX:TieredStopAtLevel=1',
    '-XX:+IgnoreUnrecognizedVMOptions',
    ...HADOOP_ADD_OPENS.map((pkg) => `--add-opens=${pkg}=ALL-UNNAMED`),
    '-Djava.net.preferIPv4Stack=true',
    '-cp',
    options.classpath,
  ];
}

function configurationXml(properties: readonly (readonly [string, string])[]): string {
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<configuration>',
    ...properties.map(
      ([name, value]) =>
        `  <property><name>${name}</name><value>${escapeXml(value)}</value></property>`,
    ),
    '</configuration>',
    '',
  ].join('\n');
}

function fileUri(dir: string): string {
  // Percent-encoded, so a directory with spaces is still a URI Hadoop accepts.
  return pathToFileURL(dir).href;
}

function escapeXml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;');
}
