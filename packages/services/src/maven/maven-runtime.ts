import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { cacheDir } from '../paths.js';
import { requireMaven } from '../prerequisites.js';
import { ServiceError } from '../service-error.js';

const run = promisify(execFile);

/** Written last into a cache directory, so an interrupted download is never taken as complete. */
const COMPLETE_MARKER = '.complete';

/** One `<dependency>` of a runtime pom. */
export interface MavenArtifact {
  groupId: string;
  artifactId: string;
  version: string;
}

/** What to fetch: a product's name and version (the cache key) and the artifacts it needs. */
export interface MavenRuntimeSpec {
  /** Used in the cache directory's name (`<name>-<version>`) and in messages. */
  name: string;
  version: string;
  artifacts: readonly MavenArtifact[];
  /** A jar whose file name starts with this must be in `lib/`, or the fetch failed. */
  requiredJarPrefix: string;
}

/** A runtime on disk: a directory of jars for `java -cp`. */
export interface MavenRuntime {
  version: string;
  /** `<cacheDir>/<name>-<version>`, holding `lib/`, the pom and the `.complete` marker. */
  home: string;
  libDir: string;
  /** Whether this call downloaded the jars (false when the cache was reused). */
  downloaded: boolean;
}

/** The minimal pom whose runtime dependencies are exactly `artifacts` and what they pull in. */
export function runtimePom(name: string, artifacts: readonly MavenArtifact[]): string {
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<project xmlns="http://maven.apache.org/POM/4.0.0">',
    '  <modelVersion>4.0.0</modelVersion>',
    '  <groupId>dev.sluice.services</groupId>',
    `  <artifactId>${name}-runtime</artifactId>`,
    '  <version>1</version>',
    '  <packaging>pom</packaging>',
    '  <dependencies>',
    ...artifacts.map(
      (a) =>
        `    <dependency><groupId>${a.groupId}</groupId><artifactId>${a.artifactId}</artifactId><version>${a.version}</version></dependency>`,
    ),
    '  </dependencies>',
    '</project>',
    '',
  ].join('\n');
}

/**
 * Returns the jars of `spec`, fetching them from Maven Central with
 * `mvn dependency:copy-dependencies` the first time into `<cacheDir>/<name>-<version>/lib`. The
 * download goes to a staging directory renamed into place with a `.complete` marker, so parallel
 * runs never see half a lib dir.
 */
export async function ensureMavenRuntime(spec: MavenRuntimeSpec): Promise<MavenRuntime> {
  const label = `${spec.name} ${spec.version}`;
  const home = join(cacheDir(), `${spec.name}-${spec.version}`);
  const libDir = join(home, 'lib');
  if (existsSync(join(home, COMPLETE_MARKER))) {
    return { version: spec.version, home, libDir, downloaded: false };
  }

  const mvn = requireMaven();
  const staging = `${home}.staging-${process.pid}-${Date.now()}`;
  await mkdir(staging, { recursive: true });
  try {
    await writeFile(join(staging, 'pom.xml'), runtimePom(spec.name, spec.artifacts));
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
        `Could not fetch ${label} from Maven Central with ${mvn} (pom in ${staging}): ` +
          `${(error as Error).message.split('\n')[0]}\n${output.trim().split('\n').slice(-15).join('\n')}`,
      );
    }
    const jars = (await readdir(join(staging, 'lib'))).filter((file) => file.endsWith('.jar'));
    if (!jars.some((file) => file.startsWith(spec.requiredJarPrefix))) {
      throw new ServiceError(
        'maven-failed',
        `Maven ran but left no ${spec.requiredJarPrefix}*.jar in ${staging}/lib.`,
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
    return { version: spec.version, home, libDir, downloaded: true };
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}
