import { execFile } from 'node:child_process';
import { readdirSync, realpathSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { findDefaultJava, isExecutable, parseJavaMajor } from '../prerequisites.js';
import { ServiceError } from '../service-error.js';

const run = promisify(execFile);

/** Where to look for a Java home: this process's environment and the system's JVM directory. */
export interface ElasticsearchJavaLookup {
  env?: { PATH?: string; JAVA_HOME?: string; ES_JAVA_HOME?: string };
  /** Scanned when the default Java is too old; Debian keeps its JDKs (and Temurin's) here. */
  jvmDir?: string;
}

/** A Java home for `ES_JAVA_HOME` (the integ-test distribution bundles no JDK) and its version. */
export interface ElasticsearchJava {
  javaHome: string;
  major: number;
}

/** The oldest Java an Elasticsearch release runs on: 8.x needs 17, 9.x and later 21. */
export function minimumJavaFor(elasticsearchVersion: string): number {
  const major = Number(elasticsearchVersion.split('.')[0]);
  return major >= 9 ? 21 : 17;
}

/**
 * Finds a Java home new enough for Elasticsearch `version`: `$ES_JAVA_HOME` when set; else the
 * Java of `$JAVA_HOME` or `PATH`; else, when that one is too old (Java 17 for ES 9), the oldest
 * fitting JDK in `/usr/lib/jvm` (the machines' second JDK is Temurin there). Throws a
 * {@link ServiceError} naming what was found otherwise.
 */
export async function requireElasticsearchJava(
  version: string,
  lookup: ElasticsearchJavaLookup = {},
): Promise<ElasticsearchJava> {
  const env = lookup.env ?? process.env;
  const jvmDir = lookup.jvmDir ?? '/usr/lib/jvm';
  const minimum = minimumJavaFor(version);

  if (env.ES_JAVA_HOME) {
    const major = await javaMajorOf(join(env.ES_JAVA_HOME, 'bin', 'java'));
    if (major !== undefined && major >= minimum) return { javaHome: env.ES_JAVA_HOME, major };
    throw new ServiceError(
      'java-too-old',
      `Elasticsearch ${version} needs Java ${minimum}+, but ES_JAVA_HOME=${env.ES_JAVA_HOME} ` +
        `holds ${major === undefined ? 'no working bin/java' : `Java ${major}`}.`,
    );
  }

  const seen: string[] = [];
  const defaultJava = findDefaultJava(env);
  if (defaultJava) {
    const major = await javaMajorOf(defaultJava);
    if (major !== undefined && major >= minimum) return { javaHome: homeOf(defaultJava), major };
    seen.push(`${defaultJava} (Java ${major ?? '?'})`);
  }

  const candidates: ElasticsearchJava[] = [];
  for (const name of listDir(jvmDir)) {
    const java = join(jvmDir, name, 'bin', 'java');
    if (!isExecutable(java)) continue;
    const major = await javaMajorOf(java);
    if (major !== undefined && major >= minimum) {
      candidates.push({ javaHome: join(jvmDir, name), major });
    } else {
      seen.push(`${java} (Java ${major ?? '?'})`);
    }
  }
  // The oldest that fits: the release is tested on it; a much newer JDK may not be yet.
  candidates.sort((a, b) => a.major - b.major || a.javaHome.localeCompare(b.javaHome));
  const best = candidates[0];
  if (best) return best;
  throw new ServiceError(
    defaultJava ? 'java-too-old' : 'java-missing',
    `Elasticsearch ${version} needs Java ${minimum}+, and none was found ` +
      `(looked at JAVA_HOME, PATH and ${jvmDir}/*: ${seen.length > 0 ? seen.join(', ') : 'no java at all'}). ` +
      `Install openjdk-${minimum}-jre-headless, or set ES_JAVA_HOME to a JDK ${minimum}+.`,
  );
}

/** The Java home of a `java` executable (`/usr/bin/java` → `/usr/lib/jvm/java-17-…`). */
function homeOf(java: string): string {
  return dirname(dirname(realpathSync(java)));
}

async function javaMajorOf(java: string): Promise<number | undefined> {
  try {
    // `java -version` writes to stderr, e.g. `openjdk version "17.0.15" 2025-04-15`.
    const { stderr } = await run(java, ['-version']);
    return parseJavaMajor(stderr);
  } catch {
    return undefined;
  }
}

function listDir(dir: string): string[] {
  try {
    return readdirSync(dir).sort();
  } catch {
    return [];
  }
}
