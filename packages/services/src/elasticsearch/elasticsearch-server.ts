import { existsSync } from 'node:fs';
import { pbkdf2Sync, randomBytes } from 'node:crypto';
import { cp, mkdir, rm, writeFile } from 'node:fs/promises';
import { get as httpsGet } from 'node:https';
import { join } from 'node:path';
import { z } from 'zod';
import { JVM_READY_TIMEOUT_MS, awaitReady, exitedDuringStart } from '../process/await-ready.js';
import { isPortOpen } from '../process/free-port.js';
import {
  commandLineOf,
  descendantsOf,
  isAlive,
  spawnService,
  stopProcess,
  type ServiceProcess,
} from '../process/service-process.js';
import { ServiceError } from '../service-error.js';
import { selfSignedCertificate } from '../tls/self-signed-certificate.js';
import { waitUntil } from '../wait-until.js';
import { elasticsearchJvmOptions, elasticsearchYml } from './elasticsearch-config.js';
import { requireElasticsearchJava } from './elasticsearch-java.js';
import { ELASTICSEARCH_VERSION, ensureElasticsearchRuntime } from './elasticsearch-runtime.js';
import { commandAs, elasticsearchRunAs, giveTo, requireReachableBy } from './elasticsearch-user.js';

/** Default ports: not Elasticsearch's 9200/9300, so a developer's own node is left alone. */
export const ELASTICSEARCH_DEFAULT_PORTS = { httpPort: 19200, transportPort: 19300 } as const;

/** Where and how to run the node. */
export interface ElasticsearchServerOptions {
  /** Holds conf/, data/, logs/ and tmp/ (wiped at every start, data/ unless `keepData`) and `elasticsearch.log`. */
  workDir: string;
  /** The HTTP (REST) port. */
  port?: number;
  /** The node-to-node port; a single node still binds it. */
  transportPort?: number;
  /** See {@link SpawnServiceOptions.detached}. */
  detached?: boolean;
  /** How long to wait for `GET /_cluster/health` to report yellow or green. */
  readyTimeoutMs?: number;
  /** JVM heap (-Xms and -Xmx); Elasticsearch's own default is half the machine's memory. */
  heap?: string;
  /**
   * Keeps the indices of an earlier run in `workDir`'s data/ (a restart of the same node, for
   * tests of a cluster that goes away and comes back); by default every start is fresh.
   */
  keepData?: boolean;
  /**
   * Security on: HTTPS only, with a self-signed certificate for 127.0.0.1 made at the start (by
   * `openssl`, see selfSignedCertificate), these users (file realm, each a superuser; this distribution cannot hold the
   * native realm's or API keys' `.security` index, whose mapping needs the analysis module it
   * lacks), and an anonymous superuser for the harness.
   */
  secured?: { users: Readonly<Record<string, string>> };
}

/** A running single-node Elasticsearch. */
export interface ElasticsearchServer {
  readonly kind: 'elasticsearch';
  readonly version: string;
  /** The launcher JVM (`bin/elasticsearch`); the server JVM is its child and stops with it. */
  readonly pid: number;
  /** `http://127.0.0.1:<port>` (`https://` when secured), for the REST API and the client's `node`. */
  readonly url: string;
  /** When secured: the node's self-signed certificate (PEM), what clients trust. */
  readonly certificatePem?: string;
  readonly port: number;
  readonly transportPort: number;
  readonly workDir: string;
  readonly logFile: string;
  /** Time spent fetching the distribution (0 when the cache was reused) and starting, in ms. */
  readonly timings: { downloadMs: number; startMs: number };
  /** SIGTERM, then SIGKILL after `graceMs`; resolves when the launcher and the server are gone. */
  stop(graceMs?: number): Promise<void>;
}

/**
 * Starts Elasticsearch (one node, HTTP without security) on 127.0.0.1: fetches the distribution
 * once, writes a fresh config, runs `bin/elasticsearch` — as the `sluice-es` user when this
 * process is root — and waits until the cluster health is yellow or green.
 */
