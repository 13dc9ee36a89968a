import {
  ensureMavenRuntime,
  runtimePom,
  type MavenArtifact,
  type MavenRuntime,
} from '../maven/maven-runtime.js';

/**
 * The Kafka release the harness runs. 4.1.x on purpose: 4.0.0 dropped JoinGroup v0/v1, which
 * kafkajs 2.2.4 speaks; 4.0.1 and 4.1.0 restored them.
 */
export const KAFKA_VERSION = '4.1.1';

/** Kafka 4 logs through slf4j 1.7 → log4j 2; the broker jar brings neither binding. */
const LOG4J_VERSION = '2.24.3';

/** A Kafka runtime on disk: a directory of jars for `java -cp`. */
export type KafkaRuntime = MavenRuntime;

/** Kafka's broker and the log4j binding it logs through. */
export function kafkaArtifacts(version: string): MavenArtifact[] {
  return [
    { groupId: 'org.apache.kafka', artifactId: 'kafka_2.13', version },
    { groupId: 'org.apache.logging.log4j', artifactId: 'log4j-core', version: LOG4J_VERSION },
    { groupId: 'org.apache.logging.log4j', artifactId: 'log4j-slf4j-impl', version: LOG4J_VERSION },
  ];
}

/** The pom `ensureKafkaRuntime` hands to Maven (for tests and for a look at what is fetched). */
export function kafkaRuntimePom(version: string): string {
  return runtimePom('kafka', kafkaArtifacts(version));
}

/**
 * Returns the jars of Kafka `version`, fetching them from Maven Central the first time (≈20 s
 * here, then ~/.m2 and the cache make it instant). The cache is `<cacheDir>/kafka-<version>/lib`.
 */
export async function ensureKafkaRuntime(version = KAFKA_VERSION): Promise<KafkaRuntime> {
  return ensureMavenRuntime({
    name: 'kafka',
    version,
    artifacts: kafkaArtifacts(version),
    requiredJarPrefix: 'kafka_2.13-',
  });
}
