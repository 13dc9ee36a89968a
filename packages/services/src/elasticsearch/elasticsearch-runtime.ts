import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { cacheDirReadableByOthers } from '../paths.js';
import { requireMaven } from '../prerequisites.js';
import { ServiceError } from '../service-error.js';

const run = promisify(execFile);

/**
 * The Elasticsearch release the harness runs. 8.x because it runs on the machines' Java 17
 * (9.x needs 21+) and the `@elastic/elasticsearch` 8 client speaks to it (the 9 client's
 * `compatible-with=9` media type is refused by an 8 server).
 */
export const ELASTICSEARCH_VERSION = '8.19.7';

/** Written last into a cache directory, so an interrupted download is never taken as complete. */
const COMPLETE_MARKER = '.complete';

/** An unpacked Elasticsearch distribution: `bin/elasticsearch`, `lib/`, `modules/`, `config/`. */
export interface ElasticsearchRuntime {
  version: string;
  home: string;
  /** Whether this call downloaded the distribution (false when the cache was reused). */
  downloaded: boolean;
}

/**
 * The Maven coordinates of the distribution Elastic publishes for integration tests: the real
 * server with only the transport, security and APM modules (no ingest, painless or analysis
 * plugins; no `GET /`), which is what indexing, bulk, mappings, search and count need.
 */
export function elasticsearchArtifact(version: string): string {
  return `org.elasticsearch.distribution.integ-test-zip:elasticsearch:${version}:zip`;
}

/**
 * Returns the distribution of Elasticsearch `version`, unpacked by `mvn dependency:unpack` the
 * first time (≈100 MB from Maven Central, then ~/.m2 and the cache make it instant). The cache is
 * `<cache>/elasticsearch-<version>/`, in a place the `sluice-es` user can read
 * ({@link cacheDirReadableByOthers}).
 */
export async function ensureElasticsearchRuntime(
  version = ELASTICSEARCH_VERSION,
): Promise<ElasticsearchRuntime> {
  const cache = cacheDirReadableByOthers();
  const home = join(cache, `elasticsearch-${version}`);
  if (existsSync(join(home, COMPLETE_MARKER))) return { version, home, downloaded: false };

  const mvn = requireMaven();
  await mkdir(cache, { recursive: true, mode: 0o755 });
  // Unpack beside the cache and rename into place, so parallel runs never see half a home.
  const staging = `${home}.staging-${process.pid}-${Date.now()}`;
  await mkdir(staging, { recursive: true });
  try {
    try {
      // dependency:unpack keeps the zip's file modes (bin/ stays executable): no unzip needed.
      await run(
        mvn,
        [
          '-q',
          '-B',
          'org.apache.maven.plugins:maven-dependency-plugin:3.8.1:unpack',
          `-Dartifact=${elasticsearchArtifact(version)}`,
          '-DoutputDirectory=dist',
        ],
        { cwd: staging, maxBuffer: 16 * 1024 * 1024 },
      );
    } catch (error) {
      const output = (error as { stdout?: string }).stdout ?? '';
      throw new ServiceError(
        'maven-failed',
        `Could not fetch Elasticsearch ${version} (${elasticsearchArtifact(version)}) from Maven Central ` +
          `with ${mvn} in ${staging}: ${(error as Error).message.split('\n')[0]}\n` +
          output.trim().split('\n').slice(-15).join('\n'),
      );
    }
    const unpacked = join(staging, 'dist', `elasticsearch-${version}`);
    if (!existsSync(join(unpacked, 'bin', 'elasticsearch'))) {
      throw new ServiceError(
        'maven-failed',
        `Maven ran but left no bin/elasticsearch in ${unpacked}.`,
      );
    }
    // Readable by the `sluice-es` user whatever this process's umask was.
    await run('chmod', ['-R', 'a+rX', unpacked]);
    await chmod(unpacked, 0o755);
    await writeFile(join(unpacked, COMPLETE_MARKER), `${new Date().toISOString()}\n`);
    try {
      await rename(unpacked, home);
    } catch (error) {
      // Another run finished first: its complete cache is as good as ours.
      if (!existsSync(join(home, COMPLETE_MARKER))) {
        await rm(home, { recursive: true, force: true });
        await rename(unpacked, home).catch(() => {
          throw error;
        });
      }
    }
    return { version, home, downloaded: true };
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}
