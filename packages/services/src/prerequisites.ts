import { execFile } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import { promisify } from 'node:util';
import { ServiceError } from './service-error.js';

const run = promisify(execFile);

/** Where to look for programs: defaults to this process's environment. */
export interface LookupEnv {
  PATH?: string;
  JAVA_HOME?: string;
}

/** The first executable named `name` on `PATH`, or `undefined`. */
export function findOnPath(name: string, env: LookupEnv = process.env): string | undefined {
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // Not here: try the next directory.
    }
  }
  return undefined;
}

/** A Java runtime of 17 or newer: its `java` executable and major version. */
export interface JavaRuntime {
  java: string;
  major: number;
}

/** The default `java`: `$JAVA_HOME/bin/java` when that is executable, else the one on `PATH`. */
export function findDefaultJava(env: LookupEnv = process.env): string | undefined {
  const fromHome = env.JAVA_HOME ? join(env.JAVA_HOME, 'bin', 'java') : undefined;
  return fromHome && isExecutable(fromHome) ? fromHome : findOnPath('java', env);
}

/**
 * Finds `java` ({@link findDefaultJava}) and checks it is 17 or newer, which Kafka 4 and Hadoop
 * 3.5 require. Throws a {@link ServiceError} naming `service` (the server that needs it, e.g.
 * `Kafka`) and saying what to install otherwise.
 */
export async function requireJava(
  service: string,
  env: LookupEnv = process.env,
): Promise<JavaRuntime> {
  const java = findDefaultJava(env);
  if (!java) {
    throw new ServiceError(
      'java-missing',
      `${service} needs Java 17+: no \`java\` found on PATH or in JAVA_HOME. ` +
        'Install openjdk-17-jre-headless (Debian/Ubuntu: apt-get install openjdk-17-jre-headless) ' +
        'or set JAVA_HOME to a JDK 17+.',
    );
  }
  // `java -version` writes to stderr, e.g. `openjdk version "17.0.15" 2025-04-15`.
  const { stderr } = await run(java, ['-version']);
  const major = parseJavaMajor(stderr);
  if (major === undefined || major < 17) {
    throw new ServiceError(
      'java-too-old',
      `${service} needs Java 17+, but ${java} is ${major ?? 'of unknown version'} ` +
        `(${stderr.split('\n')[0]?.trim()}). Install openjdk-17-jre-headless or set JAVA_HOME to a JDK 17+.`,
    );
  }
  return { java, major };
}

/** The major version in `java -version` output (`"1.8.0_392"` → 8, `"17.0.15"` → 17). */
export function parseJavaMajor(versionOutput: string): number | undefined {
  const match = /version "(\d+)(?:\.(\d+))?/.exec(versionOutput);
  if (!match?.[1]) return undefined;
  const first = Number(match[1]);
  return first === 1 && match[2] ? Number(match[2]) : first;
}

/** Finds `mvn`, which fetches Kafka's jars from Maven Central the first time. */
export function requireMaven(env: LookupEnv = process.env): string {
  const mvn = findOnPath('mvn', env);
  if (!mvn) {
    throw new ServiceError(
      'maven-missing',
      'The jars of Kafka, Elasticsearch and HDFS are fetched from Maven Central with Maven, and no `mvn` is on PATH. ' +
        'Install maven (Debian/Ubuntu: apt-get install maven), or fill the jar cache once on a machine that has it.',
    );
  }
  return mvn;
}

/** The OpenSSH programs the SFTP server needs. */
export interface OpenSsh {
  sshd: string;
  sshKeygen: string;
}

/** Finds Debian's `/usr/sbin/sshd` (or one on PATH) and `ssh-keygen`. */
export function requireOpenSsh(env: LookupEnv = process.env, sshdPath = '/usr/sbin/sshd'): OpenSsh {
  const sshd = isExecutable(sshdPath) ? sshdPath : findOnPath('sshd', env);
  const sshKeygen =
    findOnPath('ssh-keygen', env) ??
    (isExecutable('/usr/bin/ssh-keygen') ? '/usr/bin/ssh-keygen' : undefined);
  if (!sshd || !sshKeygen) {
    throw new ServiceError(
      'sshd-missing',
      `The SFTP server needs OpenSSH's ${sshd ? 'ssh-keygen' : `sshd (looked at ${sshdPath} and PATH)`}: ` +
        'install openssh-server (Debian/Ubuntu: apt-get install openssh-server).',
    );
  }
  return { sshd, sshKeygen };
}

/** Whether `file` exists and this process may execute it. */
export function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
