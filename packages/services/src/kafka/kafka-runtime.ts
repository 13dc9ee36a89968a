import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { cacheDir } from '../paths.js';
import { requireMaven } from '../prerequisites.js';
import { ServiceError } from '../service-error.js';

const run = promisify(execFile);

/**
 * The Kafka release the harness runs. 4.1.x on purpose: 4.0.0 dropped JoinGroup v0/v1, which
 * kafkajs 2.2.4 speaks; 4.0.1 and 4.1.0 restored them.
 */
export const KAFKA_VERSION = '4.1.1';

/** Kafka 4 logs through slf4j 1.7 → log4j 2; the broker jar brings neither binding. */
const LOG4J_VERSION = '2.24.3';

/** Written last into a cache directory, so an interrupted download is never taken as complete. */
const COMPLETE_MARKER = '.complete';

/** A Kafka runtime on disk: a directory of jars for `java -cp`. */
export interface KafkaRuntime {
  version: string;
  libDir: string;
  /** Whether this call downloaded the jars (false when the cache was reused). */
  downloaded: boolean;
}

/** The minimal pom whose runtime dependencies are exactly Kafka's broker and its logging. */
export function kafkaRuntimePom(version: string): string {
  const dependency = (groupId: string, artifactId: string, v: string) =>
    `    <dependency><groupId>${groupId}</groupId><artifactId>${artifactId}</artifactId><version>${v}</version></dependency>`;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<project xmlns="http://maven.apache.org/POM/4.0.0">',
    '  <modelVersion>4.0.0</modelVersion>',
    '  <groupId>dev.sluice.services</groupId>',
    '  <artifactId>kafka-runtime</artifactId>',
    '  <version>1</version>',
    '  <packaging>pom</packaging>',
    '  <dependencies>',
    dependency('org.apache.kafka', 'kafka_2.13', version),
    dependency('org.apache.logging.log4j', 'log4j-core', LOG4J_VERSION),
    dependency('org.apache.logging.log4j', 'log4j-slf4j-impl', LOG4J_VERSION),
    '  </dependencies>',
    '</project>',
    '',
  ].join('\n');
}

/**
 * Returns the jars of Kafka `version`, fetching them from Maven Central with
 * `mvn dependency:copy-dependencies` the first time (≈20 s here, then ~/.m2 and the cache make it
 * instant). The cache is `<cacheDir>/kafka-<version>/lib`.
 */
export async function ensureKafkaRuntime(version = KAFKA_VERSION): Promise<KafkaRuntime> {
  const home = join(cacheDir(), `kafka-${version}`);
  const libDir = join(home, 'lib');
  if (existsSync(join(home, COMPLETE_MARKER))) return { version, libDir, downloaded: false };

  const mvn = requireMaven();
  // Download beside the cache and rename into place, so parallel runs never see half a lib dir.
  const staging = `${home}.staging-${process.pid}-${Date.now()}`;
  await mkdir(staging, { recursive: true });
  try {
    await writeFile(join(staging, 'pom.xml'), kafkaRuntimePom(version));
    try {
      await run(
        mvn,
        [
          '-q',
          '-B',
          'org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy-dependencies',
          '-DoutputDirectory=lib',
          '-DincludeScope=runtime',
        ],
        { cwd: staging, maxBuffer: 16 * 1024 * 1024 },
      );
    } catch (error) {
      const output = (error as { stdout?: string }).stdout ?? '';
      throw new ServiceError(
        'maven-failed',
        `Could not fetch Kafka ${version} from Maven Central with ${mvn} (pom in ${staging}): ` +
          `${(error as Error).message.split('\n')[0]}\n${output.trim().split('\n').slice(-15).join('\n')}`,
      );
    }
    const jars = (await readdir(join(staging, 'lib'))).filter((name) => name.endsWith('.jar'));
    if (!jars.some((name) => name.startsWith('kafka_2.13-'))) {
      throw new ServiceError(
        'maven-failed',
        `Maven ran but left no kafka_2.13 jar in ${staging}/lib.`,
      );
    }
    await writeFile(join(staging, COMPLETE_MARKER), `${new Date().toISOString()}\n`);
    await mkdir(cacheDir(), { recursive: true });
    try {
      await rename(staging, home);
    } catch (error) {
      // Another run finished first: its complete cache is as good as ours.
      if (!existsSync(join(home, COMPLETE_MARKER))) {
        await rm(home, { recursive: true, force: true });
        await rename(staging, home).catch(() => {
          throw error;
        });
      }
    }
    return { version, libDir, downloaded: true };
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}