export async function startElasticsearch(
  options: ElasticsearchServerOptions,
): Promise<ElasticsearchServer> {
  const version = ELASTICSEARCH_VERSION;
  const { javaHome } = await requireElasticsearchJava(version);
  const downloadStarted = Date.now();
  const runtime = await ensureElasticsearchRuntime(version);
  const downloadMs = runtime.downloaded ? Date.now() - downloadStarted : 0;
  const started = Date.now();

  const port = options.port ?? ELASTICSEARCH_DEFAULT_PORTS.httpPort;
  const transportPort = options.transportPort ?? ELASTICSEARCH_DEFAULT_PORTS.transportPort;
  for (const taken of [port, transportPort]) {
    // Another node answering health checks on our port would pass for this one.
    if (await isPortOpen(taken)) {
      throw new ServiceError(
        'start-failed',
        `Cannot start Elasticsearch on 127.0.0.1:${taken}: something already listens there.`,
      );
    }
  }

  const runAs = await elasticsearchRunAs();
  const workDir = options.workDir;
  await mkdir(workDir, { recursive: true, mode: 0o755 });
  requireReachableBy(runAs, [runtime.home, workDir]);
  const confDir = join(workDir, 'conf');
  const dataDir = join(workDir, 'data');
  const logsDir = join(workDir, 'logs');
  const tmpDir = join(workDir, 'tmp');
  // The node's id and its indices live in data/; the rest is rewritten at every start.
  for (const dir of options.keepData
    ? [confDir, logsDir, tmpDir]
    : [confDir, dataDir, logsDir, tmpDir]) {
    await rm(dir, { recursive: true, force: true });
  }
  // The distribution's jvm.options and log4j2.properties match its version; ours go on top.
  await cp(join(runtime.home, 'config'), confDir, { recursive: true });
  const hasSecurityModule = existsSync(join(runtime.home, 'modules', 'x-pack-security'));
  if (options.secured && !hasSecurityModule) {
    throw new ServiceError(
      'start-failed',
      `The Elasticsearch distribution in ${runtime.home} has no security module: it cannot serve HTTPS`,
    );
  }
  const certificate = options.secured ? await selfSignedCertificate(confDir, 'http') : undefined;
  if (options.secured) await writeFileRealm(confDir, options.secured.users);
  const certificatePem = certificate?.certificatePem;
  await writeFile(
    join(confDir, 'elasticsearch.yml'),
    elasticsearchYml({
      httpPort: port,
      transportPort,
      dataDir,
      logsDir,
      hasSecurityModule,
      ...(certificate && {
        security: { certificateFile: certificate.certificateFile, keyFile: certificate.keyFile },
      }),
    }),
  );
  await mkdir(join(confDir, 'jvm.options.d'), { recursive: true });
  await writeFile(
    join(confDir, 'jvm.options.d', 'sluice.options'),
    elasticsearchJvmOptions(options.heap ?? '512m'),
  );
  for (const dir of [dataDir, logsDir, tmpDir]) await mkdir(dir, { recursive: true });
  // The launcher writes elasticsearch.keystore into conf/ at its first start.
  await giveTo(runAs, [confDir, dataDir, logsDir, tmpDir]);
  const logFile = join(workDir, 'elasticsearch.log');
  await writeFile(logFile, '');

  const launch = commandAs(runAs, join(runtime.home, 'bin', 'elasticsearch'));
  const process_ = spawnService({
    ...launch,
    cwd: workDir,
    logFile,
    // A small, explicit environment: no JAVA_HOME (the script warns that it ignores it) and no
    // JAVA_TOOL_OPTIONS or ES_JAVA_OPTS from the caller changing the JVM behind the test's back.
    env: {
      PATH: process.env.PATH ?? '/usr/local/bin:/usr/bin:/bin',
      LANG: process.env.LANG ?? 'C.UTF-8',
      HOME: tmpDir,
      ES_JAVA_HOME: javaHome,
      ES_PATH_CONF: confDir,
      ES_TMPDIR: tmpDir,
    },
    detached: options.detached ?? false,
  });
  const server = elasticsearchServerHandle({
    process: process_,
    port,
    transportPort,
    workDir,
    timings: { downloadMs, startMs: 0 },
    ...(certificatePem && { certificatePem }),
  });
  await awaitReady({
    what: `Elasticsearch at ${server.url}`,
    ready: () =>
      waitForElasticsearch(server.url, {
        timeoutMs: options.readyTimeoutMs ?? JVM_READY_TIMEOUT_MS,
        abortReason: exitedDuringStart(process_, 'Elasticsearch'),
        ...(certificatePem && { ca: certificatePem }),
      }),
    // Our own child: stop it even if it has not yet exec'd into the launcher JVM.
    stop: async () => {
      if (process_.exitDescription() === undefined) await stopTree(process_.pid, 5_000);
    },
    logFiles: [logFile],
  });
  server.timings.startMs = Date.now() - started;
  return server;
}

const clusterHealth = z.object({ status: z.enum(['green', 'yellow', 'red']) });

/**
 * Resolves once `GET <url>/_cluster/health` reports yellow or green. (This distribution has no
 * `GET /`, so the client's `ping()` and `info()` fail against it.)
 */
