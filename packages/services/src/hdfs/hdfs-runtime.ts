import {
  ensureMavenRuntime,
  runtimePom,
  type MavenArtifact,
  type MavenRuntime,
} from '../maven/maven-runtime.js';

/**
 * The Hadoop release the harness runs: 3.5.0 runs on Java 17 (with the `--add-opens` flags in
 * `hdfs-config.ts`) and its Maven jars start a NameNode and a DataNode as they are.
 */
export const HADOOP_VERSION = '3.5.0';

/**
 * The NameNode and DataNode live in `hadoop-hdfs`, the configuration and RPC in `hadoop-common`,
 * WebHDFS's JSON types in `hadoop-hdfs-client`. Logging needs nothing extra: `hadoop-common`
 * brings slf4j 1.7 with its reload4j binding (`reload4j`, `slf4j-reload4j`).
 */
export function hadoopArtifacts(version: string): MavenArtifact[] {
  return ['hadoop-common', 'hadoop-hdfs', 'hadoop-hdfs-client'].map((artifactId) => ({
    groupId: 'org.apache.hadoop',
    artifactId,
    version,
  }));
}

/** The pom `ensureHadoopRuntime` hands to Maven (for tests and for a look at what is fetched). */
export function hadoopRuntimePom(version: string): string {
  return runtimePom('hadoop', hadoopArtifacts(version));
}

/**
 * Returns the jars of Hadoop `version` in `<cacheDir>/hadoop-<version>/lib` (128 jars, 68 MB),
 * fetching them from Maven Central the first time.
 */
export async function ensureHadoopRuntime(version = HADOOP_VERSION): Promise<MavenRuntime> {
  return ensureMavenRuntime({
    name: 'hadoop',
    version,
    artifacts: hadoopArtifacts(version),
    requiredJarPrefix: `hadoop-hdfs-${version}`,
  });
}