export async function waitForElasticsearch(
  url: string,
  wait: { timeoutMs: number; abortReason?: () => string | undefined; ca?: string },
): Promise<void> {
  const { ca, ...untilReady } = wait;
  await waitUntil(
    async () => {
      let response: { status: number; text: () => Promise<string> };
      try {
        response = await getWithin(`${url}/_cluster/health?wait_for_status=yellow&timeout=1s`, {
          timeoutMs: 5_000,
          ...(ca && { ca }),
        });
      } catch (error) {
        const cause = (error as { cause?: { code?: string; message?: string } }).cause;
        throw new Error(
          cause?.code === 'ECONNREFUSED'
            ? `Elasticsearch at ${url} refused the connection`
            : `Elasticsearch at ${url} did not answer: ${cause?.message ?? (error as Error).message}`,
          { cause: error },
        );
      }
      const text = await response.text();
      let body: unknown;
      try {
        body = JSON.parse(text);
      } catch {
        body = undefined;
      }
      const health = clusterHealth.safeParse(body);
      if (!health.success) {
        throw new Error(
          `Elasticsearch at ${url} answered /_cluster/health with HTTP ${response.status}: ${text.slice(0, 300)}`,
        );
      }
      if (health.data.status === 'red') {
        throw new Error(`Elasticsearch at ${url} reports cluster health red`);
      }
      return true;
    },
    { intervalMs: 500, ...untilReady },
  );
}

/** A GET with fetch's shape of answer; over HTTPS trusting `ca` (fetch takes no CA of its own). */
async function getWithin(
  url: string,
  options: { timeoutMs: number; ca?: string },
): Promise<{ status: number; text: () => Promise<string> }> {
  if (!options.ca) return fetch(url, { signal: AbortSignal.timeout(options.timeoutMs) });
  return new Promise((resolve, reject) => {
    const request = httpsGet(url, { ca: options.ca, timeout: options.timeoutMs }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('error', reject);
      response.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        resolve({ status: response.statusCode ?? 0, text: () => Promise.resolve(text) });
      });
    });
    request.on('timeout', () =>
      request.destroy(new Error(`no answer within ${options.timeoutMs} ms`)),
    );
    request.on('error', (error) =>
      reject(Object.assign(new Error(error.message), { cause: error })),
    );
  });
}

/**
 * The file realm's `users` (name and PBKDF2 hash, in Elasticsearch's `{PBKDF2}<cost>$<salt>$<key>`
 * form: HMAC-SHA512, 32-byte salt and key) and `users_roles` (every user a superuser).
 */
async function writeFileRealm(
  confDir: string,
  users: Readonly<Record<string, string>>,
): Promise<void> {
  const cost = 10_000;
  const lines = Object.entries(users).map(([name, password]) => {
    if (!/^[A-Za-z0-9._-]+$/.test(name))
      throw new Error(`Invalid Elasticsearch user name '${name}'`);
    const salt = randomBytes(32);
    const key = pbkdf2Sync(password, salt, cost, 32, 'sha512');
    return `${name}:{PBKDF2}${cost}$${salt.toString('base64')}$${key.toString('base64')}`;
  });
  await writeFile(join(confDir, 'users'), `${lines.join('\n')}\n`);
  await writeFile(join(confDir, 'users_roles'), `superuser:${Object.keys(users).join(',')}\n`);
}

/**
 * What `bin/elasticsearch`'s launcher JVM of the node in `workDir` has on its command line, so
 * the harness signals a pid only while it is still that node (pids get reused).
 */
export function elasticsearchCommandMarker(workDir: string): string {
  return `-Des.path.conf=${join(workDir, 'conf')}`;
}

interface HandleParts {
  process: Pick<ServiceProcess, 'pid' | 'logFile'>;
  port: number;
  transportPort: number;
  workDir: string;
  timings: { downloadMs: number; startMs: number };
  certificatePem?: string;
}

/** A handle on a node started earlier (possibly by another process, from the state file). */
export function elasticsearchServerHandle(parts: HandleParts): ElasticsearchServer & {
  timings: { downloadMs: number; startMs: number };
} {
  const { pid, logFile } = parts.process;
  return {
    kind: 'elasticsearch',
    version: ELASTICSEARCH_VERSION,
    pid,
    url: `${parts.certificatePem ? 'https' : 'http'}://127.0.0.1:${parts.port}`,
    ...(parts.certificatePem && { certificatePem: parts.certificatePem }),
    port: parts.port,
    transportPort: parts.transportPort,
    workDir: parts.workDir,
    logFile,
    timings: parts.timings,
    async stop(graceMs = 30_000) {
      if (!commandLineOf(pid).includes(elasticsearchCommandMarker(parts.workDir))) return;
      try {
        await stopTree(pid, graceMs);
      } catch (error) {
        throw new ServiceError(
          'stop-failed',
          `Could not stop Elasticsearch (pid ${pid}): ${(error as Error).message}`,
        );
      }
    },
  };
}

/**
 * SIGTERM to the launcher, whose shutdown hook stops the server JVM in order; then whatever of
 * the server is left (the launcher was SIGKILLed after the grace period) is stopped too.
 */
async function stopTree(pid: number, graceMs: number): Promise<void> {
  const children = descendantsOf(pid);
  await stopProcess(pid, graceMs);
  for (const child of children) {
    if (isAlive(child)) await stopProcess(child, 5_000);
  }
}
